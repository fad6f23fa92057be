package io.trunkline.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trunkline.events.CdrService;

/** The spec tables: services, rounding rules, failed-message policies, plan kinds, charge kinds, invoice states. */
class SpecEnumsTest {

    @Test
    void servicesMapToCdrServicesAndCodes() {
        assertEquals(List.of("sms-out", "sms-in", "call-out", "call-in"),
                Arrays.stream(ServiceCode.values()).map(ServiceCode::code).toList());
        for (CdrService s : CdrService.values()) {
            assertEquals(s, ServiceCode.of(s).cdrService());
            assertEquals(ServiceCode.of(s), ServiceCode.ofCode(ServiceCode.of(s).code()));
        }
        assertTrue(ServiceCode.CALL_IN.isCall());
        assertFalse(ServiceCode.SMS_IN.isCall());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServiceCode.ofCode("fax"));
        assertEquals("must be one of sms-out, sms-in, call-out, call-in", e.getMessage());
    }

    @Test
    void roundingRules() {
        assertEquals(List.of("half-up", "half-even", "up", "down", "up-cent", "half-up-cent"),
                Arrays.stream(RoundingRule.values()).map(RoundingRule::code).toList());
        BigDecimal v = new BigDecimal("0.012350");
        assertEquals("0.0124", RoundingRule.HALF_UP.round(v).toPlainString());
        assertEquals("0.0124", RoundingRule.HALF_EVEN.round(new BigDecimal("0.012350")).toPlainString());
        assertEquals("0.0124", RoundingRule.HALF_EVEN.round(new BigDecimal("0.012450")).toPlainString());
        assertEquals("0.0124", RoundingRule.UP.round(new BigDecimal("0.012301")).toPlainString());
        assertEquals("0.0123", RoundingRule.DOWN.round(new BigDecimal("0.012399")).toPlainString());
        assertEquals("0.0200", RoundingRule.UP_CENT.round(new BigDecimal("0.0101")).toPlainString());
        assertEquals("0.0100", RoundingRule.HALF_UP_CENT.round(new BigDecimal("0.0149")).toPlainString());
        assertEquals("0.3334", RoundingRule.UP.divide(new BigDecimal("20"), 60).toPlainString());
        assertEquals(RoundingMode.FLOOR, RoundingRule.DOWN.mode());
        for (RoundingRule r : RoundingRule.values()) {
            assertEquals(r, RoundingRule.ofCode(r.code()));
            assertEquals(Money.SCALE, r.round(BigDecimal.ONE).scale());
        }
        assertThrows(IllegalArgumentException.class, () -> RoundingRule.ofCode("HALF_UP"));
    }

    @Test
    void otherTables() {
        assertEquals(FailedPolicy.NOT_BILLED, FailedPolicy.ofCode("not-billed"));
        assertEquals(FailedPolicy.BILLED, FailedPolicy.ofCode("billed"));
        assertEquals(PlanKind.BUY, PlanKind.ofCode("buy"));
        assertEquals(PlanKind.SELL, PlanKind.ofCode("sell"));
        assertEquals(ChargeKind.MONTHLY, ChargeKind.ofCode("monthly"));
        assertEquals(ChargeKind.ONCE, ChargeKind.ofCode("once"));
        assertEquals(InvoiceStatus.FINAL, InvoiceStatus.ofCode("final"));
        assertEquals(InvoiceStatus.DRAFT, InvoiceStatus.ofCode("draft"));
        assertThrows(IllegalArgumentException.class, () -> FailedPolicy.ofCode("free"));
        assertThrows(IllegalArgumentException.class, () -> ChargeKind.ofCode("yearly"));
    }
}
