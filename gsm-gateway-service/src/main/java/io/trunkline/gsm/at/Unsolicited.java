package io.trunkline.gsm.at;

/**
 * An unsolicited result code. {@code pdu} is the line after a {@code +CMT:} / {@code +CDS:} header (null for the
 * others); {@code memory}/{@code index} are set for {@code +CMTI} / {@code +CDSI}.
 */
public record Unsolicited(Kind kind, String line, String memory, int index, int length, String pdu) {
    public enum Kind {
        /** {@code +CMTI: <mem>,<index>}: a message was stored. */
        CMTI,
        /** {@code +CDSI: <mem>,<index>}: a status report was stored. */
        CDSI,
        /** {@code +CMT: [<alpha>],<length>} + PDU: a message routed directly to the TE. */
        CMT,
        /** {@code +CDS: <length>} + PDU: a status report routed directly to the TE. */
        CDS,
        /** Anything else (RING, +CREG: n, vendor codes such as ZTE's +ZDONR): logged. */
        OTHER
    }

    public static Unsolicited other(String line) {
        return new Unsolicited(Kind.OTHER, line, null, -1, -1, null);
    }
}
