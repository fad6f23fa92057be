package io.trunkline.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.gateway.config.GatewayConfig;

/** The operator API's bearer token ({@code trunkline.gateway.operator-token}), checked in constant time. */
@ApplicationScoped
public class OperatorToken {
    private static final Logger LOG = Logger.getLogger(OperatorToken.class);
    static final String DEV_DEFAULT = "dev-operator-token";

    private final byte[] expectedHash;
    private final boolean devDefault;

    public OperatorToken(GatewayConfig config) {
        String token = config.operatorToken();
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("trunkline.gateway.operator-token (TRUNKLINE_OPERATOR_TOKEN) must not be blank");
        }
        // compare digests: the comparison then takes the same time whatever the presented token's length
        this.expectedHash = digest(token);
        this.devDefault = DEV_DEFAULT.equals(token);
    }

    void warnOnDefault(@Observes StartupEvent event) {
        if (devDefault && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("the operator API uses the development token: set TRUNKLINE_OPERATOR_TOKEN");
        }
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(expectedHash, digest(presented));
    }

    private static byte[] digest(String s) {
        return ApiKeyService.hash(s).getBytes(StandardCharsets.US_ASCII);
    }
}
