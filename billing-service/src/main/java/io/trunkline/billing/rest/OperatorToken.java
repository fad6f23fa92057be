package io.trunkline.billing.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.billing.config.BillingConfig;

/** The operator's bearer token ({@code trunkline.billing.operator-token}), compared in constant time. */
@ApplicationScoped
public class OperatorToken {
    private static final Logger LOG = Logger.getLogger(OperatorToken.class);
    static final String DEV_TOKEN = "dev-operator-token";

    private final String token;
    private final byte[] digest;

    public OperatorToken(BillingConfig config) {
        this.token = config.operatorToken();
        this.digest = token == null || token.isBlank() ? null : sha256(token);
    }

    void warnIfDefault(@Observes StartupEvent event) {
        if (digest == null) {
            LOG.error("trunkline.billing.operator-token (TRUNKLINE_OPERATOR_TOKEN) is empty: the operator API refuses every call");
        } else if (DEV_TOKEN.equals(token) && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("the operator API uses the development token; set TRUNKLINE_OPERATOR_TOKEN");
        }
    }

    public boolean matches(String presented) {
        return digest != null && presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
