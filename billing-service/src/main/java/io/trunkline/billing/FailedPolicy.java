package io.trunkline.billing;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a sell plan does with a failed attempt ({@code success=false} CDR). */
public enum FailedPolicy implements CodedEnum {
    /** Stored as {@code not-billed} with amount 0 (the default). */
    NOT_BILLED("not-billed"),
    /** Rated and charged like a successful one. */
    BILLED("billed");

    private final String code;

    FailedPolicy(String code) {
        this.code = code;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    public static FailedPolicy ofCode(String code) {
        return CodedEnum.ofCode(FailedPolicy.class, code);
    }
}
