package io.trunkline.gsm.pdu;

import java.io.ByteArrayOutputStream;

/** Text to and from GSM-7 septets (unpacked, one per byte), and septet packing (TS 23.038 6.1.2.1). */
public final class Gsm7 {
    private Gsm7() {
    }

    /** True if every character is in the default alphabet or its extension table. */
    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Gsm7Table.DEFAULT.septetOf(c) < 0 && Gsm7Table.EXTENSION.septetOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Septets of the text (extension characters as ESC + septet); a character outside both tables is refused. */
    public static byte[] encode(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int s = Gsm7Table.DEFAULT.septetOf(c);
            if (s >= 0) {
                out.write(s);
                continue;
            }
            s = Gsm7Table.EXTENSION.septetOf(c);
            if (s < 0) {
                throw new PduException("character U+" + String.format("%04X", (int) c) + " at " + i
                        + " is not in the GSM 7-bit alphabet");
            }
            out.write(Gsm7Table.ESCAPE);
            out.write(s);
        }
        return out.toByteArray();
    }

    /** Septets needed for one character (1, 2 for the extension table, -1 if not encodable). */
    public static int septetsOf(char c) {
        if (Gsm7Table.DEFAULT.septetOf(c) >= 0) {
            return 1;
        }
        return Gsm7Table.EXTENSION.septetOf(c) >= 0 ? 2 : -1;
    }

    public static String decode(byte[] septets) {
        StringBuilder sb = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int s = septets[i] & 0x7F;
            if (s == Gsm7Table.ESCAPE && i + 1 < septets.length) {
                int e = septets[++i] & 0x7F;
                char c = Gsm7Table.EXTENSION.charOf(e);
                // TS 23.038: an undefined extension code shows the default-table character
                sb.append(c != 0 ? c : Gsm7Table.DEFAULT.charOf(e));
            } else if (s == Gsm7Table.ESCAPE) {
                sb.append(' ');
            } else {
                sb.append(Gsm7Table.DEFAULT.charOf(s));
            }
        }
        return sb.toString();
    }

    /** Packs septets into octets, leaving {@code fillBits} zero bits first (after a UDH). */
    public static byte[] pack(byte[] septets, int fillBits) {
        int bits = fillBits + septets.length * 7;
        byte[] out = new byte[(bits + 7) / 8];
        int pos = fillBits;
        for (byte b : septets) {
            int v = b & 0x7F;
            int idx = pos / 8;
            int shift = pos % 8;
            out[idx] |= (byte) (v << shift);
            if (shift > 1) {
                out[idx + 1] |= (byte) (v >> (8 - shift));
            }
            pos += 7;
        }
        return out;
    }

    /** Unpacks {@code count} septets starting {@code bitOffset} bits into {@code data[from..]}. */
    public static byte[] unpack(byte[] data, int from, int count, int bitOffset) {
        byte[] out = new byte[count];
        int pos = bitOffset;
        for (int i = 0; i < count; i++) {
            int idx = from + pos / 8;
            int shift = pos % 8;
            if (idx >= data.length) {
                throw new PduException("user data ends after " + i + " of " + count + " septets");
            }
            int v = (data[idx] & 0xFF) >> shift;
            if (shift > 1) {
                if (idx + 1 >= data.length) {
                    throw new PduException("user data ends after " + i + " of " + count + " septets");
                }
                v |= (data[idx + 1] & 0xFF) << (8 - shift);
            }
            out[i] = (byte) (v & 0x7F);
            pos += 7;
        }
        return out;
    }
}
