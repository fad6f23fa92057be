package io.trunkline.relay.smpp;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 default alphabet and extension table (3GPP TS 23.038 section 6.2.1), as SMPP carries it with
 * {@code data_coding} 0: one septet per octet, never packed. Extension characters take two septets (0x1B + code).
 */
public final class Gsm7 {
    static final String BASIC = "@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5"
            + "\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e\u001b\u00c6\u00e6\u00df\u00c9"
            + " !\"#\u00a4%&'()*+,-./0123456789:;<=>?"
            + "\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7"
            + "\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0";
    static final int ESC = 0x1B;
    private static final String EXT_CHARS = "\f^{}\\[~]|\u20ac";
    private static final int[] EXT_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private Gsm7() {
    }

    /** Septets a character takes: 1 (basic table), 2 (extension table) or -1 (not in the alphabet). */
    public static int septets(char c) {
        if (c != '\u001b' && BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return EXT_CHARS.indexOf(c) >= 0 ? 2 : -1;
    }

    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (septets(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Unpacked septets; throws IllegalArgumentException for a character outside the alphabet. */
    public static byte[] encode(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = c == '\u001b' ? -1 : BASIC.indexOf(c);
            if (basic >= 0) {
                out.write(basic);
                continue;
            }
            int ext = EXT_CHARS.indexOf(c);
            if (ext < 0) {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " is not in GSM 03.38");
            }
            out.write(ESC);
            out.write(EXT_CODES[ext]);
        }
        return out.toByteArray();
    }

    /** Decodes unpacked septets (the high bit is ignored); an unknown escape decodes as the basic character. */
    public static String decode(byte[] septets) {
        StringBuilder sb = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int s = septets[i] & 0x7F;
            if (s == ESC && i + 1 < septets.length) {
                int e = septets[++i] & 0x7F;
                int k = indexOf(EXT_CODES, e);
                sb.append(k >= 0 ? EXT_CHARS.charAt(k) : BASIC.charAt(e));
            } else if (s == ESC) {
                sb.append(' ');
            } else {
                sb.append(BASIC.charAt(s));
            }
        }
        return sb.toString();
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
