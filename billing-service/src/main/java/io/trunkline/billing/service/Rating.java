package io.trunkline.billing.service;

import java.math.BigDecimal;

import io.trunkline.billing.CdrStatus;
import io.trunkline.billing.Money;

/**
 * The price of one CDR: how many units, at which rate, for what amount. {@code amount} is what the account is
 * charged (zero unless {@link CdrStatus#RATED}); {@code rate} is the rate that applied, if any, kept for the record
 * even when nothing is billed.
 */
public record Rating(CdrStatus status, long units, Rate rate, String currency, BigDecimal amount, String reason) {

    static Rating rated(long units, Rate rate) {
        return new Rating(CdrStatus.RATED, units, rate, rate.currency(), Money.times(rate.unitPrice(), units), null);
    }

    static Rating notBilled(long units, Rate rate, String currency) {
        return new Rating(CdrStatus.NOT_BILLED, units, rate, currency, Money.ZERO, "failed attempts are not billed");
    }

    static Rating unrated(long units, String currency, String reason) {
        return new Rating(CdrStatus.UNRATED, units, null, currency, Money.ZERO, reason);
    }

    /** Whether money moves: a rated CDR with a price above zero. */
    public boolean charges() {
        return amount.signum() > 0;
    }
}
