package io.trunkline.gateway.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.trunkline.platform.rest.ProblemException;

/** Query parameters of the tenant billing API, checked before anything is asked of billing (400 naming the field). */
final class BillingParams {
    static final String CSV = "text/csv";

    private BillingParams() {
    }

    static int intParam(String field, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(field, "must be a whole number from " + min + " to " + max);
    }

    /** An RFC 3339 time ({@code 2026-11-01T00:00:00Z}) or a date ({@code 2026-11-01}, midnight UTC); null if absent. */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date (2026-11-01) or an RFC 3339 time (2026-11-01T00:00:00Z)");
        }
    }

    /** [from, to): both default to the current UTC month; {@code to} must be after {@code from}. */
    static Instant[] range(String fromParam, String toParam, Instant now) {
        Instant from = instant("from", fromParam);
        Instant to = instant("to", toParam);
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        if (from == null) {
            from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (to == null) {
            to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (!from.isBefore(to)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        return new Instant[] { from, to };
    }

    /** True for CSV: {@code ?format=csv}, or no format and an Accept header asking for text/csv. */
    static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalid("format", "must be json or csv");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(CSV)
                && !accept.toLowerCase(Locale.ROOT).contains("application/json");
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break; null is empty. */
    static String csvField(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
