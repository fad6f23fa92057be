package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A tenant's API key. The secret itself is shown once, when it is created; only its SHA-256 hash is kept (to find
 * the key a request presents) and a short prefix, which is not enough to use it, to tell keys apart in lists.
 */
@Entity
@Table(name = "api_key")
public class ApiKey {
    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    /** Lower-case hex SHA-256 of the whole key string. */
    @Column(name = "key_hash", nullable = false, unique = true)
    public String keyHash;

    @Column(name = "key_prefix", nullable = false)
    public String keyPrefix;

    @Convert(converter = UtcMillis.class)
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Updated at most once per {@code trunkline.gateway.key-touch-interval}, not on every request. */
    @Convert(converter = UtcMillis.class)
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean revoked() {
        return revokedAt != null;
    }
}
