package io.trunkline.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a rate's computed amount is rounded, once, to the ledger's scale ({@link Money#SCALE} = 4 decimals) or to
 * whole cents. The default is {@link #HALF_UP}.
 */
public enum RoundingRule implements CodedEnum {
    /** Nearest 0.0001, ties away from zero. */
    HALF_UP("half-up", RoundingMode.HALF_UP, Money.SCALE),
    /** Nearest 0.0001, ties to even (banker's). */
    HALF_EVEN("half-even", RoundingMode.HALF_EVEN, Money.SCALE),
    /** Up to the next 0.0001 (never under-charges). */
    UP("up", RoundingMode.CEILING, Money.SCALE),
    /** Down to 0.0001 (never over-charges). */
    DOWN("down", RoundingMode.FLOOR, Money.SCALE),
    /** Up to the next whole cent (0.01). */
    UP_CENT("up-cent", RoundingMode.CEILING, 2),
    /** Nearest whole cent, ties away from zero. */
    HALF_UP_CENT("half-up-cent", RoundingMode.HALF_UP, 2);

    private final String code;
    private final RoundingMode mode;
    private final int scale;

    RoundingRule(String code, RoundingMode mode, int scale) {
        this.code = code;
        this.mode = mode;
        this.scale = scale;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    public RoundingMode mode() {
        return mode;
    }

    public int scale() {
        return scale;
    }

    /** {@code value} rounded by this rule, then shown at the ledger scale (4 decimals). */
    public BigDecimal round(BigDecimal value) {
        return value.setScale(scale, mode).setScale(Money.SCALE);
    }

    /** {@code numerator / divisor} rounded once by this rule (exact: no intermediate rounding). */
    public BigDecimal divide(BigDecimal numerator, long divisor) {
        return numerator.divide(BigDecimal.valueOf(divisor), scale, mode).setScale(Money.SCALE);
    }

    public static RoundingRule ofCode(String code) {
        return CodedEnum.ofCode(RoundingRule.class, code);
    }
}
