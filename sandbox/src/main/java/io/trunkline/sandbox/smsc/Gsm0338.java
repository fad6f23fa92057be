package io.trunkline.sandbox.smsc;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table, one septet per octet as SMPP carries it
 * with {@code data_coding} 0 (unpacked: SMPP never packs septets).
 */
public final class Gsm0338 {
    /** The basic table, indexed by septet value. 0x1B is the escape to the extension table. */
    static final String BASIC = "@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5"
            + "\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e\u001b\u00c6\u00e6\u00df\u00c9"
            + " !\"#\u00a4%&'()*+,-./0123456789:;<=>?"
            + "\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7"
            + "\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0";
    private static final int ESC = 0x1B;
    private static final char[] EXT_CHARS = {'\f', '^', '{', '}', '\\', '[', '~', ']', '|', '\u20ac'};
    private static final int[] EXT_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private Gsm0338() {
    }

    /** Decodes unpacked septets; an unknown extension code decodes as its basic-table character (as 23.038 asks). */
    public static String decode(byte[] septets) {
        StringBuilder sb = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int s = septets[i] & 0x7F;
            if (s == ESC && i + 1 < septets.length) {
                int e = septets[++i] & 0x7F;
                sb.append(extension(e));
            } else if (s == ESC) {
                sb.append(' ');
            } else {
                sb.append(BASIC.charAt(s));
            }
        }
        return sb.toString();
    }

    /** Encodes text as unpacked septets; returns null if a character is not in the alphabet. */
    public static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = c == '\u001b' ? -1 : BASIC.indexOf(c);
            if (basic >= 0) {
                out.write(basic);
                continue;
            }
            int ext = extensionCode(c);
            if (ext < 0) {
                return null;
            }
            out.write(ESC);
            out.write(ext);
        }
        return out.toByteArray();
    }

    private static char extension(int code) {
        for (int i = 0; i < EXT_CODES.length; i++) {
            if (EXT_CODES[i] == code) {
                return EXT_CHARS[i];
            }
        }
        return BASIC.charAt(code);
    }

    private static int extensionCode(char c) {
        for (int i = 0; i < EXT_CHARS.length; i++) {
            if (EXT_CHARS[i] == c) {
                return EXT_CODES[i];
            }
        }
        return -1;
    }
}
