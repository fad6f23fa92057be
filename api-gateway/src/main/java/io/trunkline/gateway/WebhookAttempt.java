package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One HTTP try of a {@link WebhookDelivery}: the receiver's status, or the error when there was no answer. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public String deliveryId;

    /** 1 for the first try. */
    @Column(nullable = false)
    public int attempt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    @Column(name = "http_status")
    public Integer httpStatus;

    public String error;
}
