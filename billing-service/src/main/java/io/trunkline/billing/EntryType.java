package io.trunkline.billing;

import java.util.Arrays;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of change a ledger entry records; stored and shown as its code. */
public enum EntryType {
    TOPUP("topup"),
    ADJUSTMENT("adjustment"),
    CHARGE("charge"),
    /** A once-off or recurring charge (setup fee, number or SIM rental); reference {@code <chargeId>:<period>}. */
    FEE("fee"),
    SETTINGS("settings");

    private final String code;

    EntryType(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static EntryType ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ledger entry type " + code));
    }

    @jakarta.persistence.Converter
    public static class Converter implements AttributeConverter<EntryType, String> {
        @Override
        public String convertToDatabaseColumn(EntryType type) {
            return type == null ? null : type.code;
        }

        @Override
        public EntryType convertToEntityAttribute(String code) {
            return code == null ? null : ofCode(code);
        }
    }
}
