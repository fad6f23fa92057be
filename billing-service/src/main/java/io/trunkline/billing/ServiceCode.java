package io.trunkline.billing;

import com.fasterxml.jackson.annotation.JsonValue;

import io.trunkline.events.CdrService;

/** The billable services of the spec table, as rate cards and invoices name them. */
public enum ServiceCode implements CodedEnum {
    SMS_OUT("sms-out", CdrService.SMS_OUT, false),
    SMS_IN("sms-in", CdrService.SMS_IN, false),
    CALL_OUT("call-out", CdrService.CALL_OUT, true),
    CALL_IN("call-in", CdrService.CALL_IN, true);

    private final String code;
    private final CdrService cdrService;
    private final boolean call;

    ServiceCode(String code, CdrService cdrService, boolean call) {
        this.code = code;
        this.cdrService = cdrService;
        this.call = call;
    }

    @Override
    @JsonValue
    public String code() {
        return code;
    }

    public CdrService cdrService() {
        return cdrService;
    }

    /** Calls are rated per time block (connect fee, initial block, increment); SMS per segment. */
    public boolean isCall() {
        return call;
    }

    public static ServiceCode of(CdrService s) {
        return switch (s) {
            case SMS_OUT -> SMS_OUT;
            case SMS_IN -> SMS_IN;
            case CALL_OUT -> CALL_OUT;
            case CALL_IN -> CALL_IN;
        };
    }

    public static ServiceCode ofCode(String code) {
        return CodedEnum.ofCode(ServiceCode.class, code);
    }
}
