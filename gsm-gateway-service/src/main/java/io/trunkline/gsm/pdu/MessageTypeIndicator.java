package io.trunkline.gsm.pdu;

/** TP-MTI (TS 23.040 9.2.3.1), bits 1..0 of the first octet, as stored or shown by a modem. */
public enum MessageTypeIndicator {
    /** SC to MS: SMS-DELIVER. */
    DELIVER(0),
    /** MS to SC: SMS-SUBMIT. */
    SUBMIT(1),
    /** SC to MS: SMS-STATUS-REPORT. */
    STATUS_REPORT(2),
    RESERVED(3);

    public final int bits;

    MessageTypeIndicator(int bits) {
        this.bits = bits;
    }

    public static MessageTypeIndicator of(int firstOctet) {
        return values()[firstOctet & 0x3];
    }
}
