package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's {@code Idempotency-Key} and the first answer given to it. */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyRecord {
    public static final String PENDING = "pending";
    public static final String COMPLETE = "complete";

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "idem_key", nullable = false)
    public String key;

    /** Hex SHA-256 of the canonical request body. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(nullable = false)
    public String state;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "response_location")
    public String responseLocation;

    @Column(name = "response_body", columnDefinition = "MEDIUMTEXT")
    public String responseBody;

    @Column(name = "message_id")
    public String messageId;

    @Convert(converter = UtcMillis.class)
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
