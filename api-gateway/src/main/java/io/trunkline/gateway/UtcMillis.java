package io.trunkline.gateway;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores an {@link Instant} in a {@code DATETIME(3)} column as UTC with milliseconds, bound as text
 * ({@code 2026-01-31 23:59:59.123}). Why not a bound timestamp: MySQL Connector/J sees MariaDB 10.x as server version
 * "5.5.5-..." and, believing it older than 5.6.4, silently drops the fractional seconds of every bound temporal, so
 * a message's timeline would lose its order within a second. Text is read back exactly by both MySQL 8 and MariaDB,
 * and comparisons and ORDER BY still work on the DATETIME column.
 */
@Converter(autoApply = false)
public class UtcMillis implements AttributeConverter<Instant, String> {
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    @Override
    public String convertToDatabaseColumn(Instant value) {
        return format(value);
    }

    @Override
    public Instant convertToEntityAttribute(String value) {
        return value == null ? null : LocalDateTime.parse(value.trim(), READ).toInstant(ZoneOffset.UTC);
    }

    /** The text to bind for {@code value} in a native query. */
    public static String format(Instant value) {
        return value == null ? null : WRITE.format(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }
}
