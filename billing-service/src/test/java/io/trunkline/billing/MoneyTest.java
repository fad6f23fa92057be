package io.trunkline.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsRoundHalfUpToFourDecimals() {
        assertEquals("0.0001", Money.amount(new BigDecimal("0.00005")).toPlainString());
        assertEquals("0.0000", Money.amount(new BigDecimal("0.000049999")).toPlainString());
        assertEquals("-0.0001", Money.amount(new BigDecimal("-0.00005")).toPlainString(), "half up is away from zero");
        assertEquals("25.0000", Money.amount(new BigDecimal("25")).toPlainString());
        assertEquals("1.2346", Money.amount(new BigDecimal("1.23456")).toPlainString());
    }

    @Test
    void priceTimesUnitsIsExactThenRoundedOnce() {
        assertEquals("0.1000", Money.times(new BigDecimal("0.0500"), 2).toPlainString());
        assertEquals("1.0000", Money.times(new BigDecimal("0.0500"), 20).toPlainString());
        // 3 × 0.00125 = 0.00375 → 0.0038 (rounded once, not 3 × round(0.00125) = 0.0039)
        assertEquals("0.0038", Money.times(new BigDecimal("0.00125"), 3).toPlainString());
        // 0.1 is exact in decimal: 10 × 0.1 is exactly 1, unlike binary floating point
        assertEquals(0, Money.times(new BigDecimal("0.1"), 10).compareTo(BigDecimal.ONE));
        assertEquals("0.0000", Money.times(new BigDecimal("0.0500"), 0).toPlainString());
        assertThrows(IllegalArgumentException.class, () -> Money.times(BigDecimal.ONE, -1));
    }

    @Test
    void callsAreBilledPerStartedMinute() {
        assertEquals(0, Money.startedMinutes(0));
        assertEquals(1, Money.startedMinutes(1));
        assertEquals(1, Money.startedMinutes(59));
        assertEquals(1, Money.startedMinutes(60));
        assertEquals(2, Money.startedMinutes(61));
        assertEquals(2, Money.startedMinutes(120));
        assertEquals(3, Money.startedMinutes(121));
        assertEquals(153_722_867_280_912_931L, Money.startedMinutes(Long.MAX_VALUE), "no overflow");
        assertThrows(IllegalArgumentException.class, () -> Money.startedMinutes(-1));
    }

    @Test
    void pricesShowAtLeastFourDecimals() {
        assertEquals("0.0500", Money.formatPrice(new BigDecimal("0.05")));
        assertEquals("0.0500", Money.formatPrice(new BigDecimal("0.05000000")));
        assertEquals("0.00125", Money.formatPrice(new BigDecimal("0.00125")));
        assertEquals("24.9000", Money.format(new BigDecimal("24.9")));
    }
}
