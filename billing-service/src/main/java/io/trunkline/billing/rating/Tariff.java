package io.trunkline.billing.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import io.trunkline.billing.RoundingRule;
import io.trunkline.billing.ServiceCode;

/**
 * One rate of a plan: what {@code service} to destinations starting with {@code prefix} costs while it is effective
 * ({@code [from, to)}; {@code to} null = open-ended). For SMS {@code price} is per segment; for calls it is per minute,
 * billed by time blocks: {@code connectFee} once, the first {@code initialBlock} seconds, then each started
 * {@code increment}; the total is at least {@code minimumCharge} and rounded by {@code rounding}.
 */
public record Tariff(String plan, String prefix, String destination, ServiceCode service, String currency,
        BigDecimal price, BigDecimal connectFee, int initialBlock, int increment, BigDecimal minimumCharge,
        RoundingRule rounding, Instant from, Instant to) {

    public static final Instant BEGINNING = Instant.EPOCH;

    public Tariff {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(from, "from");
        connectFee = connectFee == null ? BigDecimal.ZERO : connectFee;
        minimumCharge = minimumCharge == null ? BigDecimal.ZERO : minimumCharge;
        if (price.signum() < 0 || connectFee.signum() < 0 || minimumCharge.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
        if (initialBlock < 1 || increment < 1) {
            throw new IllegalArgumentException("initial block and increment must be at least 1 second");
        }
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("effective to must be after effective from");
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) < '0' || prefix.charAt(i) > '9') {
                throw new IllegalArgumentException("a prefix is digits only: " + prefix);
            }
        }
    }

    /** A 60/60 or per-segment rate with no fees, rounded half-up: the flat default plan's rates. */
    public static Tariff flat(String plan, String prefix, ServiceCode service, String currency, BigDecimal price) {
        return new Tariff(plan, prefix, null, service, currency, price, BigDecimal.ZERO, 60, 60, BigDecimal.ZERO,
                RoundingRule.HALF_UP, BEGINNING, null);
    }

    /** Whether the rate applies at {@code at}: {@code from <= at < to}. */
    public boolean activeAt(Instant at) {
        return !at.isBefore(from) && (to == null || at.isBefore(to));
    }
}
