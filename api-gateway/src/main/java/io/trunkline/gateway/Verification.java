package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A verification code sent to a number. The code is never stored, only {@link #codeHash}. The table's generated
 * {@code pending_to} column (not mapped) keeps one pending verification per number and tenant.
 */
@Entity
@Table(name = "verification")
public class Verification {
    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** E.164. */
    @Column(name = "to_number", nullable = false)
    public String toNumber;

    /** The first digits of {@link #toNumber}, for the per-prefix rate limit. */
    @Column(name = "to_prefix", nullable = false)
    public String toPrefix;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VerificationChannel channel;

    @Column(nullable = false)
    public String locale;

    @Column(name = "code_length", nullable = false)
    public int codeLength;

    /** Hex HMAC-SHA256 of {@code <id>:<code>} under the configured pepper. */
    @Column(name = "code_hash", nullable = false)
    public String codeHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VerificationStatus status;

    /** Wrong checks so far. */
    @Column(nullable = false)
    public int attempts;

    /** Wrong checks allowed, fixed when the verification was created. */
    @Column(name = "max_attempts", nullable = false)
    public int maxAttempts;

    /** The SMS sender id or number, or the call's caller id; null for a call with the voice service's default. */
    public String sender;

    public String reference;

    /** The SMS that carried the code (channel sms). */
    @Column(name = "message_id")
    public String messageId;

    /** The call that speaks the code (channel call). */
    @Column(name = "call_id")
    public String callId;

    @Convert(converter = UtcMillis.class)
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public int attemptsLeft() {
        return Math.max(0, maxAttempts - attempts);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
