package io.trunkline.billing.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.trunkline.billing.CodedEnum;
import io.trunkline.billing.Money;
import io.trunkline.billing.RoundingRule;
import io.trunkline.billing.ServiceCode;

/**
 * Rate cards as CSV, in A2Billing-like columns (a header row names them, in any order):
 * {@code prefix,destination,service,currency,rate,connect_fee,initial_block,increment,minimum_charge,rounding,start_date,stop_date}.
 * Required: {@code prefix}, {@code service}, {@code rate}. {@code currency} defaults to the plan's; blocks to 60/60;
 * fees to 0; {@code rounding} to {@code half-up}; {@code start_date} to the beginning of time; dates are
 * {@code YYYY-MM-DD} (UTC midnight) or RFC 3339 instants. Parsing checks every row and reports every error; a caller
 * imports only an error-free file.
 */
public final class RateCsv {
    public static final List<String> COLUMNS = List.of("prefix", "destination", "service", "currency", "rate",
            "connect_fee", "initial_block", "increment", "minimum_charge", "rounding", "start_date", "stop_date");
    private static final Set<String> REQUIRED = Set.of("prefix", "service", "rate");
    private static final int MAX_PREFIX = 24;

    private RateCsv() {
    }

    /** An error on one line (1 = the header) and column (null: the whole row). */
    public record RowError(int line, String column, String message) {
        public String field() {
            return "rows/" + line + (column == null ? "" : "/" + column);
        }
    }

