package io.trunkline.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.trunkline.platform.rest.OperatorCredential;
import io.trunkline.platform.rest.Problem;

/** Tenants' API keys as {@code Authorization: Bearer <key>} (RFC 6750), read as the operator's token is, and 401/403. */
final class BearerTokens {

    private BearerTokens() {
    }

    /** The token, or null when the header is missing or not a bearer token. */
    static String from(ContainerRequestContext ctx) {
        return OperatorCredential.bearer(ctx.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    static Response unauthorized(String detail) {
        return OperatorCredential.unauthorized("trunkline", detail);
    }

    static Response forbidden(String slug, String title, String detail) {
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(Problem.of(403, slug, title, detail)).build();
    }
}
