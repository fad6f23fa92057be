package io.trunkline.billing.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonSetter;

import io.trunkline.platform.rest.ProblemException;

/** Request bodies and query-parameter parsing of the operator API. Money is a decimal string (or number). */
public final class Requests {
    /** A tenant id: letters, digits and {@code . _ : @ -}, up to 64. */
    public static final String TENANT_ID = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}";
    public static final String TENANT_ID_MESSAGE = "must be 1-64 letters, digits or . _ : @ -";
    public static final String CURRENCY = "[A-Z]{3}";
    public static final String CURRENCY_MESSAGE = "must be an ISO 4217 code such as USD";
    public static final String AMOUNT_DIGITS_MESSAGE = "must be a decimal with at most 15 digits before and 4 after the point";

    private Requests() {
    }

    /** {@code POST /v1/ops/accounts/{tenantId}/topups}. */
    public record TopUp(
            @NotNull @Positive @Digits(integer = 15, fraction = 4, message = AMOUNT_DIGITS_MESSAGE) BigDecimal amount,
            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @NotBlank(message = "is required: it makes the top-up idempotent") @Size(max = 128) String reference,
            @Size(max = 500) String note) {
    }

    /** {@code POST /v1/ops/accounts/{tenantId}/adjustments}: a signed correction. */
    public record Adjustment(
            @NotNull @Digits(integer = 15, fraction = 4, message = AMOUNT_DIGITS_MESSAGE) BigDecimal amount,
            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency,
            @Size(max = 128) String reference,
            @NotBlank(message = "is required: say why the balance is adjusted") @Size(max = 500) String note) {
    }

    /**
     * {@code PUT /v1/ops/accounts/{tenantId}}: a field left out keeps its value; {@code "lowBalanceThreshold": null}
     * turns the alert off. Unknown fields are refused, so a misspelt field is not silently ignored.
     */
    public static class Settings {
        @PositiveOrZero
        @Digits(integer = 15, fraction = 4, message = AMOUNT_DIGITS_MESSAGE)
        private BigDecimal creditLimit;
        private Boolean prepaid;
        @Digits(integer = 15, fraction = 4, message = AMOUNT_DIGITS_MESSAGE)
        private BigDecimal lowBalanceThreshold;
        private boolean lowBalanceThresholdGiven;
        @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE)
        private String currency;
        @Size(max = 400)
        private String note;
        private final List<String> unknown = new ArrayList<>();

        public BigDecimal getCreditLimit() {
            return creditLimit;
        }

        public void setCreditLimit(BigDecimal creditLimit) {
            this.creditLimit = creditLimit;
        }

        public Boolean getPrepaid() {
            return prepaid;
        }

        public void setPrepaid(Boolean prepaid) {
            this.prepaid = prepaid;
        }

        public BigDecimal getLowBalanceThreshold() {
            return lowBalanceThreshold;
        }

        @JsonSetter("lowBalanceThreshold")
        public void setLowBalanceThreshold(BigDecimal lowBalanceThreshold) {
            this.lowBalanceThreshold = lowBalanceThreshold;
            this.lowBalanceThresholdGiven = true;
        }

        public boolean lowBalanceThresholdGiven() {
            return lowBalanceThresholdGiven;
        }

        public String getCurrency() {
            return currency;
        }

        public void setCurrency(String currency) {
            this.currency = currency;
        }

        public String getNote() {
            return note;
        }

        public void setNote(String note) {
            this.note = note;
        }

        @JsonAnySetter
        void unknownField(String name, Object value) {
            unknown.add(name);
        }

        List<String> unknownFields() {
            return unknown;
        }
    }

    /** An optional integer query parameter within [min, max]; 400 naming it otherwise. */
    static int intParam(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw ProblemException.invalid(name, "must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number");
        }
    }

    /** An optional RFC 3339 instant query parameter; 400 naming it otherwise. */
    static Instant instantParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an RFC 3339 UTC time such as 2026-11-26T00:00:00Z");
        }
    }

    /** Who made an operator change: {@code ops}, or {@code ops:<name>} from the {@code X-Operator} header. */
    static String actor(String operator) {
        if (operator == null || operator.isBlank()) {
            return "ops";
        }
        String name = operator.trim();
        if (name.length() > 64 || !name.matches("[\\p{L}\\p{N}._@ -]+")) {
            throw ProblemException.invalid("X-Operator", "must be up to 64 letters, digits, spaces or . _ @ -");
        }
        return "ops:" + name;
    }
}
