package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The operator's rate limit for one tenant, overriding the configured default. */
@Entity
@Table(name = "tenant_limit")
public class TenantLimit {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    /** Sustained rate: tokens added to the tenant's bucket per second. */
    @Column(name = "messages_per_second", nullable = false)
    public int messagesPerSecond;

    /** Bucket size: how many sends may arrive at once after a quiet spell. */
    @Column(nullable = false)
    public int burst;

    @Column(name = "updated_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant updatedAt;
}
