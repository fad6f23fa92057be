package io.trunkline.billing;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's invoice for one calendar month (UTC): a draft until finalised, then numbered and never changed. */
@Entity
@Table(name = "invoice")
public class Invoice {
    @Id
    public String id;
    @Column(name = "tenant_id")
    public String tenantId;
    /** {@code YYYY-MM}. */
    public String period;
    /** {@link InvoiceStatus} code. */
    public String status;
    /** {@code INV-000001}: consecutive, without gaps, given when finalised. */
    public String number;
    public String currency;
    @Column(name = "usage_total")
    public BigDecimal usageTotal;
    @Column(name = "charges_total")
    public BigDecimal chargesTotal;
    public BigDecimal total;
    @Column(name = "generated_at")
    public Instant generatedAt;
    @Column(name = "finalized_at")
    public Instant finalizedAt;
}
