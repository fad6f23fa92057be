package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.util.Objects;

import io.trunkline.events.CdrService;

/** The price of one unit of a service, in a currency, from a named plan. */
public record Rate(String plan, CdrService service, String currency, BigDecimal unitPrice, Unit unit) {

    public enum Unit {
        /** One SMS segment. */
        SEGMENT,
        /** One started minute of billable call time. */
        STARTED_MINUTE
    }

    public Rate {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(unit, "unit");
        if (unitPrice.signum() < 0) {
            throw new IllegalArgumentException("a rate must not be negative: " + unitPrice);
        }
    }

    /** The unit each service is billed in. */
    public static Unit unitOf(CdrService service) {
        return switch (service) {
            case SMS_OUT, SMS_IN -> Unit.SEGMENT;
            case CALL_OUT, CALL_IN -> Unit.STARTED_MINUTE;
        };
    }
}
