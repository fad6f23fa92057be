package io.trunkline.billing;

import com.fasterxml.jackson.annotation.JsonValue;

/** A rate plan is either a sell plan (assigned to tenants) or a carrier's buy card (our cost). */
public enum PlanKind implements CodedEnum {
    SELL("sell"),
    BUY("buy");

    private final String code;

    PlanKind(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    public static PlanKind ofCode(String code) {
        return CodedEnum.ofCode(PlanKind.class, code);
    }
}
