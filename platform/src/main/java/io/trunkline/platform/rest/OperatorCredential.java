package io.trunkline.platform.rest;

import java.security.MessageDigest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.trunkline.platform.Sha256;

/**
 * The operator's bearer token as one service holds it (each service reads its own {@code trunkline.<service>.operator-token},
 * all set from {@code TRUNKLINE_OPERATOR_TOKEN}), and the answer to a request that does not carry it. Each service
 * produces one from its config for {@link OperatorAuthFilter}.
 *
 * <p>One type for every service, so none compares the token as a plain string (which tells it byte by byte through
 * response times) or reads the header its own way: tokens are compared as SHA-256 digests in constant time, whatever
 * the presented length; the scheme is case-insensitive (RFC 7235); a blank configured token matches nothing, so an
 * unset variable closes the operator API rather than opening it to {@code "Bearer "}.
 */
public final class OperatorCredential {
    /** The default every service's config carries, for local runs; {@link #startupWarning} names it in prod mode. */
    public static final String DEV_DEFAULT = "dev-operator-token";
    /**
     * With the operator's token, names the tenant a call is for: the api-gateway's tenant API acts for it (the
     * portal), and voice-service takes it from the gateway as the authenticated tenant.
     */
    public static final String ACT_FOR_TENANT = "X-Trunkline-Tenant";
    private static final String SCHEME = "bearer ";

    private final String property;
    private final String realm;
    private final String whenMissing;
    private final byte[] digest;
    private final boolean devDefault;

    /**
     * @param token the configured token (blank: nothing matches)
     * @param property the configuration property it came from, named in the startup warning
     * @param realm the {@code WWW-Authenticate} realm of a 401
     * @param whenMissing the 401's detail when no {@code Authorization} header came (says what to send)
     */
    public OperatorCredential(String token, String property, String realm, String whenMissing) {
        this.property = property;
        this.realm = realm;
        this.whenMissing = whenMissing;
        this.digest = token == null || token.isBlank() ? null : Sha256.of(token);
        this.devDefault = DEV_DEFAULT.equals(token);
    }

    public boolean matches(String presented) {
        return digest != null && presented != null && MessageDigest.isEqual(digest, Sha256.of(presented));
    }

    /** The token of an {@code Authorization} header value, or null when absent, empty or another scheme. */
    public static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).trim();
        return token.isEmpty() ? null : token;
    }

    /** The 401 a request with this {@code Authorization} header gets, or null when the header carries the token. */
    public Response refusal(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return unauthorized(realm, whenMissing);
        }
        String presented = bearer(authorization);
        if (presented == null) {
            return unauthorized(realm, "the Authorization header must be Bearer <operator token>");
        }
        return matches(presented) ? null : unauthorized(realm, "the operator token is not valid");
    }

    /** A 401 problem with the challenge RFC 6750 asks for. */
    public static Response unauthorized(String realm, String detail) {
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"")
                .entity(Problem.of(401, "unauthorized", "Unauthorized", detail))
                .build();
    }

    /** What a deployment must fix, or null: a blank token (the operator API refuses every call) or, in prod, the default. */
    public String startupWarning(boolean prod) {
        if (digest == null) {
            return property + " (TRUNKLINE_OPERATOR_TOKEN) is blank: the operator API refuses every call";
        }
        if (devDefault && prod) {
            return property + " is the development default; set TRUNKLINE_OPERATOR_TOKEN";
        }
        return null;
    }
}
