package io.trunkline.billing;

import com.fasterxml.jackson.annotation.JsonValue;

/** A draft can be regenerated; a final invoice is numbered and never changes. */
public enum InvoiceStatus implements CodedEnum {
    DRAFT("draft"),
    FINAL("final");

    private final String code;

    InvoiceStatus(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    public static InvoiceStatus ofCode(String code) {
        return CodedEnum.ofCode(InvoiceStatus.class, code);
    }
}
