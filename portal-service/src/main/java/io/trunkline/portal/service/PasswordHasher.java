package io.trunkline.portal.service;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.trunkline.portal.config.PortalConfig;

/**
 * Passwords as bcrypt hashes ({@code $2a$<cost>$...}, self-describing: a later cost still checks old hashes). The
 * hashing itself is Spring Security's {@code BCryptPasswordEncoder}, not ours.
 */
@ApplicationScoped
public class PasswordHasher {
    public static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder;
    // checked against when no user has the e-mail, so an unknown address takes as long as a wrong password
    private final String decoy;

    public PasswordHasher(PortalConfig config) {
        this.encoder = new BCryptPasswordEncoder(config.bcryptCost());
        this.decoy = encoder.encode("not a password anyone has");
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        if (password == null || hash == null || tooLong(password)) {
            return false;
        }
        return encoder.matches(password, hash);
    }

    /** bcrypt reads at most 72 bytes: a longer password is refused rather than cut. */
    public static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    /** Spends the time of one check, for an e-mail no user has. */
    public void spendACheck(String password) {
        encoder.matches(password == null || tooLong(password) ? "" : password, decoy);
    }
}
