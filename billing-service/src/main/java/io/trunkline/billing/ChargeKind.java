package io.trunkline.billing;

import com.fasterxml.jackson.annotation.JsonValue;

/** Once-off (setup) or recurring (monthly: number or SIM rental, service fee) charges. */
public enum ChargeKind implements CodedEnum {
    /** Applied once, on or after its start date; its period key is {@code once}. */
    ONCE("once"),
    /** Applied once per calendar month (UTC) from its start month to its end date; period key {@code YYYY-MM}. */
    MONTHLY("monthly");

    private final String code;

    ChargeKind(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    public static ChargeKind ofCode(String code) {
        return CodedEnum.ofCode(ChargeKind.class, code);
    }
}
