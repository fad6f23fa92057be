package io.trunkline.billing;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A tenant's account. Read through Hibernate, but changed only by the atomic statements in
 * {@code AccountRepository} (no read-modify-write), so several consumers and API calls may change it at once.
 */
@Entity
@Table(name = "account")
public class Account {
    @Id
    @Column(name = "tenant_id")
    public String tenantId;
    public String currency;
    public BigDecimal balance;
    @Column(name = "credit_limit")
    public BigDecimal creditLimit;
    public boolean prepaid;
    /** Derived and stored on every change: prepaid and balance + credit limit at or below zero. */
    public boolean blocked;
    @Column(name = "low_balance_threshold")
    public BigDecimal lowBalanceThreshold;
    /** Incremented by every change; carried on {@code BalanceChanged} and on each ledger entry. */
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** What may still be spent: balance + credit limit for prepaid; null (unlimited) for postpaid. */
    public BigDecimal available() {
        return prepaid ? balance.add(creditLimit) : null;
    }

    public static boolean blocked(boolean prepaid, BigDecimal balance, BigDecimal creditLimit) {
        return prepaid && balance.add(creditLimit).signum() <= 0;
    }
}
