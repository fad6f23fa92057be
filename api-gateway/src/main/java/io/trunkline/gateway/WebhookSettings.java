package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's webhook defaults (one URL per kind) and its signing secret (encrypted, see {@code WebhookSecrets}). */
@Entity
@Table(name = "webhook_settings")
public class WebhookSettings {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "message_status_url")
    public String messageStatusUrl;

    @Column(name = "inbound_message_url")
    public String inboundMessageUrl;

    @Column(name = "call_status_url")
    public String callStatusUrl;

    @Column(name = "verification_url")
    public String verificationUrl;

    /** base64(nonce || AES-GCM ciphertext) of the secret; null until the first secret is made. */
    @Column(name = "secret_enc")
    public String secretEnc;

    @Convert(converter = UtcMillis.class)
    @Column(name = "secret_created_at")
    public Instant secretCreatedAt;

    /** The secret a rotation replaced, still signing until {@link #previousSecretExpiresAt}; null when none. */
    @Column(name = "previous_secret_enc")
    public String previousSecretEnc;

    @Convert(converter = UtcMillis.class)
    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    /** Whether the replaced secret still signs at {@code now}. */
    public boolean previousSecretValidAt(Instant now) {
        return previousSecretEnc != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt);
    }

    @Convert(converter = UtcMillis.class)
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
