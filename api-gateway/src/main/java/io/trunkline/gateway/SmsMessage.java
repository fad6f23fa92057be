package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;

/** An outbound message a tenant sent through the API, with its current status (the history is kept beside it). */
@Entity
@Table(name = "sms_message")
public class SmsMessage {
    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** E.164 number or alphanumeric sender id. */
    @Column(nullable = false)
    public String sender;

    /** E.164. */
    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false, columnDefinition = "TEXT")
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SmsEncoding encoding;

    @Column(nullable = false)
    public int segments;

    /** The channel that must take it, decided once at acceptance (e.g. {@code smpp:sandbox}). */
    @Column(nullable = false)
    public String route;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SmsStatus status;

    /** {@link MessageStatuses#rank} of {@link #status}; status updates only ever raise it. */
    @Column(name = "status_rank", nullable = false)
    public int statusRank;

    public String reference;

    @Column(name = "status_callback")
    public String statusCallback;

    /** When a scheduled message is due; null for a message sent at once. */
    @Convert(converter = UtcMillis.class)
    @Column(name = "send_at")
    public Instant sendAt;

    /** The end of its validity: counted from {@link #sendAt} when scheduled, else from acceptance. */
    @Convert(converter = UtcMillis.class)
    @Column(name = "valid_until")
    public Instant validUntil;

    @Column(name = "channel_message_id")
    public String channelMessageId;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_reason")
    public String errorReason;

    @Convert(converter = UtcMillis.class)
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
