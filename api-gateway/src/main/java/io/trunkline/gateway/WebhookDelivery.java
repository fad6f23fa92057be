package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One webhook body to one URL and where its delivery stands; its tries are {@link WebhookAttempt}s. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {
    /** Waiting for its first try. */
    public static final String PENDING = "pending";
    /** Tried and failed; tried again at {@link #nextAttemptAt}. */
    public static final String RETRYING = "retrying";
    /** The receiver answered 2xx. */
    public static final String DELIVERED = "delivered";
    /** Given up (retries exhausted, or the receiver answered 410 Gone); kept in the log, can be replayed. */
    public static final String DEAD = "dead";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** {@code WebhookService.Kind} name. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String url;

    /** The URL's {@code host:port}: the unit of the per-host concurrency bound. */
    @Column(nullable = false)
    public String host;

    /** The exact JSON body sent (and signed) on every try. */
    @Column(nullable = false, columnDefinition = "MEDIUMTEXT")
    public String body;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    /** When it is due; while a try is in flight, the end of the dispatcher's lease. Null once finished. */
    @Convert(converter = UtcMillis.class)
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_http_status")
    public Integer lastHttpStatus;

    @Column(name = "last_error")
    public String lastError;

    /** The delivery this one replays. */
    @Column(name = "replay_of")
    public String replayOf;

    @Convert(converter = UtcMillis.class)
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When it was delivered or declared dead. */
    @Convert(converter = UtcMillis.class)
    @Column(name = "finished_at")
    public Instant finishedAt;
}
