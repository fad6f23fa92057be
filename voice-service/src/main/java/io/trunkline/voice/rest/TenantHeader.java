package io.trunkline.voice.rest;

import io.trunkline.platform.rest.OperatorCredential;
import io.trunkline.platform.rest.ProblemException;

/**
 * The tenant of a request, from the header the api-gateway sets after authenticating it. voice-service trusts it:
 * it must only be reachable through the gateway (or the cluster network).
 */
public final class TenantHeader {
    public static final String NAME = OperatorCredential.ACT_FOR_TENANT;

    private TenantHeader() {
    }

    public static String require(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.unauthorized("missing " + NAME + " header (set by the api-gateway)");
        }
        return value.trim();
    }
}
