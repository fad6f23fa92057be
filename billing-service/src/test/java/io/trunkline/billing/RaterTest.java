package io.trunkline.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.trunkline.billing.rating.PrefixIndex;
import io.trunkline.billing.rating.Tariff;
import io.trunkline.billing.service.RateBook;
import io.trunkline.billing.service.Rater;
import io.trunkline.billing.service.Rating;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;

/** The engine over an in-memory snapshot: sell and buy, FX, failed policy, unrated. */
class RaterTest {
    private static final RateBook.Plan DEFAULT = plan("default", io.trunkline.billing.PlanKind.SELL, null,
            FailedPolicy.NOT_BILLED, List.of(
                    Tariff.flat("default", "", ServiceCode.SMS_OUT, "USD", new BigDecimal("0.0500")),
                    Tariff.flat("default", "", ServiceCode.CALL_OUT, "USD", new BigDecimal("0.0200"))));
    private static final RateBook.Plan GOLD = plan("gold", io.trunkline.billing.PlanKind.SELL, null,
            FailedPolicy.BILLED, List.of(Tariff.flat("gold", "61", ServiceCode.SMS_OUT, "EUR", new BigDecimal("0.0400"))));
    private static final RateBook.Plan CARRIER = plan("acme-buy", io.trunkline.billing.PlanKind.BUY, "acme",
            FailedPolicy.NOT_BILLED, List.of(Tariff.flat("acme-buy", "614", ServiceCode.SMS_OUT, "USD", new BigDecimal("0.0100"))));
    private static final RateBook.Snapshot SNAP = new RateBook.Snapshot(1,
            Map.of("gold", GOLD, "acme-buy", CARRIER), Map.of("tenant-gold", "gold"),
            Map.of("EURUSD", new BigDecimal("1.10")), DEFAULT, Map.of("acme", CARRIER));

    @Test
    void smsIsSegmentsTimesRate() {
        Rating r = Rater.rate(SNAP, cdr("tenant-a", CdrService.SMS_OUT, 3, 0, true), "USD");
        assertEquals(CdrStatus.RATED, r.status());
        assertEquals(3, r.units());
        assertEquals("default", r.plan());
        assertEquals(0, r.amount().compareTo(new BigDecimal("0.15")));
        assertTrue(r.charges());
    }

    @Test
    void sellAndBuyGiveTheMarginAndTheFxRateIsKept() {
        Rating r = Rater.rate(SNAP, cdr("tenant-gold", CdrService.SMS_OUT, 2, 0, true), "USD");
        assertEquals("gold", r.plan());
        assertEquals(0, r.rateAmount().compareTo(new BigDecimal("0.08")), "2 x 0.04 EUR");
        assertEquals(0, r.fxRate().compareTo(new BigDecimal("1.10")));
        assertEquals(0, r.amount().compareTo(new BigDecimal("0.088")), "0.08 EUR at 1.10 = 0.088 USD");
        assertNotNull(r.buy());
        assertEquals(0, r.buy().cost().compareTo(new BigDecimal("0.02")));
        assertEquals(0, r.margin().compareTo(new BigDecimal("0.068")));
    }

    @Test
    void aCdrsOwnBuyCostWinsOverTheBuyCard() {
        CdrRecorded base = cdr("tenant-gold", CdrService.SMS_OUT, 2, 0, true);
        CdrRecorded priced = new CdrRecorded(base.cdrId(), base.tenantId(), base.service(), base.subjectId(),
                base.source(), base.destination(), base.segments(), base.billableSeconds(), base.startedAt(),
                base.answeredAt(), base.endedAt(), base.channel(), base.carrier(), base.success(), base.hangupCause(),
                new BigDecimal("0.0300"), "EUR");
        Rating r = Rater.rate(SNAP, priced, "USD");
        assertNull(r.buy().plan(), "not from a buy card");
        assertNull(r.buy().rate());
        assertEquals("EUR", r.buy().currency());
        assertEquals(0, r.buy().amount().compareTo(new BigDecimal("0.03")));
        assertEquals(0, r.buy().cost().compareTo(new BigDecimal("0.033")), "0.03 EUR at 1.10, not the card's 0.02 USD");
        assertEquals(0, r.margin().compareTo(new BigDecimal("0.055")), "0.088 - 0.033");
        Rating card = Rater.rate(SNAP, base, "USD");
        assertEquals("acme-buy", card.buy().plan(), "without buyCost the buy card rates it");
        assertEquals("USD", card.buy().currency());
    }

    @Test
    void callIsRatedByBlocks() {
        Rating r = Rater.rate(SNAP, cdr("tenant-a", CdrService.CALL_OUT, 0, 61, true), "USD");
        assertEquals(120, r.units());
        assertEquals(0, r.amount().compareTo(new BigDecimal("0.04")));
    }

    @Test
    void failedAttemptFollowsThePlansPolicy() {
        Rating r = Rater.rate(SNAP, cdr("tenant-a", CdrService.SMS_OUT, 2, 0, false), "USD");
        assertEquals(CdrStatus.NOT_BILLED, r.status());
        assertEquals(0, r.amount().signum());
        assertFalse(r.charges());
        assertEquals(0, r.sell().price().compareTo(new BigDecimal("0.05")));
        Rating billed = Rater.rate(SNAP, cdr("tenant-gold", CdrService.SMS_OUT, 1, 0, false), "EUR");
        assertEquals(CdrStatus.RATED, billed.status(), "the gold plan bills failed attempts");
        assertEquals(0, billed.amount().compareTo(new BigDecimal("0.04")));
    }

    @Test
    void noRateOrNoFxIsUnratedNeverZeroPriced() {
        Rating noFx = Rater.rate(SNAP, cdr("tenant-a", CdrService.SMS_OUT, 1, 0, true), "GBP");
        assertEquals(CdrStatus.UNRATED, noFx.status());
        assertEquals("GBP", noFx.currency());
        assertTrue(noFx.reason().contains("FX"), noFx.reason());
        Rating noRate = Rater.rate(SNAP, cdr("tenant-gold", CdrService.CALL_OUT, 0, 30, true), "EUR");
        assertEquals(CdrStatus.UNRATED, noRate.status());
        assertNull(noRate.sell());
        assertEquals(0, noRate.amount().signum());
    }

    private static RateBook.Plan plan(String id, io.trunkline.billing.PlanKind kind, String carrier, FailedPolicy failed,
            List<Tariff> rates) {
        return new RateBook.Plan(id, kind, carrier, rates.get(0).currency(), failed, 1, PrefixIndex.of(rates));
    }

    private static CdrRecorded cdr(String tenant, CdrService service, int segments, long seconds, boolean success) {
        Instant t = Instant.parse("2026-11-26T02:30:00Z");
        return new CdrRecorded("cdr-1", tenant, service, "msg-1", "+61400000000", "+61412345678", segments, seconds,
                t, null, t.plusSeconds(seconds), "smpp", "acme", success, null);
    }
}
