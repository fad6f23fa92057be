package io.trunkline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class UtcMillisTest {
    private final UtcMillis converter = new UtcMillis();

    @Test
    void writesUtcWithMilliseconds() {
        assertEquals("2026-01-31 23:59:59.123", converter.convertToDatabaseColumn(Instant.parse("2026-01-31T23:59:59.123456Z")));
        assertEquals("2026-01-31 23:59:59.000", converter.convertToDatabaseColumn(Instant.parse("2026-01-31T23:59:59Z")));
        assertNull(converter.convertToDatabaseColumn(null));
    }

    @Test
    void readsWhatTheServerReturns() {
        // MySQL and MariaDB drop a zero fraction in the text they return
        assertEquals(Instant.parse("2026-01-31T23:59:59.123Z"), converter.convertToEntityAttribute("2026-01-31 23:59:59.123"));
        assertEquals(Instant.parse("2026-01-31T23:59:59Z"), converter.convertToEntityAttribute("2026-01-31 23:59:59"));
        assertEquals(Instant.parse("2026-01-31T23:59:59.100Z"), converter.convertToEntityAttribute("2026-01-31T23:59:59.1"));
        assertNull(converter.convertToEntityAttribute(null));
    }
}
