package io.trunkline.gateway.rest;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.trunkline.gateway.service.RateLimitService;
import io.trunkline.platform.rest.Problem;

/**
 * The per-tenant rate limit of single sends: {@code POST /v1/messages} and {@code POST /v1/verifications}. Runs after
 * {@link TenantAuthFilter} (a later priority), so the tenant is known, and before the resource, so a refused send
 * stores nothing. Chosen by path rather than by annotation so that the send resources need no change; a quote, a
 * read or a bulk is not limited. {@code /cgi-bin/sendsms} takes its token in {@link KannelSendSmsResource}, after its
 * own authentication.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 500)
public class RateLimitFilter implements ContainerRequestFilter {
    /** Paths (without trailing slash) of the sends that take a token. */
    static final Set<String> LIMITED = Set.of("/v1/messages", "/v1/verifications");

    private final RateLimitService rateLimit;
    private final CurrentTenant current;
    private final WorkerFallbacks workers;

    public RateLimitFilter(RateLimitService rateLimit, CurrentTenant current, WorkerFallbacks workers) {
        this.rateLimit = rateLimit;
        this.current = current;
        this.workers = workers;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (!HttpMethod.POST.equals(ctx.getMethod()) || !LIMITED.contains(normalised(ctx.getUriInfo().getPath()))) {
            return;
        }
        String tenantId;
        try {
            tenantId = current.get().tenantId();
        } catch (IllegalStateException e) {
            return; // not a tenant-authenticated resource (the authentication filter answers for those)
        }
        // on the event loop (a non-blocking send) the bucket is in memory, except when the tenant's limit is due to be
        // read again (before any token is taken), which is done on a worker thread before the request goes on
        workers.inMemoryOrSuspend(ctx, "rate-limit", () -> rateLimit.tryAcquire(tenantId), d -> apply(ctx, d));
    }

    private static void apply(ContainerRequestContext ctx, RateLimitService.Decision d) {
        if (!d.admitted()) {
            ctx.abortWith(tooManyRequests(d));
        }
    }

    /** 429 problem+json with {@code Retry-After} in whole seconds. */
    static Response tooManyRequests(RateLimitService.Decision d) {
        Problem p = Problem.of(429, "rate-limited", "Too many requests",
                "this account may send " + d.messagesPerSecond() + " messages per second (bursts of " + d.burst()
                        + "); retry after " + d.retryAfterSeconds() + " s");
        return Response.status(429).header("Retry-After", d.retryAfterSeconds()).type(Problem.MEDIA_TYPE).entity(p)
                .build();
    }

    private static String normalised(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
