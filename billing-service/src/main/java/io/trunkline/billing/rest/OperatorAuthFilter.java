package io.trunkline.billing.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.trunkline.platform.rest.Problem;

/** {@code Authorization: Bearer <operator token>} on every {@link OperatorOnly} resource; 401 problem otherwise. */
@OperatorOnly
@Provider
@Priority(Priorities.AUTHENTICATION)
public class OperatorAuthFilter implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";

    private final OperatorToken token;

    public OperatorAuthFilter(OperatorToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            request.abortWith(unauthorized("an operator bearer token is required (Authorization: Bearer <token>)"));
        } else if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorized("the Authorization header must use the Bearer scheme"));
        } else if (!token.matches(header.substring(BEARER.length()).trim())) {
            request.abortWith(unauthorized("the operator token is not valid"));
        }
    }

    private static Response unauthorized(String detail) {
        Problem p = Problem.of(401, "unauthorized", "Unauthorized", detail);
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"trunkline-operator\"")
                .entity(p)
                .build();
    }
}
