package io.trunkline.billing.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.trunkline.billing.Account;
import io.trunkline.billing.LedgerEntry;
import io.trunkline.billing.Money;
import io.trunkline.billing.RatedCdr;
import io.trunkline.billing.service.AccountService;
import io.trunkline.billing.service.Rater;

/** Response bodies of the operator API. Money is a decimal string with 4 decimals, never a JSON number. */
public final class Views {
    private Views() {
    }

    /** An account: {@code available} is balance + credit limit for prepaid, null (unlimited) for postpaid. */
    public record AccountView(String tenantId, String currency, String balance, String creditLimit, String available,
            boolean prepaid, boolean blocked, String lowBalanceThreshold, long version, Instant createdAt,
            Instant updatedAt) {

        static AccountView of(Account a) {
            return new AccountView(a.tenantId, a.currency, Money.format(a.balance), Money.format(a.creditLimit),
                    Money.format(a.available()), a.prepaid, a.blocked, Money.format(a.lowBalanceThreshold), a.version,
                    a.createdAt, a.updatedAt);
        }
    }

    /** One ledger entry: {@code amount} signed (credit positive), {@code version} the account's after it. */
    public record LedgerEntryView(String id, String type, String amount, String currency, String balanceAfter,
            long version, String reference, String actor, String note, Instant createdAt) {

        static LedgerEntryView of(LedgerEntry e) {
            return e == null ? null
                    : new LedgerEntryView(e.id, e.type.code(), Money.format(e.amount), e.currency,
                            Money.format(e.balanceAfter), e.accountVersion, e.reference, e.actor, e.note, e.createdAt);
        }
    }

    /**
     * The answer to a top-up, adjustment or settings change: the account now, and the ledger entry written (the
     * original one when {@code replayed}: the same reference was applied before and nothing changed this time).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MovementView(String tenantId, String currency, String balance, String creditLimit, String available,
            boolean prepaid, boolean blocked, String lowBalanceThreshold, long version, LedgerEntryView entry,
            boolean replayed) {

        static MovementView of(AccountService.Movement m) {
            Account a = m.account();
            return new MovementView(a.tenantId, a.currency, Money.format(a.balance), Money.format(a.creditLimit),
                    Money.format(a.available()), a.prepaid, a.blocked, Money.format(a.lowBalanceThreshold), a.version,
                    LedgerEntryView.of(m.entry()), m.replayed());
        }
    }

    /** A rated CDR: what happened and what it cost. */
    public record CdrView(String cdrId, String service, String subjectId, String source, String destination,
            int segments, long billableSeconds, Instant startedAt, Instant answeredAt, Instant endedAt, String channel,
            String carrier, boolean success, String hangupCause, String status, String statusReason, long units,
            String unitPrice, String amount, String currency, String ratePlan, String ledgerEntryId, Instant ratedAt,
            String ratePrefix, String rateDestination, Long billedSeconds, String rateCurrency, String rateAmount,
            String fxRate, String buyPlan, String buyPrefix, String buyCurrency, String buyAmount, String buyCost,
            String margin) {

        static CdrView of(RatedCdr c) {
            return new CdrView(c.cdrId, Rater.code(c.service), c.subjectId, c.source, c.destination, c.segments,
                    c.billableSeconds, c.startedAt, c.answeredAt, c.endedAt, c.channel, c.carrier, c.success,
                    c.hangupCause, c.status.code(), c.statusReason, c.units, Money.formatPrice(c.unitPrice),
                    Money.format(c.amount), c.currency, c.ratePlan, c.ledgerEntryId, c.ratedAt, c.ratePrefix,
                    c.rateDestination, c.billedSeconds, c.rateCurrency, Money.format(c.rateAmount),
                    c.fxRate == null ? null : c.fxRate.stripTrailingZeros().toPlainString(), c.buyPlan, c.buyPrefix,
                    c.buyCurrency, Money.format(c.buyAmount), Money.format(c.buyCost), Money.format(c.margin));
        }
    }

    /** A page of a list, {@code page} counted from 0. */
    public record PageView<T>(List<T> items, int page, int size, long total) {
    }

    /**
     * {@code GET /v1/quotes/sms}: in the account's currency; {@code plan}, {@code prefix}, {@code rateCurrency} and
     * {@code fxRate} tell which rate applied (added fields; the first four are unchanged).
     */
    public record QuoteView(String currency, String unitPrice, long segments, String total, String plan, String prefix,
            String rateCurrency, String fxRate) {
    }
}
