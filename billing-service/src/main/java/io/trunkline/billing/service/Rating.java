package io.trunkline.billing.service;

import java.math.BigDecimal;

import io.trunkline.billing.CdrStatus;
import io.trunkline.billing.Money;
import io.trunkline.billing.rating.Tariff;

/**
 * The price of one CDR. {@code units} are segments (SMS) or billed seconds (calls). {@code sell} is the plan's rate that
 * applied (kept even when nothing is billed), {@code rateAmount} its price in the rate's currency, {@code fxRate} the
 * rate used to convert it to the account's {@code currency}, and {@code amount} what the account is charged (zero
 * unless {@link CdrStatus#RATED}). {@code buy} is the carrier's cost, when its buy card has a rate.
 */
public record Rating(CdrStatus status, long units, String plan, Tariff sell, BigDecimal rateAmount, BigDecimal fxRate,
        String currency, BigDecimal amount, Buy buy, String reason) {

    /**
     * The carrier's cost of the CDR: {@code amount} in {@code currency}, and converted to the account's ({@code cost}).
     * From the carrier's buy card ({@code plan}, {@code rate}), or, when the CDR carries its own {@code buyCost}
     * (the producer knows the carrier's price), that cost as given with {@code plan} and {@code rate} null.
     */
    public record Buy(String plan, Tariff rate, String currency, BigDecimal amount, BigDecimal fxRate,
            BigDecimal cost) {
    }

    static Rating rated(long units, String plan, Tariff sell, BigDecimal rateAmount, BigDecimal fx, String currency,
            BigDecimal amount, Buy buy) {
        return new Rating(CdrStatus.RATED, units, plan, sell, rateAmount, fx, currency, amount, buy, null);
    }

    static Rating notBilled(long units, String plan, Tariff sell, String currency, Buy buy) {
        return new Rating(CdrStatus.NOT_BILLED, units, plan, sell, null, null, currency, Money.ZERO, buy,
                "failed attempts are not billed (plan " + plan + ")");
    }

    static Rating unrated(long units, String plan, Tariff sell, String currency, Buy buy, String reason) {
        return new Rating(CdrStatus.UNRATED, units, plan, sell, null, null, currency, Money.ZERO, buy, reason);
    }

    /** Whether money moves: a rated CDR with a price above zero. */
    public boolean charges() {
        return amount.signum() > 0;
    }

    /** Sell amount minus buy cost, both in the account's currency; null unless rated with a known cost. */
    public BigDecimal margin() {
        return status == CdrStatus.RATED && buy != null && buy.cost() != null ? amount.subtract(buy.cost()) : null;
    }
}
