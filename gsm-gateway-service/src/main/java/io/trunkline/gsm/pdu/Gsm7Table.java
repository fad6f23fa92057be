package io.trunkline.gsm.pdu;

import java.util.HashMap;
import java.util.Map;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 6.2.1 and 6.2.1.1). National language
 * shift tables are not supported: a text needing them goes as UCS-2.
 */
public enum Gsm7Table {
    /** Septet value = index. 0x1B is the escape to the extension table (shown here as U+001B). */
    DEFAULT("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"),
    /** Septet after ESC -> character; every other septet after ESC is shown as the default-table character. */
    EXTENSION(new int[][] {{0x0A, '\f'}, {0x14, '^'}, {0x28, '{'}, {0x29, '}'}, {0x2F, '\\'}, {0x3C, '['}, {0x3D, '~'},
            {0x3E, ']'}, {0x40, '|'}, {0x65, '€'}});

    public static final int ESCAPE = 0x1B;

    private final char[] toChar = new char[128];
    private final Map<Character, Integer> toSeptet = new HashMap<>();

    Gsm7Table(String table) {
        if (table.length() != 128) {
            throw new IllegalStateException("default alphabet has " + table.length() + " entries");
        }
        for (int i = 0; i < 128; i++) {
            toChar[i] = table.charAt(i);
            if (i != ESCAPE) {
                toSeptet.put(table.charAt(i), i);
            }
        }
    }

    Gsm7Table(int[][] pairs) {
        for (int[] p : pairs) {
            toChar[p[0]] = (char) p[1];
            toSeptet.put((char) p[1], p[0]);
        }
    }

    /** The character of a septet, or 0 when this table has none. */
    public char charOf(int septet) {
        return toChar[septet & 0x7F];
    }

    /** The septet of a character, or -1. */
    public int septetOf(char c) {
        Integer s = toSeptet.get(c);
        return s == null ? -1 : s;
    }
}
