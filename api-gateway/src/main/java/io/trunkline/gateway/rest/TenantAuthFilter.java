package io.trunkline.gateway.rest;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.trunkline.gateway.service.ApiKeyService;

/**
 * Admits a request to the tenant API only with {@code Authorization: Bearer <API key>} of a key that exists and is
 * not revoked (401 otherwise), of a tenant that is not suspended (403).
 */
@Provider
@TenantAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class TenantAuthFilter implements ContainerRequestFilter {
    private final ApiKeyService keys;
    private final CurrentTenant current;
    private final WorkerFallbacks workers;

    public TenantAuthFilter(ApiKeyService keys, CurrentTenant current, WorkerFallbacks workers) {
        this.keys = keys;
        this.current = current;
        this.workers = workers;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String token = BearerTokens.from(ctx);
        if (token == null) {
            ctx.abortWith(BearerTokens.unauthorized("an API key is needed: Authorization: Bearer <API key>"));
            return;
        }
        // on the event loop (a non-blocking send): answered from the key cache, or verified on a worker thread and
        // then resumed; on a worker thread, simply here
        CurrentTenant target = current.instance();
        workers.inMemoryOrSuspend(ctx, "authentication", () -> keys.authenticate(token), a -> apply(ctx, a, target));
    }

    private static void apply(ContainerRequestContext ctx, Optional<ApiKeyService.Access> access,
            CurrentTenant current) {
        if (access.isEmpty()) {
            ctx.abortWith(BearerTokens.unauthorized("the API key is not valid (unknown or revoked)"));
            return;
        }
        if (access.get().suspended()) {
            ctx.abortWith(BearerTokens.forbidden("tenant-suspended", "Tenant suspended",
                    "the account is suspended by the operator; the API is not available until it is activated again"));
            return;
        }
        current.set(access.get().tenant());
    }
}
