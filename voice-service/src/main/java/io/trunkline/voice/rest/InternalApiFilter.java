package io.trunkline.voice.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.trunkline.platform.rest.Problem;

/**
 * The tenant API trusts {@link TenantHeader}, so a request must also prove it comes from the api-gateway:
 * {@code Authorization: Bearer <operator token>} ({@code trunkline.voice.operator-token}, env
 * {@code TRUNKLINE_OPERATOR_TOKEN}, the token the gateway holds). Without it anyone who can reach port 8082 could act
 * as any tenant by setting the header. 401 problem otherwise, before the tenant header is even looked at.
 */
@Provider
@InternalApi
@Priority(Priorities.AUTHENTICATION)
public class InternalApiFilter implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";

    private final OperatorToken token;

    public InternalApiFilter(OperatorToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String auth = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (auth == null || auth.isBlank()) {
            ctx.abortWith(unauthorized("the operator token is required (Authorization: Bearer <token>); "
                    + "tenants reach this API through the api-gateway"));
            return;
        }
        if (!auth.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !token.matches(auth.substring(BEARER.length()).trim())) {
            ctx.abortWith(unauthorized("the operator token is not valid"));
        }
    }

    private static Response unauthorized(String detail) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"trunkline-voice\"")
                .entity(Problem.of(401, "unauthorized", "Unauthorized", detail)).build();
    }
}
