package io.trunkline.portal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A signed-in browser session. The cookie holds a random token; only its SHA-256 (hex) is stored. */
@Entity
@Table(name = "portal_session")
public class PortalSession {
    @Id
    public String id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
