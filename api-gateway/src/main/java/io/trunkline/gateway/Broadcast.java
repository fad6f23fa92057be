package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One text or template sent to many recipients ({@code POST /v1/broadcasts}). Its recipients and per-row report live
 * in {@code broadcast_recipient} and {@code broadcast_error}; the counts by message status come from the messages.
 */
@Entity
@Table(name = "broadcast")
public class Broadcast {
    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String COMPLETED = "completed";
    public static final String CANCELED = "canceled";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** E.164 number or alphanumeric sender id, as validated. */
    @Column(nullable = false)
    public String sender;

    /** The text, or the template when {@link #template}. */
    @Column(nullable = false, columnDefinition = "TEXT")
    public String body;

    @Column(name = "is_template", nullable = false)
    public boolean template;

    @Column(name = "contact_list_id")
    public String contactListId;

    public String reference;

    @Column(name = "status_callback")
    public String statusCallback;

    /** {@link #QUEUED}, {@link #SENDING}, {@link #COMPLETED} or {@link #CANCELED}. */
    @Column(nullable = false)
    public String status;

    /** Rows in the request (or members of the list), valid or not. */
    @Column(nullable = false)
    public int total;

    @Column(name = "invalid_count", nullable = false)
    public int invalidCount;

    @Column(name = "duplicate_count", nullable = false)
    public int duplicateCount;

    @Column(name = "opted_out_count", nullable = false)
    public int optedOutCount;

    /** Why dispatch is waiting (e.g. billing refuses the tenant), null while it is not held. */
    @Column(name = "hold_reason")
    public String holdReason;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Convert(converter = UtcMillis.class)
    @Column(name = "send_at")
    public Instant sendAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "completed_at")
    public Instant completedAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "canceled_at")
    public Instant canceledAt;
}
