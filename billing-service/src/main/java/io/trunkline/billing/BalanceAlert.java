package io.trunkline.billing;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A balance alert, recorded when a change takes the balance below the account's low-balance threshold. Delivery
 * (webhook, e-mail) is done by {@code AlertDelivery}, which sets {@code notifiedAt} once delivered.
 */
@Entity
@Table(name = "balance_alert")
public class BalanceAlert {
    public static final String LOW_BALANCE = "low-balance";

    @Id
    public String id;
    @Column(name = "tenant_id")
    public String tenantId;
    public String kind;
    public BigDecimal balance;
    public BigDecimal threshold;
    public String currency;
    @Column(name = "ledger_entry_id")
    public String ledgerEntryId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "notified_at")
    public Instant notifiedAt;
    /** {@code pending}, {@code delivered}, {@code failed} (attempts used up) or {@code no-target}. */
    public String delivery;
    public int attempts;
    /** Epoch milliseconds of the next delivery attempt. */
    @Column(name = "next_attempt_at")
    public long nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
}
