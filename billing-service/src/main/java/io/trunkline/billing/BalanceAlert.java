package io.trunkline.billing;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A balance alert, recorded when a change takes the balance below the account's low-balance threshold. Delivery
 * (webhook, e-mail) comes with the billing engine; {@code notifiedAt} stays null until then.
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
}
