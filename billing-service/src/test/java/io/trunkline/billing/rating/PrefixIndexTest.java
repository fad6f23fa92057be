package io.trunkline.billing.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trunkline.billing.RoundingRule;
import io.trunkline.billing.ServiceCode;

class PrefixIndexTest {
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void longestPrefixWins() {
        PrefixIndex idx = PrefixIndex.of(List.of(sms("61", "0.05"), sms("614", "0.07"), sms("6141", "0.09"),
                sms("1", "0.01")));
        assertEquals("6141", idx.find(ServiceCode.SMS_OUT, "+61412345678", FEB).prefix());
        assertEquals("614", idx.find(ServiceCode.SMS_OUT, "+61422345678", FEB).prefix());
        assertEquals("61", idx.find(ServiceCode.SMS_OUT, "61312345678", FEB).prefix());
        assertNull(idx.find(ServiceCode.SMS_OUT, "+4420123456", FEB));
        assertNull(idx.find(ServiceCode.CALL_OUT, "+61412345678", FEB), "no call-out rate at all");
        assertNull(idx.find(ServiceCode.SMS_OUT, "someone@example.com", FEB));
    }

    @Test
    void effectiveDatesAreHonoured() {
        PrefixIndex idx = PrefixIndex.of(List.of(
                rate("614", "0.07", JAN, FEB), rate("614", "0.08", FEB, null), rate("6141", "0.09", MAR, null),
                sms("61", "0.05")));
        assertEquals("0.07", idx.find(ServiceCode.SMS_OUT, "+61412345678", JAN.plusSeconds(5)).price().toPlainString());
        assertEquals("0.08", idx.find(ServiceCode.SMS_OUT, "+61412345678", FEB).price().toPlainString(),
                "from is inclusive, to exclusive");
        assertEquals("6141", idx.find(ServiceCode.SMS_OUT, "+61412345678", MAR).prefix());
        assertEquals("0.05", idx.find(ServiceCode.SMS_OUT, "+61412345678", JAN.minusSeconds(1)).price().toPlainString(),
                "a longer prefix not yet effective gives way to a shorter one");
    }

    @Test
    void aHundredThousandPrefixes() {
        List<Tariff> rates = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rates.add(sms(Integer.toString(1_000_000 + i * 7), "0.0" + (i % 90 + 10)));
        }
        rates.add(sms("1", "0.99"));
        PrefixIndex idx = PrefixIndex.of(rates);
        assertEquals(100_001, idx.prefixes());
        assertEquals("1000007", idx.find(ServiceCode.SMS_OUT, "+10000071234", FEB).prefix());
        assertEquals("1", idx.find(ServiceCode.SMS_OUT, "+10000081234", FEB).prefix());
    }

    static Tariff sms(String prefix, String price) {
        return rate(prefix, price, Tariff.BEGINNING, null);
    }

    static Tariff rate(String prefix, String price, Instant from, Instant to) {
        return new Tariff("p", prefix, null, ServiceCode.SMS_OUT, "USD", new BigDecimal(price), BigDecimal.ZERO, 60, 60,
                BigDecimal.ZERO, RoundingRule.HALF_UP, from, to);
    }
}
