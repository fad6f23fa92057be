package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An operator routing rule: destinations starting with {@link #prefix} (of one tenant, or all) take {@link #route}. */
@Entity
@Table(name = "route_rule")
public class RouteRule {
    @Id
    public String id;

    /** Null for a global rule. */
    @Column(name = "tenant_id")
    public String tenantId;

    /** Destination digits without '+'; empty matches every destination. */
    @Column(nullable = false)
    public String prefix;

    /** {@code smpp:<carrier>}, {@code http:<carrier>}, {@code gsm}, {@code email} or {@code lcr}. */
    @Column(nullable = false)
    public String route;

    /** Among rules with the same prefix length and scope, the higher priority wins. */
    @Column(nullable = false)
    public int priority;

    @Convert(converter = UtcMillis.class)
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
