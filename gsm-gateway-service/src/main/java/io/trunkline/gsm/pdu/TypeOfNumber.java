package io.trunkline.gsm.pdu;

/** TS 23.040 9.1.2.5 Type-of-number (bits 6..4 of the type-of-address octet). */
public enum TypeOfNumber {
    UNKNOWN(0), INTERNATIONAL(1), NATIONAL(2), NETWORK_SPECIFIC(3), SUBSCRIBER(4), ALPHANUMERIC(5), ABBREVIATED(6),
    RESERVED(7);

    public final int code;

    TypeOfNumber(int code) {
        this.code = code;
    }

    public static TypeOfNumber of(int code) {
        return values()[code & 0x7];
    }
}
