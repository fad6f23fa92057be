package io.trunkline.gsm.pdu;

/** TS 23.040 9.1.2.5 Numbering-plan-identification (bits 3..0 of the type-of-address octet). */
public enum NumberingPlan {
    UNKNOWN(0), ISDN(1), DATA(3), TELEX(4), SERVICE_CENTRE_SPECIFIC_5(5), SERVICE_CENTRE_SPECIFIC_6(6), NATIONAL(8),
    PRIVATE(9), ERMES(10), RESERVED(15), OTHER(-1);

    public final int code;

    NumberingPlan(int code) {
        this.code = code;
    }

    public static NumberingPlan of(int code) {
        for (NumberingPlan p : values()) {
            if (p.code == (code & 0xF)) {
                return p;
            }
        }
        return OTHER;
    }
}
