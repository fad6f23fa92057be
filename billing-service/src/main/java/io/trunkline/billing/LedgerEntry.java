package io.trunkline.billing;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change to an account, with who made it, why, and the balance after it. Never updated or deleted. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {
    @Id
    public String id;
    @Column(name = "tenant_id")
    public String tenantId;
    /** The account's version after this change: orders a tenant's ledger and is unique per tenant. */
    @Column(name = "account_version")
    public long accountVersion;
    @Column(name = "entry_type")
    @Convert(converter = EntryType.Converter.class)
    public EntryType type;
    /** Signed: credit positive, debit negative; zero for a settings change. */
    public BigDecimal amount;
    public String currency;
    @Column(name = "balance_after")
    public BigDecimal balanceAfter;
    /** Top-up or adjustment reference (idempotency key), or the CDR id of a charge. */
    public String reference;
    /** Who: {@code ops} or {@code ops:<name>} for the operator API, the CDR's producer for charges. */
    public String actor;
    /** Why, in words. */
    public String note;
    @Column(name = "created_at")
    public Instant createdAt;
}