    public record Parsed(List<Tariff> rates, List<RowError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Parsed parse(String csv, String plan, String defaultCurrency) {
        List<Tariff> out = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        List<List<String>> rows = split(csv);
        if (rows.isEmpty()) {
            errors.add(new RowError(1, null, "the file is empty; the first row must name the columns " + COLUMNS));
            return new Parsed(out, errors);
        }
        Map<String, Integer> at = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                errors.add(new RowError(1, name, "unknown column; the columns are " + COLUMNS));
            } else if (at.put(name, i) != null) {
                errors.add(new RowError(1, name, "column given twice"));
            }
        }
        for (String r : REQUIRED) {
            if (!at.containsKey(r)) {
                errors.add(new RowError(1, r, "required column missing"));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(out, errors);
        }
        Set<String> seen = new HashSet<>();
        for (int n = 1; n < rows.size(); n++) {
            List<String> row = rows.get(n);
            int line = n + 1;
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() > header.size()) {
                errors.add(new RowError(line, null, "has " + row.size() + " fields, the header " + header.size()));
                continue;
            }
            Row r = new Row(row, at, line, errors);
            String prefix = r.text("prefix");
            if (prefix != null && !prefix.matches("[0-9]{1," + MAX_PREFIX + "}")) {
                r.error("prefix", "must be 1-" + MAX_PREFIX + " digits");
                prefix = null;
            }
            ServiceCode service = r.coded("service", ServiceCode.class, null);
            String currency = r.text("currency");
            if (currency == null) {
                currency = defaultCurrency;
            } else if (!currency.matches("[A-Z]{3}")) {
                r.error("currency", "must be an ISO 4217 code such as USD");
            }
            BigDecimal rate = r.money("rate", null);
            BigDecimal connect = r.money("connect_fee", BigDecimal.ZERO);
            BigDecimal minimum = r.money("minimum_charge", BigDecimal.ZERO);
            int initial = r.seconds("initial_block", 60);
            int increment = r.seconds("increment", 60);
            RoundingRule rounding = r.coded("rounding", RoundingRule.class, RoundingRule.HALF_UP);
            Instant from = r.instant("start_date", Tariff.BEGINNING);
            Instant to = r.instant("stop_date", null);
            if (from != null && to != null && !to.isAfter(from)) {
                r.error("stop_date", "must be after start_date");
            }
            if (r.failed) {
                continue;
            }
            String key = prefix + "|" + service + "|" + from;
            if (!seen.add(key)) {
                errors.add(new RowError(line, null, "duplicates an earlier row (same prefix, service and start_date)"));
                continue;
            }
            out.add(new Tariff(plan, prefix, r.text("destination"), service, currency, rate, connect, initial,
                    increment, minimum, rounding, from, to));
        }
        return new Parsed(out, errors);
    }

    /** The rates as CSV with every column, sorted by prefix, service and start. */
    public static String format(List<Tariff> rates) {
        StringBuilder sb = new StringBuilder(64 + rates.size() * 80);
        sb.append(String.join(",", COLUMNS)).append('\n');
        List<Tariff> sorted = new ArrayList<>(rates);
        sorted.sort(Comparator.comparing(Tariff::prefix).thenComparing(Tariff::service).thenComparing(Tariff::from));
        for (Tariff t : sorted) {
            sb.append(t.prefix()).append(',')
                    .append(quote(t.destination())).append(',')
                    .append(t.service().code()).append(',')
                    .append(t.currency()).append(',')
                    .append(Money.price(t.price()).toPlainString()).append(',')
                    .append(Money.price(t.connectFee()).toPlainString()).append(',')
                    .append(t.initialBlock()).append(',')
                    .append(t.increment()).append(',')
                    .append(Money.price(t.minimumCharge()).toPlainString()).append(',')
                    .append(t.rounding().code()).append(',')
                    .append(t.from().equals(Tariff.BEGINNING) ? "" : date(t.from())).append(',')
                    .append(t.to() == null ? "" : date(t.to())).append('\n');
        }
        return sb.toString();
    }

    static String date(Instant i) {
        return i.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0
                ? i.atZone(ZoneOffset.UTC).toLocalDate().toString() : i.toString();
    }

    /** A CSV field, quoted if it needs to be. */
    public static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
    static List<List<String>> split(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = csv.startsWith("\uFEFF") ? 1 : 0;
        for (; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    private static final class Row {
        final List<String> fields;
        final Map<String, Integer> at;
        final int line;
        final List<RowError> errors;
        boolean failed;

        Row(List<String> fields, Map<String, Integer> at, int line, List<RowError> errors) {
            this.fields = fields;
            this.at = at;
            this.line = line;
            this.errors = errors;
        }

        void error(String column, String message) {
            errors.add(new RowError(line, column, message));
            failed = true;
        }

        String text(String column) {
            Integer i = at.get(column);
            if (i == null || i >= fields.size()) {
                if (REQUIRED.contains(column)) {
                    error(column, "is required");
                }
                return null;
            }
            String v = fields.get(i).trim();
            if (v.isEmpty()) {
                if (REQUIRED.contains(column)) {
                    error(column, "is required");
                }
                return null;
            }
            return v;
        }

        BigDecimal money(String column, BigDecimal fallback) {
            String v = text(column);
            if (v == null) {
                return fallback;
            }
            try {
                BigDecimal d = new BigDecimal(v);
                if (d.signum() < 0) {
                    error(column, "must not be negative");
                } else if (d.stripTrailingZeros().scale() > 8 || d.precision() - d.scale() > 11) {
                    error(column, "must have at most 11 digits before and 8 after the point");
                }
                return d;
            } catch (NumberFormatException e) {
                error(column, "must be a decimal number such as 0.0125");
                return null;
            }
        }

        int seconds(String column, int fallback) {
            String v = text(column);
            if (v == null) {
                return fallback;
            }
            try {
                int s = Integer.parseInt(v);
                if (s < 1 || s > 3600) {
                    error(column, "must be between 1 and 3600 seconds");
                }
                return s;
            } catch (NumberFormatException e) {
                error(column, "must be a whole number of seconds");
                return fallback;
            }
        }

        <E extends Enum<E> & CodedEnum> E coded(String column, Class<E> type, E fallback) {
            String v = text(column);
            if (v == null) {
                return fallback;
            }
            try {
                return CodedEnum.ofCode(type, v.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(column, e.getMessage());
                return null;
            }
        }

        Instant instant(String column, Instant fallback) {
            String v = text(column);
            if (v == null) {
                return fallback;
            }
            try {
                return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
            } catch (DateTimeParseException e) {
                error(column, "must be a date YYYY-MM-DD or an RFC 3339 UTC time");
                return null;
            }
        }
    }
}
