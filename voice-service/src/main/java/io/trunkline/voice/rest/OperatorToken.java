package io.trunkline.voice.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;

import io.trunkline.voice.config.VoiceConfig;

/**
 * The operator token the tenant API requires ({@code trunkline.voice.operator-token}). A bean of its own (a lazy
 * client proxy) because JAX-RS filters are built before config mappings can be read.
 */
@ApplicationScoped
public class OperatorToken {
    private final byte[] expected;

    public OperatorToken(VoiceConfig config) {
        this.expected = config.operatorToken().getBytes(StandardCharsets.UTF_8);
    }

    /** Compared in constant time, so the token cannot be guessed byte by byte from response times. */
    public boolean matches(String token) {
        return token != null && MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
    }
}
