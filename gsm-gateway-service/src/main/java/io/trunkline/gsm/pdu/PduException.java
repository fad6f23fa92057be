package io.trunkline.gsm.pdu;

/** A PDU (or a modem line carrying one) that cannot be decoded or encoded; the message says what and where. */
public class PduException extends IllegalArgumentException {
    public PduException(String message) {
        super(message);
    }
}
