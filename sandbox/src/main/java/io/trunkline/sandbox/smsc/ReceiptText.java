package io.trunkline.sandbox.smsc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The delivery receipt's short_message in the SMPP 3.4 Appendix B form:
 * {@code id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...}.
 */
public final class ReceiptText {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

    private ReceiptText() {
    }

    public static String format(String id, int submitted, int delivered, Instant submitDate, Instant doneDate,
            String stat, String err, String text) {
        return "id:" + id
                + " sub:" + three(submitted)
                + " dlvrd:" + three(delivered)
                + " submit date:" + DATE.format(submitDate)
                + " done date:" + DATE.format(doneDate)
                + " stat:" + stat
                + " err:" + err
                + " text:" + first20(text);
    }

    private static String three(int n) {
        return String.format("%03d", n);
    }

    /** The first 20 characters of the message, printable ASCII only (the receipt itself goes out as data_coding 0). */
    static String first20(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < text.length() && sb.length() < 20; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }
}
