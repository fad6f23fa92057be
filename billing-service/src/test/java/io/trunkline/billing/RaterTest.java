package io.trunkline.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.trunkline.billing.service.Rate;
import io.trunkline.billing.service.RateCard;
import io.trunkline.billing.service.Rater;
import io.trunkline.billing.service.Rating;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;

class RaterTest {
    /** A card in USD: 0.0500 per SMS segment, 0.0200 per started call minute. */
    private final RateCard usd = (tenant, service, destination, currency, at) -> "USD".equals(currency)
            ? Optional.of(new Rate("test", service, "USD",
                    Rate.unitOf(service) == Rate.Unit.SEGMENT ? new BigDecimal("0.0500") : new BigDecimal("0.0200"),
                    Rate.unitOf(service)))
            : Optional.empty();
    private final Rater rater = new Rater(usd);

    @Test
    void smsIsSegmentsTimesRate() {
        Rating r = rater.rate(cdr(CdrService.SMS_OUT, 3, 0, true), "USD");
        assertEquals(CdrStatus.RATED, r.status());
        assertEquals(3, r.units());
        assertEquals(0, r.amount().compareTo(new BigDecimal("0.15")));
        assertTrue(r.charges());
    }

    @Test
    void callIsStartedMinutesTimesRate() {
        Rating r = rater.rate(cdr(CdrService.CALL_OUT, 0, 61, true), "USD");
        assertEquals(2, r.units());
        assertEquals(0, r.amount().compareTo(new BigDecimal("0.04")));
    }

    @Test
    void failedAttemptIsNotBilledButKeepsTheRate() {
        Rating r = rater.rate(cdr(CdrService.SMS_OUT, 2, 0, false), "USD");
        assertEquals(CdrStatus.NOT_BILLED, r.status());
        assertEquals(0, r.amount().signum());
        assertFalse(r.charges());
        assertEquals(0, r.rate().unitPrice().compareTo(new BigDecimal("0.05")));
    }

    @Test
    void noRateInTheAccountsCurrencyIsUnratedNotDropped() {
        Rating r = rater.rate(cdr(CdrService.SMS_OUT, 1, 0, true), "EUR");
        assertEquals(CdrStatus.UNRATED, r.status());
        assertEquals("EUR", r.currency());
        assertNull(r.rate());
        assertEquals(0, r.amount().signum());
    }

    private static CdrRecorded cdr(CdrService service, int segments, long seconds, boolean success) {
        Instant t = Instant.parse("2026-11-26T02:30:00Z");
        return new CdrRecorded("cdr-1", "tenant-a", service, "msg-1", "+61400000000", "+61412345678", segments, seconds,
                t, null, t.plusSeconds(seconds), "smpp", "sandbox", success, null);
    }
}
