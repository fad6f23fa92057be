package io.trunkline.gateway.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.trunkline.gateway.config.WebhookConfig;

/**
 * Tenants' webhook signing secrets: made, kept and used. A secret is {@code whsec_} + base64url of 32
 * {@link SecureRandom} bytes; the HMAC key is the whole secret string's UTF-8 bytes. HMAC needs the secret itself,
 * so it cannot be stored as a hash like an API key: it is stored AES-256-GCM encrypted under the configured
 * {@code encryption-key}, so a copy of the database alone does not let anyone forge webhooks.
 */
@ApplicationScoped
public class WebhookSecrets {
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    public static final String PREFIX = "whsec_";
    /** Development key (the bytes 0..31), public by definition: hence the warning in prod mode. */
    private static final byte[] DEV_KEY = new byte[32];
    private static final int NONCE = 12;

    static {
        for (int i = 0; i < DEV_KEY.length; i++) {
            DEV_KEY[i] = (byte) i;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public WebhookSecrets(WebhookConfig config) {
        byte[] k;
        if (config.encryptionKey().isPresent() && !config.encryptionKey().get().isBlank()) {
            k = Base64.getDecoder().decode(config.encryptionKey().get().trim());
            if (k.length != 32) {
                throw new IllegalStateException("trunkline.gateway.webhooks.encryption-key must be base64 of 32 bytes");
            }
        } else {
            k = DEV_KEY;
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                LOG.warn("trunkline.gateway.webhooks.encryption-key (TRUNKLINE_GATEWAY_WEBHOOK_KEY) is not set: webhook "
                        + "secrets are encrypted with the public development key");
            }
        }
        this.key = new SecretKeySpec(k, "AES");
    }

    /** A new random secret. */
    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String encrypt(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a webhook secret cannot be decrypted: was the encryption key changed?", e);
        }
    }

    /** The {@code Trunkline-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. */
    public static String signatureHeader(String secret, long unixSeconds, String body) {
        return signatureHeader(List.of(secret), unixSeconds, body);
    }

    /**
     * The header with one {@code v1} per secret, the current one first: during a rotation's overlap the receiver's
     * check passes with the old secret or the new one, whichever it holds.
     */
    public static String signatureHeader(List<String> secrets, long unixSeconds, String body) {
        StringBuilder header = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            header.append(",v1=").append(sign(secret, unixSeconds, body));
        }
        return header.toString();
    }

    static String sign(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
