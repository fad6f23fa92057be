package io.trunkline.billing.rating;

import java.math.BigDecimal;

import io.trunkline.billing.Money;

/** The arithmetic of one rate: pure, exact (BigDecimal) and rounded once, by the rate's rounding rule. */
public final class Pricing {
    private Pricing() {
    }

    /** What a CDR costs at a rate: {@code units} are segments (SMS) or billed seconds (calls). */
    public record Priced(long units, BigDecimal amount) {
    }

    /**
     * Seconds billed for a call of {@code seconds}: 0 stays 0; up to the initial block bills the initial block; beyond
     * it, each started increment. 61 s at 60/60 bills 120 s; at 30/6 bills 66 s; at 1/1 bills 61 s.
     */
    public static long billedSeconds(long seconds, int initialBlock, int increment) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must not be negative: " + seconds);
        }
        if (seconds == 0) {
            return 0;
        }
        if (seconds <= initialBlock) {
            return initialBlock;
        }
        long rest = seconds - initialBlock;
        return initialBlock + ((rest + increment - 1) / increment) * increment;
    }

    /**
     * The price of a CDR at {@code t}. SMS: {@code price × segments}. Calls: {@code connectFee + price × billed / 60}
     * (price is per minute). Either is raised to the minimum charge, and a CDR of no segments / no seconds costs 0
     * (no connect fee: nothing was connected).
     */
    public static Priced price(Tariff t, int segments, long seconds) {
        if (t.service().isCall()) {
            long billed = billedSeconds(seconds, t.initialBlock(), t.increment());
            if (billed == 0) {
                return new Priced(0, Money.ZERO);
            }
            BigDecimal numerator = t.connectFee().multiply(SIXTY).add(t.price().multiply(BigDecimal.valueOf(billed)));
            BigDecimal amount = t.rounding().divide(numerator, 60);
            return new Priced(billed, atLeast(amount, t));
        }
        if (segments < 0) {
            throw new IllegalArgumentException("segments must not be negative: " + segments);
        }
        if (segments == 0) {
            return new Priced(0, Money.ZERO);
        }
        BigDecimal amount = t.rounding().round(t.price().multiply(BigDecimal.valueOf(segments)));
        return new Priced(segments, atLeast(amount, t));
    }

    /** {@code amount} (in {@code from}'s currency) in another currency at {@code fxRate}, rounded half-up to 4 places. */
    public static BigDecimal convert(BigDecimal amount, BigDecimal fxRate) {
        return Money.amount(amount.multiply(fxRate));
    }

    private static BigDecimal atLeast(BigDecimal amount, Tariff t) {
        if (t.minimumCharge().signum() > 0 && amount.compareTo(t.minimumCharge()) < 0) {
            return t.rounding().round(t.minimumCharge());
        }
        return amount;
    }

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
}
