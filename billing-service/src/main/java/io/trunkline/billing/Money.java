package io.trunkline.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money arithmetic. Amounts are {@link BigDecimal} with 4 decimals (the {@code DECIMAL(19,4)} columns), rounded
 * {@link RoundingMode#HALF_UP} once, on the final amount; never binary floating point.
 */
public final class Money {
    /** Decimals kept for amounts and balances. */
    public static final int SCALE = 4;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /** An amount at the ledger's scale. */
    public static BigDecimal amount(BigDecimal value) {
        return value.setScale(SCALE, ROUNDING);
    }

    /** {@code unitPrice × units}, rounded to an amount. */
    public static BigDecimal times(BigDecimal unitPrice, long units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative: " + units);
        }
        return amount(unitPrice.multiply(BigDecimal.valueOf(units)));
    }

    /** Minutes begun: 0 s is 0, 1..60 s is 1, 61 s is 2. Calls are billed per started minute. */
    public static long startedMinutes(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must not be negative: " + seconds);
        }
        return seconds == 0 ? 0 : (seconds - 1) / 60 + 1;
    }

    /**
     * A unit price as shown: at least 4 decimals, more only if the rate has them ({@code 0.05} is {@code 0.0500},
     * {@code 0.00125} stays {@code 0.00125}).
     */
    public static BigDecimal price(BigDecimal unitPrice) {
        int scale = Math.max(SCALE, unitPrice.stripTrailingZeros().scale());
        return unitPrice.setScale(scale, ROUNDING);
    }

    /** The wire form: a plain decimal string with 4 decimals, or null. */
    public static String format(BigDecimal amount) {
        return amount == null ? null : amount(amount).toPlainString();
    }

    /** The wire form of a unit price (see {@link #price}). */
    public static String formatPrice(BigDecimal unitPrice) {
        return unitPrice == null ? null : price(unitPrice).toPlainString();
    }
}
