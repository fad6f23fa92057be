package io.trunkline.billing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A sell plan (kind {@code sell}, assigned to tenants) or a carrier's buy card (kind {@code buy}, {@code carrier} set).
 * Its rates live in the {@code rate} table and are loaded into a {@code PrefixIndex} per plan; {@code version} goes
 * up with every change of them. Kind and failed policy are stored as their codes.
 */
@Entity
@Table(name = "rate_plan")
public class RatePlan {
    @Id
    public String id;
    public String kind;
    public String carrier;
    public String currency;
    @Column(name = "failed_policy")
    public String failedPolicy;
    public String description;
    @Column(name = "rate_count")
    public int rateCount;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public PlanKind planKind() {
        return PlanKind.ofCode(kind);
    }

    public FailedPolicy failed() {
        return FailedPolicy.ofCode(failedPolicy);
    }
}
