package io.trunkline.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.trunkline.billing.service.AlertDelivery;
import io.trunkline.billing.service.ChargeService;

class ChargePeriodsTest {

    @Test
    void duePeriods() {
        LocalDate today = LocalDate.parse("2026-03-15");
        assertEquals(List.of("once"), ChargeService.duePeriods(ChargeKind.ONCE, LocalDate.parse("2026-03-15"), null, today));
        assertTrue(ChargeService.duePeriods(ChargeKind.ONCE, LocalDate.parse("2026-03-16"), null, today).isEmpty());
        assertEquals(List.of("2026-01", "2026-02", "2026-03"),
                ChargeService.duePeriods(ChargeKind.MONTHLY, LocalDate.parse("2026-01-31"), null, today));
        assertEquals(List.of("2025-12", "2026-01"), ChargeService.duePeriods(ChargeKind.MONTHLY,
                LocalDate.parse("2025-12-01"), LocalDate.parse("2026-01-10"), today));
    }

    @Test
    void webhookSignatureIsHmacSha256OfTimestampDotBody() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'secret-secret-secret'
        assertEquals("sha256=fa345d5b654e6667128855e14a4938c54b5b813699e6b72c5c4f501aa493ba92",
                AlertDelivery.signature("secret-secret-secret", "1700000000", "{\"a\":1}"));
    }
}
