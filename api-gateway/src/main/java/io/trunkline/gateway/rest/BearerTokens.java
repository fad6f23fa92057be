package io.trunkline.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.trunkline.platform.rest.Problem;

/** Reading {@code Authorization: Bearer <token>} (RFC 6750) and answering 401/403 as problem details. */
final class BearerTokens {
    private static final String SCHEME = "bearer ";

    private BearerTokens() {
    }

    /** The token, or null when the header is missing or not a bearer token. */
    static String from(ContainerRequestContext ctx) {
        String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.isEmpty() ? null : token;
    }

    static Response unauthorized(String detail) {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"trunkline\"")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "unauthorized", "Unauthorized", detail))
                .build();
    }

    static Response forbidden(String slug, String title, String detail) {
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(Problem.of(403, slug, title, detail)).build();
    }
}
