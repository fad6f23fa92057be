package io.trunkline.gateway;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The latest balance and credit state billing published for a tenant ({@code billing.balances}), kept for admission
 * and {@code /v1/account}. Billing owns the truth; this is a read model that only moves forward by {@code version}.
 */
@Entity
@Table(name = "tenant_balance")
public class TenantBalance {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(nullable = false)
    public String currency;

    @Column(nullable = false, precision = 19, scale = 4)
    public BigDecimal balance;

    @Column(name = "credit_limit", nullable = false, precision = 19, scale = 4)
    public BigDecimal creditLimit;

    @Column(nullable = false)
    public boolean prepaid;

    @Column(nullable = false)
    public boolean blocked;

    @Column(nullable = false)
    public long version;

    public String cause;

    @Convert(converter = UtcMillis.class)
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Convert(converter = UtcMillis.class)
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** What the tenant may still spend: balance plus credit when prepaid; null (no limit here) when postpaid. */
    public BigDecimal available() {
        return prepaid ? balance.add(creditLimit) : null;
    }

    /** Whether a new message may be admitted against this state. */
    public boolean admits() {
        if (blocked) {
            return false;
        }
        return !prepaid || available().signum() > 0;
    }
}
