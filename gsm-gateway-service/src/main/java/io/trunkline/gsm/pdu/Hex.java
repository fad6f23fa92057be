package io.trunkline.gsm.pdu;

/** Strict hex conversion: an odd length or a non-hex character is refused with its position. */
public final class Hex {
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {
    }

    public static byte[] decode(String hex) {
        if (hex == null || hex.isEmpty()) {
            throw new PduException("empty PDU");
        }
        if (hex.length() % 2 != 0) {
            throw new PduException("odd number of hex digits (" + hex.length() + ")");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < hex.length(); i += 2) {
            out[i / 2] = (byte) ((digit(hex, i) << 4) | digit(hex, i + 1));
        }
        return out;
    }

    private static int digit(String hex, int i) {
        int d = Character.digit(hex.charAt(i), 16);
        if (d < 0) {
            throw new PduException("non-hex character '" + hex.charAt(i) + "' at position " + i);
        }
        return d;
    }

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    public static String encode(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 2);
        for (int i = from; i < to; i++) {
            sb.append(DIGITS[(bytes[i] >> 4) & 0xF]).append(DIGITS[bytes[i] & 0xF]);
        }
        return sb.toString();
    }
}
