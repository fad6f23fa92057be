package io.trunkline.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the services use it: of a token or a canonical body, raw or as lower-case hex. */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] of(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Of the string's UTF-8 bytes. */
    public static byte[] of(String s) {
        return of(s.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(of(data));
    }

    /** Lower-case hex of the string's UTF-8 bytes. */
    public static String hex(String s) {
        return hex(s.getBytes(StandardCharsets.UTF_8));
    }
}
