package io.trunkline.billing;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.trunkline.events.CdrService;

/**
 * A CDR as billing received and rated it, with the rate and currency used. The primary key on {@code cdr_id} makes
 * each CDR count once, whatever event carried it.
 */
@Entity
@Table(name = "rated_cdr")
public class RatedCdr {
    @Id
    @Column(name = "cdr_id")
    public String cdrId;
    @Column(name = "tenant_id")
    public String tenantId;
    /** The {@code ce_id} of the event that brought it. */
    @Column(name = "event_id")
    public String eventId;
    @Enumerated(EnumType.STRING)
    public CdrService service;
    @Column(name = "subject_id")
    public String subjectId;
    public String source;
    public String destination;
    public int segments;
    @Column(name = "billable_seconds")
    public long billableSeconds;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    public String channel;
    public String carrier;
    public boolean success;
    @Column(name = "hangup_cause")
    public String hangupCause;

    @Convert(converter = CdrStatus.Converter.class)
    public CdrStatus status;
    @Column(name = "status_reason")
    public String statusReason;
    /** Billed units: segments for SMS, started minutes for calls. */
    public long units;
    /** The rate applied per unit (null when none applied). */
    @Column(name = "unit_price")
    public BigDecimal unitPrice;
    /** What was charged: units × unit price, rounded; 0 unless rated. */
    public BigDecimal amount;
    public String currency;
    @Column(name = "rate_plan")
    public String ratePlan;
    @Column(name = "ledger_entry_id")
    public String ledgerEntryId;
    @Column(name = "rated_at")
    public Instant ratedAt;

    /** The matched sell rate's prefix and destination name. */
    @Column(name = "rate_prefix")
    public String ratePrefix;
    @Column(name = "rate_destination")
    public String rateDestination;
    /** Calls: the seconds billed after initial block and increments (61 s at 60/60: 120). */
    @Column(name = "billed_seconds")
    public Long billedSeconds;
    /** The price in the rate's own currency, before FX. */
    @Column(name = "rate_currency")
    public String rateCurrency;
    @Column(name = "rate_amount")
    public BigDecimal rateAmount;
    /** Units of the account's currency per unit of the rate's (1 when they are the same). */
    @Column(name = "fx_rate")
    public BigDecimal fxRate;
    /** The carrier's buy card, its matched prefix, and the cost in its currency and in the account's. */
    @Column(name = "buy_plan")
    public String buyPlan;
    @Column(name = "buy_prefix")
    public String buyPrefix;
    @Column(name = "buy_currency")
    public String buyCurrency;
    @Column(name = "buy_amount")
    public BigDecimal buyAmount;
    @Column(name = "buy_fx_rate")
    public BigDecimal buyFxRate;
    @Column(name = "buy_cost")
    public BigDecimal buyCost;
    /** amount - buy cost, in the account's currency (null when the cost is unknown or nothing was rated). */
    public BigDecimal margin;
}
