package io.trunkline.sandbox.smsc;

import java.util.Locale;

/** Receipt {@code stat:} words (SMPP 3.4 Appendix B) and their message_state TLV values (section 5.3.2.35). */
public final class ReceiptStates {
    private static final String[] WORDS = {"SCHEDULED", "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV",
            "ACCEPTD", "UNKNOWN", "REJECTD"};

    private ReceiptStates() {
    }

    /** The message_state value for a stat word, -1 if the word is not one of the spec's. */
    public static int messageState(String stat) {
        String s = stat.toUpperCase(Locale.ROOT);
        for (int i = 1; i < WORDS.length; i++) {
            if (WORDS[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isFailure(String stat) {
        int state = messageState(stat);
        return state != 2 && state != 1 && state != 6;
    }
}
