package io.trunkline.sandbox.modem;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.trunkline.sandbox.smsc.Gsm0338;

/**
 * The network side of the stand-in's PDUs (3GPP TS 23.040): reads the SMS-SUBMITs a host sends with AT+CMGS and
 * builds the SMS-DELIVERs and SMS-STATUS-REPORTs a real network would hand the modem. Written apart from the
 * service's codec on purpose, so a test over the stand-in checks one implementation against another.
 */
public final class ModemPdu {
    private ModemPdu() {
    }

    /** A submit as the network understood it. {@code concatRef/Total/Seq} are 0 without a concatenation header. */
    public record Submit(String pdu, int messageReference, String destination, boolean statusReportRequest,
            int dcs, String text, int concatRef, int concatTotal, int concatSeq) {
    }

    public static byte[] hex(String s) {
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("odd hex length");
        }
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex at " + 2 * i);
            }
            b[i] = (byte) (hi << 4 | lo);
        }
        return b;
    }

    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02X", x & 0xFF));
        }
        return sb.toString();
    }

    /** Octets of the TPDU after the SMSC field (the length AT+CMGS announces). */
    public static int tpduLength(byte[] pdu) {
        return pdu.length - 1 - (pdu[0] & 0xFF);
    }

    /** Parses an SMS-SUBMIT (SMSC field first); throws IllegalArgumentException for anything else. */
    public static Submit parseSubmit(String pduHex) {
        byte[] b = hex(pduHex);
        int i = 1 + (b[0] & 0xFF);
        int fo = b[i++] & 0xFF;
        if ((fo & 0x03) != 1) {
            throw new IllegalArgumentException("not an SMS-SUBMIT");
        }
        int mr = b[i++] & 0xFF;
        int daDigits = b[i++] & 0xFF;
        int toa = b[i++] & 0xFF;
        StringBuilder da = new StringBuilder(((toa >> 4) & 7) == 1 ? "+" : "");
        for (int d = 0; d < daDigits; d++) {
            int o = b[i + d / 2] & 0xFF;
            da.append((char) ('0' + (d % 2 == 0 ? o & 0xF : o >> 4)));
        }
        i += (daDigits + 1) / 2;
        i++; // PID
        int dcs = b[i++] & 0xFF;
        switch (fo & 0x18) {
            case 0x10 -> i += 1;
            case 0x08, 0x18 -> i += 7;
            default -> {
            }
        }
        int udl = b[i++] & 0xFF;
        byte[] ud = new byte[b.length - i];
        System.arraycopy(b, i, ud, 0, ud.length);
        int hdr = 0;
        int ref = 0;
        int total = 0;
        int seq = 0;
        if ((fo & 0x40) != 0) {
            int udhl = ud[0] & 0xFF;
            hdr = udhl + 1;
            for (int j = 1; j < hdr;) {
                int iei = ud[j] & 0xFF;
                int len = ud[j + 1] & 0xFF;
                if (iei == 0x00) {
                    ref = ud[j + 2] & 0xFF;
                    total = ud[j + 3] & 0xFF;
                    seq = ud[j + 4] & 0xFF;
                } else if (iei == 0x08) {
                    ref = (ud[j + 2] & 0xFF) << 8 | ud[j + 3] & 0xFF;
                    total = ud[j + 4] & 0xFF;
                    seq = ud[j + 5] & 0xFF;
                }
                j += 2 + len;
            }
        }
        String text;
        if ((dcs & 0x0C) == 0x08) {
            text = new String(ud, hdr, udl - hdr, StandardCharsets.UTF_16BE);
        } else if ((dcs & 0x0C) == 0x04) {
            text = new String(ud, hdr, udl - hdr, StandardCharsets.ISO_8859_1);
        } else {
            int skip = (hdr * 8 + 6) / 7;
            byte[] septets = new byte[udl - skip];
            for (int s = 0; s < septets.length; s++) {
                int bit = (skip + s) * 7;
                int v = (ud[bit / 8] & 0xFF) >> (bit % 8);
                if (bit % 8 > 1) {
                    v |= (ud[bit / 8 + 1] & 0xFF) << (8 - bit % 8);
                }
                septets[s] = (byte) (v & 0x7F);
            }
            text = Gsm0338.decode(septets);
        }
        return new Submit(pduHex, mr, da.toString(), (fo & 0x20) != 0, dcs, text, ref, total, seq);
    }

    /** SMS-DELIVER PDUs (with the SMSC field) for a text from {@code from}; several with a concatenation header if long. */
    public static List<String> deliver(String smsc, String from, String text, int concatRef, OffsetDateTime at) {
        boolean gsm = Gsm0338.encode(text) != null;
        List<String> parts = new ArrayList<>();
        if (gsm ? Gsm0338.encode(text).length <= 160 : text.length() <= 70) {
            parts.add(text);
        } else {
            int max = gsm ? 153 : 67;
            int start = 0;
            int used = 0;
            for (int i = 0; i < text.length(); i++) {
                int n = gsm ? Gsm0338.encode(String.valueOf(text.charAt(i))).length : 1;
                if (used + n > max || !gsm && used + n == max && Character.isHighSurrogate(text.charAt(i))) {
                    parts.add(text.substring(start, i));
                    start = i;
                    used = 0;
                }
                used += n;
            }
            parts.add(text.substring(start));
        }
        List<String> out = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            byte[] udh = parts.size() == 1 ? null
                    : new byte[] {5, 0, 3, (byte) concatRef, (byte) parts.size(), (byte) (p + 1)};
            out.add(deliverPdu(smsc, from, parts.get(p), gsm, udh, at));
        }
        return out;
    }

    private static String deliverPdu(String smsc, String from, String text, boolean gsm, byte[] udh,
            OffsetDateTime at) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(smscField(smsc));
        o.write(0x04 | (udh != null ? 0x40 : 0)); // SMS-DELIVER, no more messages waiting
        o.writeBytes(address(from));
        o.write(0x00);
        o.write(gsm ? 0x00 : 0x08);
        o.writeBytes(timestamp(at));
        int hdr = udh == null ? 0 : udh.length;
        if (gsm) {
            byte[] septets = Gsm0338.encode(text);
            int skip = (hdr * 8 + 6) / 7;
            o.write(skip + septets.length);
            if (udh != null) {
                o.writeBytes(udh);
            }
            int fill = skip * 7 - hdr * 8;
            byte[] packed = new byte[(fill + septets.length * 7 + 7) / 8];
            for (int s = 0; s < septets.length; s++) {
                int bit = fill + s * 7;
                packed[bit / 8] |= (byte) ((septets[s] & 0x7F) << (bit % 8));
                if (bit % 8 > 1) {
                    packed[bit / 8 + 1] |= (byte) ((septets[s] & 0x7F) >> (8 - bit % 8));
                }
            }
            o.writeBytes(packed);
        } else {
            byte[] data = text.getBytes(StandardCharsets.UTF_16BE);
            o.write(hdr + data.length);
            if (udh != null) {
                o.writeBytes(udh);
            }
            o.writeBytes(data);
        }
        return hex(o.toByteArray());
    }

    /** An SMS-STATUS-REPORT for message reference {@code mr} to {@code recipient} with TP-ST {@code status}. */
    public static String statusReport(String smsc, int mr, String recipient, OffsetDateTime submitted,
            OffsetDateTime done, int status) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(smscField(smsc));
        o.write(0x06); // SMS-STATUS-REPORT, no more messages
        o.write(mr);
        o.writeBytes(address(recipient));
        o.writeBytes(timestamp(submitted));
        o.writeBytes(timestamp(done));
        o.write(status);
        return hex(o.toByteArray());
    }

    private static byte[] smscField(String smsc) {
        if (smsc == null || smsc.isEmpty()) {
            return new byte[] {0};
        }
        byte[] a = address(smsc); // digits length, TOA, semi-octets
        byte[] out = a.clone();
        out[0] = (byte) (a.length - 1); // the SMSC length counts octets, TOA included
        return out;
    }

    /** TP-OA/TP-DA: length in digits, type of address, swapped semi-octets (international if it starts with +). */
    static byte[] address(String number) {
        boolean intl = number.startsWith("+");
        String digits = intl ? number.substring(1) : number;
        if (!digits.chars().allMatch(Character::isDigit)) {
            byte[] septets = Gsm0338.encode(digits);
            byte[] packed = new byte[(septets.length * 7 + 7) / 8];
            for (int s = 0; s < septets.length; s++) {
                int bit = s * 7;
                packed[bit / 8] |= (byte) ((septets[s] & 0x7F) << (bit % 8));
                if (bit % 8 > 1) {
                    packed[bit / 8 + 1] |= (byte) ((septets[s] & 0x7F) >> (8 - bit % 8));
                }
            }
            byte[] out = new byte[2 + packed.length];
            out[0] = (byte) ((septets.length * 7 + 3) / 4);
            out[1] = (byte) 0xD0;
            System.arraycopy(packed, 0, out, 2, packed.length);
            return out;
        }
        byte[] out = new byte[2 + (digits.length() + 1) / 2];
        out[0] = (byte) digits.length();
        out[1] = (byte) (intl ? 0x91 : 0x81);
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            out[2 + i / 2] |= (byte) (i % 2 == 0 ? d : d << 4);
        }
        if (digits.length() % 2 == 1) {
            out[out.length - 1] |= (byte) 0xF0;
        }
        return out;
    }

    static byte[] timestamp(OffsetDateTime t) {
        int[] v = {t.getYear() % 100, t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()};
        byte[] out = new byte[7];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) ((v[i] % 10) << 4 | v[i] / 10);
        }
        int q = t.getOffset().getTotalSeconds() / 900;
        int aq = Math.abs(q);
        out[6] = (byte) ((aq % 10) << 4 | aq / 10 | (q < 0 ? 0x08 : 0));
        return out;
    }
}
