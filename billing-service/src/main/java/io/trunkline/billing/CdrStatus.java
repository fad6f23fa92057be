package io.trunkline.billing;

import java.util.Arrays;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of rating a CDR; stored and shown as its code. */
public enum CdrStatus {
    /** Priced and charged (a zero price, e.g. inbound SMS, is rated but moves no money). */
    RATED("rated"),
    /** The attempt failed (success=false): stored with price 0. Plan rule: failed messages are not billed. */
    NOT_BILLED("not-billed"),
    /** No rate applies (e.g. no rate in the account's currency): stored with price 0 for re-rating. */
    UNRATED("unrated");

    private final String code;

    CdrStatus(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static CdrStatus ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown CDR status " + code));
    }

    @jakarta.persistence.Converter
    public static class Converter implements AttributeConverter<CdrStatus, String> {
        @Override
        public String convertToDatabaseColumn(CdrStatus status) {
            return status == null ? null : status.code;
        }

        @Override
        public CdrStatus convertToEntityAttribute(String code) {
            return code == null ? null : ofCode(code);
        }
    }
}
