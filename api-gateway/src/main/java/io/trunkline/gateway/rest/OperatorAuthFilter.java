package io.trunkline.gateway.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.trunkline.gateway.service.OperatorToken;

/** Admits a request to the operator API only with {@code Authorization: Bearer <trunkline.gateway.operator-token>}. */
@Provider
@OperatorAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class OperatorAuthFilter implements ContainerRequestFilter {
    private final OperatorToken operatorToken;

    public OperatorAuthFilter(OperatorToken operatorToken) {
        this.operatorToken = operatorToken;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String token = BearerTokens.from(ctx);
        if (token == null) {
            ctx.abortWith(BearerTokens.unauthorized("the operator API needs Authorization: Bearer <operator token>"));
            return;
        }
        if (!operatorToken.matches(token)) {
            ctx.abortWith(BearerTokens.unauthorized("the operator token is not valid"));
        }
    }
}
