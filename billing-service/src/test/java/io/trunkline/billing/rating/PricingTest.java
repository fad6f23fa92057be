package io.trunkline.billing.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.trunkline.billing.RoundingRule;
import io.trunkline.billing.ServiceCode;

class PricingTest {

    @Test
    void blocksOf61Seconds() {
        assertEquals(120, Pricing.billedSeconds(61, 60, 60));
        assertEquals(66, Pricing.billedSeconds(61, 30, 6));
        assertEquals(61, Pricing.billedSeconds(61, 1, 1));
        assertEquals(30, Pricing.billedSeconds(5, 30, 6), "a short call bills the initial block");
        assertEquals(60, Pricing.billedSeconds(60, 60, 60));
        assertEquals(0, Pricing.billedSeconds(0, 60, 60));
        assertThrows(IllegalArgumentException.class, () -> Pricing.billedSeconds(-1, 60, 60));
    }

    @Test
    void callAt6060Bills120SecondsAnd3006Bills66() {
        Pricing.Priced a = Pricing.price(call("0.0300", "0", 60, 60, "0", RoundingRule.HALF_UP), 0, 61);
        assertEquals(120, a.units());
        assertMoney("0.0600", a.amount());
        Pricing.Priced b = Pricing.price(call("0.0300", "0", 30, 6, "0", RoundingRule.HALF_UP), 0, 61);
        assertEquals(66, b.units());
        assertMoney("0.0330", b.amount()); // 0.03 x 66 / 60
    }

    @Test
    void connectFeeIsAddedAndMinimumChargeApplies() {
        Pricing.Priced withFee = Pricing.price(call("0.0300", "0.0150", 30, 6, "0", RoundingRule.HALF_UP), 0, 61);
        assertMoney("0.0480", withFee.amount()); // 0.015 + 0.033
        Pricing.Priced minimum = Pricing.price(call("0.0300", "0.0100", 1, 1, "0.0500", RoundingRule.HALF_UP), 0, 10);
        assertEquals(10, minimum.units());
        assertMoney("0.0500", minimum.amount()); // 0.01 + 0.005 = 0.015, raised to 0.05
        Pricing.Priced aboveMinimum = Pricing.price(call("0.0300", "0.0100", 1, 1, "0.0500", RoundingRule.HALF_UP), 0, 600);
        assertMoney("0.3100", aboveMinimum.amount());
        assertMoney("0", Pricing.price(call("0.0300", "0.0100", 1, 1, "0.0500", RoundingRule.HALF_UP), 0, 0).amount());
    }

    @Test
    void roundingRulesRoundOnceAtTheEnd() {
        // 0.0125 / min for 7 s at 1/1: 0.0125 * 7 / 60 = 0.00145833...
        assertMoney("0.0015", Pricing.price(call("0.0125", "0", 1, 1, "0", RoundingRule.HALF_UP), 0, 7).amount());
        assertMoney("0.0014", Pricing.price(call("0.0125", "0", 1, 1, "0", RoundingRule.DOWN), 0, 7).amount());
        assertMoney("0.0015", Pricing.price(call("0.0125", "0", 1, 1, "0", RoundingRule.UP), 0, 7).amount());
        assertMoney("0.0100", Pricing.price(call("0.0125", "0", 1, 1, "0", RoundingRule.UP_CENT), 0, 7).amount());
        assertMoney("0.0000", Pricing.price(call("0.0125", "0", 1, 1, "0", RoundingRule.HALF_UP_CENT), 0, 7).amount());
    }

    @Test
    void smsIsPricePerSegment() {
        Tariff t = Tariff.flat("p", "61", ServiceCode.SMS_OUT, "USD", new BigDecimal("0.0525"));
        Pricing.Priced p = Pricing.price(t, 3, 0);
        assertEquals(3, p.units());
        assertMoney("0.1575", p.amount());
    }

    static Tariff call(String price, String connect, int initial, int increment, String minimum, RoundingRule rule) {
        return new Tariff("p", "44", "UK", ServiceCode.CALL_OUT, "USD", new BigDecimal(price), new BigDecimal(connect),
                initial, increment, new BigDecimal(minimum), rule, Instant.EPOCH, null);
    }

    static void assertMoney(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }
}
