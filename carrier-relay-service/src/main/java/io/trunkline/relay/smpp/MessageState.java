package io.trunkline.relay.smpp;

import java.util.Optional;

/** The message_state TLV (0x0427) values, SMPP 3.4 section 5.2.28 (SKIPPED from SMPP 5.0). */
public enum MessageState {
    SCHEDULED(0, null),
    ENROUTE(1, ReceiptStat.ENROUTE),
    DELIVERED(2, ReceiptStat.DELIVRD),
    EXPIRED(3, ReceiptStat.EXPIRED),
    DELETED(4, ReceiptStat.DELETED),
    UNDELIVERABLE(5, ReceiptStat.UNDELIV),
    ACCEPTED(6, ReceiptStat.ACCEPTD),
    UNKNOWN(7, ReceiptStat.UNKNOWN),
    REJECTED(8, ReceiptStat.REJECTD),
    SKIPPED(9, ReceiptStat.REJECTD);

    private final int code;
    private final ReceiptStat stat;

    MessageState(int code, ReceiptStat stat) {
        this.code = code;
        this.stat = stat;
    }

    public int code() {
        return code;
    }

    /** The receipt text word with the same meaning; SCHEDULED has none (treated as still en route). */
    public ReceiptStat stat() {
        return stat == null ? ReceiptStat.ENROUTE : stat;
    }

    public static Optional<MessageState> of(int code) {
        for (MessageState s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
