package io.trunkline.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.gateway.config.VerificationConfig;

/**
 * Codes: drawn from {@link SecureRandom}, kept only as an HMAC-SHA256 under the server's pepper, bound to the
 * verification's id (the same code in two verifications hashes differently), and compared in constant time.
 */
@ApplicationScoped
public class VerificationCodes {
    private static final Logger LOG = Logger.getLogger(VerificationCodes.class);
    static final String DEV_PEPPER = "dev-verification-pepper";
    private static final String HMAC = "HmacSHA256";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final boolean devPepper;

    public VerificationCodes(VerificationConfig config) {
        String pepper = config.pepper();
        if (pepper == null || pepper.isBlank()) {
            throw new IllegalStateException("trunkline.gateway.verifications.pepper "
                    + "(TRUNKLINE_GATEWAY_VERIFICATION_PEPPER) must not be blank");
        }
        this.key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), HMAC);
        this.devPepper = DEV_PEPPER.equals(pepper);
    }

    void warnOnDefault(@Observes StartupEvent event) {
        if (devPepper && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("verification codes are hashed with the development pepper: set "
                    + "TRUNKLINE_GATEWAY_VERIFICATION_PEPPER");
        }
    }

    /** A new code of {@code length} decimal digits, each uniformly drawn. */
    public String generate(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** Hex HMAC-SHA256 of {@code <verificationId>:<code>}. */
    public String hash(String verificationId, String code) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] h = mac.doFinal((verificationId + ":" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code code} is the verification's; the comparison takes the same time wherever the hashes differ. */
    public boolean matches(String verificationId, String code, String storedHash) {
        byte[] presented = hash(verificationId, code).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The code as a speech engine should read it: one digit at a time ("1, 2, 3, 4"). */
    public static String spoken(String code) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(code.charAt(i));
        }
        return sb.toString();
    }
}
