package io.trunkline.billing;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A once-off or monthly charge of a tenant, in the account's currency. Dates are ISO {@code YYYY-MM-DD} (UTC);
 * {@code endDate} (inclusive, optional) ends a monthly charge. Each (charge, period) is applied once: see
 * {@code charge_run}.
 */
@Entity
@Table(name = "charge")
public class Charge {
    @Id
    public String id;
    @Column(name = "tenant_id")
    public String tenantId;
    /** {@link ChargeKind} code. */
    public String kind;
    public String description;
    public BigDecimal amount;
    @Column(name = "start_date")
    public String startDate;
    @Column(name = "end_date")
    public String endDate;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
}
