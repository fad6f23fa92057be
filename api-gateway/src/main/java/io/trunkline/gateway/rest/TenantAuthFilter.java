package io.trunkline.gateway.rest;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.trunkline.gateway.service.ApiKeyService;
import io.trunkline.platform.rest.OperatorCredential;

/**
 * Admits a request to the tenant API only with {@code Authorization: Bearer <API key>} of a key that exists and is
 * not revoked (401 otherwise), of a tenant that is not suspended (403).
 * <p>
 * The operator's token with {@value OperatorCredential#ACT_FOR_TENANT}{@code : <tenant id>} acts for that tenant: the portal serves a
 * tenant's staff this way without holding the tenant's keys, and the operator's support can see what a tenant sees.
 * The tenant is then treated exactly as with its own key (suspension, rate limit, data scope). With anything else the
 * header means nothing: an API key acts for its own tenant whatever the header says, and the operator token without
 * the header does not open the tenant API.
 */
@Provider
@TenantAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class TenantAuthFilter implements ContainerRequestFilter {
    private final ApiKeyService keys;
    private final CurrentTenant current;
    private final WorkerFallbacks workers;
    // looked up per request: filters are built at static init, before the config the credential comes from
    private final Instance<OperatorCredential> operator;

    public TenantAuthFilter(ApiKeyService keys, CurrentTenant current, WorkerFallbacks workers,
            Instance<OperatorCredential> operator) {
        this.keys = keys;
        this.current = current;
        this.workers = workers;
        this.operator = operator;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String token = BearerTokens.from(ctx);
        if (token == null) {
            ctx.abortWith(BearerTokens.unauthorized("an API key is needed: Authorization: Bearer <API key>"));
            return;
        }
        CurrentTenant target = current.instance();
        String actFor = ctx.getHeaderString(OperatorCredential.ACT_FOR_TENANT);
        if (actFor != null && operator.get().matches(token)) {
            workers.inMemoryOrSuspend(ctx, "authentication", () -> keys.actingFor(actFor.trim()), a -> {
                if (a.isEmpty()) {
                    ctx.abortWith(BearerTokens.forbidden("unknown-tenant", "Unknown tenant",
                            "no tenant has the id " + OperatorCredential.ACT_FOR_TENANT + " names"));
                } else {
                    apply(ctx, a, target);
                }
            });
            return;
        }
        // on the event loop (a non-blocking send): answered from the key cache, or verified on a worker thread and
        // then resumed; on a worker thread, simply here
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
