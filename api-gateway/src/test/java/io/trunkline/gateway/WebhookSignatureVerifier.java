package io.trunkline.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver checks a Trunkline webhook (the recipe of docs/webhooks.md), written the way a tenant would: from the
 * header, the raw body and the secret, sharing no code with the gateway's signer.
 */
final class WebhookSignatureVerifier {
    private WebhookSignatureVerifier() {
    }

    /**
     * True when {@code header} ({@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}) carries an HMAC-SHA256 of
     * {@code "<t>.<body>"} under {@code secret} in any of its {@code v1} (there are two while a rotated-out secret
     * overlaps the new one) and {@code t} is within {@code tolerance} of {@code now} (refuses replays of old requests).
     */
    static boolean verify(String secret, String header, String rawBody, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        String t = null;
        java.util.List<String> v1s = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1s.add(kv[1]);
            }
        }
        if (t == null || v1s.isEmpty()) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(t);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(ts), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + rawBody).getBytes(StandardCharsets.UTF_8));
            boolean any = false;
            for (String v1 : v1s) {
                byte[] given;
                try {
                    given = HexFormat.of().parseHex(v1);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                // constant time, so the comparison leaks nothing about the expected value
                any |= MessageDigest.isEqual(expected, given);
            }
            return any;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(String secret, String header, String rawBody) {
        return verify(secret, header, rawBody, Instant.now(), Duration.ofMinutes(5));
    }
}
