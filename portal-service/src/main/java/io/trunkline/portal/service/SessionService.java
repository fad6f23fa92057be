package io.trunkline.portal.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.trunkline.platform.Sha256;
import io.trunkline.portal.PortalSession;
import io.trunkline.portal.PortalUser;
import io.trunkline.portal.config.PortalConfig;
import io.trunkline.portal.repository.PortalSessionRepository;
import io.trunkline.portal.repository.PortalUserRepository;

/**
 * Signed-in sessions: a random 256-bit token in the cookie, only its SHA-256 in the database (a leaked table opens no
 * session). A session ends when signed out, after {@code session-idle-timeout} without a request, or
 * {@code session-max-age} after sign-in.
 */
@ApplicationScoped
public class SessionService {
    // last_seen_at is written at most this often, not on every page
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final PortalSessionRepository sessions;
    private final PortalUserRepository users;
    private final PortalConfig config;
    private final SecureRandom random = new SecureRandom();

    public SessionService(PortalSessionRepository sessions, PortalUserRepository users, PortalConfig config) {
        this.sessions = sessions;
        this.users = users;
        this.config = config;
    }

    /** Who a request's session belongs to. */
    public record Signed(PortalUser user, String token) {
    }

    /** Opens a session for the user; answers the cookie's token (shown nowhere else). */
    @Transactional
    public String open(PortalUser user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        PortalSession s = new PortalSession();
        s.id = UUID.randomUUID().toString();
        s.userId = user.id;
        s.tokenHash = Sha256.hex(token);
        s.createdAt = now;
        s.lastSeenAt = now;
        s.expiresAt = now.plus(config.sessionMaxAge());
        sessions.persist(s);
        return token;
    }

    /** The session's user while the session is open; empty for an unknown, signed-out, idle or expired one. */
    @Transactional
    public Optional<Signed> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Optional<PortalSession> found = sessions.findByTokenHash(Sha256.hex(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PortalSession s = found.get();
        Instant now = Instant.now();
        if (s.revokedAt != null || !s.expiresAt.isAfter(now)
                || !s.lastSeenAt.plus(config.sessionIdleTimeout()).isAfter(now)) {
            return Optional.empty();
        }
        if (s.lastSeenAt.plus(TOUCH_EVERY).isBefore(now)) {
            s.lastSeenAt = now;
        }
        return users.findByIdOptional(s.userId).map(u -> new Signed(u, token));
    }

    /** Signs the session out (idempotent). */
    @Transactional
    public void close(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return;
        }
        sessions.findByTokenHash(Sha256.hex(token)).filter(s -> s.revokedAt == null).ifPresent(s -> s.revokedAt = Instant.now());
    }

    /**
     * The form token of a session: derived from the cookie's token, so a page from another site, which cannot read
     * the cookie, cannot know it (double protection beside the cookie's {@code SameSite=Strict}).
     */
    public static String formToken(String sessionToken) {
        return Sha256.hex("form:" + sessionToken);
    }

    /** Whether {@code presented} is the session's form token, compared in constant time. */
    public static boolean isFormToken(String sessionToken, String presented) {
        return presented != null && MessageDigest.isEqual(formToken(sessionToken).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

}
