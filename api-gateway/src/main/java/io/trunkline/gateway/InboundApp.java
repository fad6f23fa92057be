package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's app on a receiving number, optionally on one of its keywords there. */
@Entity
@Table(name = "inbound_app")
public class InboundApp {
    public enum Type {
        COLLECT, POLL, AUTO_REPLY, FORWARD, CALL_BACK, SUBSCRIBE
    }

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    @Column(name = "number_id", nullable = false)
    public String numberId;

    /** Null = the tenant's default app of an exclusive number. */
    @Column(name = "keyword_id")
    public String keywordId;

    /** The type's configuration, JSON (validated by {@code AppConfigs}). */
    @Column(nullable = false, columnDefinition = "TEXT")
    public String config;

    @Column(name = "created_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant updatedAt;
}
