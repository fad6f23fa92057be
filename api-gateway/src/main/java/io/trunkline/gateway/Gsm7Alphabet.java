package io.trunkline.gateway;

import java.util.Arrays;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 section 6.2.1, formerly GSM 03.38), as used
 * on the air interface without national language shift tables. A character of the default alphabet takes one septet;
 * a character of the extension table takes two (the escape {@code 0x1B} and its code). Anything else cannot be sent in
 * GSM-7 and forces UCS-2.
 */
public final class Gsm7Alphabet {

    /** The escape to the extension table; a septet value, not a character of the text. */
    public static final int ESCAPE = 0x1B;

    /**
     * The default alphabet, one string per row of the spec's table, indexed by septet value (row {@code 0x00}..
     * {@code 0x70} plus column). Position {@code 0x1B} is the escape, held by a placeholder that never matches a text
     * character. Note {@code 0x09} is the capital {@code Ç} (the lower-case {@code ç} is not in the alphabet),
     * {@code 0x24} is the currency sign {@code ¤} and {@code 0x02} the dollar sign.
     */
    static final String[] DEFAULT_ROWS = {
        /* 0x00 */ "@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5",
        /* 0x10 */ "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\uFFFF\u00C6\u00E6\u00DF\u00C9",
        /* 0x20 */ " !\"#\u00A4%&'()*+,-./",
        /* 0x30 */ "0123456789:;<=>?",
        /* 0x40 */ "\u00A1ABCDEFGHIJKLMNO",
        /* 0x50 */ "PQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7",
        /* 0x60 */ "\u00BFabcdefghijklmno",
        /* 0x70 */ "pqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0",
    };

    /** The default alphabet as one string: {@code DEFAULT.charAt(septet)}. */
    public static final String DEFAULT = String.join("", DEFAULT_ROWS);

    /** The characters of the extension table reachable with the escape (the rest of the table is reserved). */
    public enum Extension {
        FORM_FEED(0x0A, '\f'),
        CIRCUMFLEX(0x14, '^'),
        LEFT_CURLY_BRACKET(0x28, '{'),
        RIGHT_CURLY_BRACKET(0x29, '}'),
        REVERSE_SOLIDUS(0x2F, '\\'),
        LEFT_SQUARE_BRACKET(0x3C, '['),
        TILDE(0x3D, '~'),
        RIGHT_SQUARE_BRACKET(0x3E, ']'),
        VERTICAL_LINE(0x40, '|'),
        EURO_SIGN(0x65, '\u20AC');

        private final int code;
        private final char character;

        Extension(int code, char character) {
            this.code = code;
            this.character = character;
        }

        /** The septet that follows the escape. */
        public int code() {
            return code;
        }

        public char character() {
            return character;
        }
    }

    private static final int NOT_GSM = -1;
    /** Septet value (default table) or 0x100 | code (extension table) per UTF-16 code unit; -1 if not encodable. */
    private static final short[] CODES = new short[Character.MAX_VALUE + 1];

    static {
        Arrays.fill(CODES, (short) NOT_GSM);
        if (DEFAULT.length() != 128) {
            throw new IllegalStateException("GSM 7-bit default alphabet must have 128 positions, has " + DEFAULT.length());
        }
        for (int septet = 0; septet < 128; septet++) {
            if (septet != ESCAPE) {
                CODES[DEFAULT.charAt(septet)] = (short) septet;
            }
        }
        for (Extension e : Extension.values()) {
            CODES[e.character()] = (short) (0x100 | e.code());
        }
    }

    private Gsm7Alphabet() {
    }

    /** Septets one UTF-16 code unit takes: 1 (default alphabet), 2 (extension table) or 0 if it is not encodable. */
    public static int septets(char c) {
        int code = CODES[c];
        if (code == NOT_GSM) {
            return 0;
        }
        return code > 0xFF ? 2 : 1;
    }

    /** True when every character of {@code text} is in the default alphabet or the extension table. */
    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (CODES[text.charAt(i)] == NOT_GSM) {
                return false;
            }
        }
        return true;
    }

    /** Septets the whole text takes, or -1 if it is not encodable in GSM-7. */
    public static int septets(CharSequence text) {
        int total = 0;
        for (int i = 0; i < text.length(); i++) {
            int n = septets(text.charAt(i));
            if (n == 0) {
                return -1;
            }
            total += n;
        }
        return total;
    }

    /**
     * The text as unpacked septet values (one per byte, escape sequences as {@code 0x1B xx}), as a modem or SMSC
     * expects them before packing.
     *
     * @throws IllegalArgumentException if a character is not encodable
     */
    public static byte[] toSeptets(CharSequence text) {
        int total = septets(text);
        if (total < 0) {
            for (int i = 0; i < text.length(); i++) {
                if (CODES[text.charAt(i)] == NOT_GSM) {
                    throw new IllegalArgumentException("character U+" + String.format("%04X", (int) text.charAt(i))
                            + " at index " + i + " is not in the GSM 7-bit alphabet");
                }
            }
        }
        byte[] out = new byte[total];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int code = CODES[text.charAt(i)];
            if (code > 0xFF) {
                out[n++] = ESCAPE;
                out[n++] = (byte) (code & 0x7F);
            } else {
                out[n++] = (byte) code;
            }
        }
        return out;
    }
}
