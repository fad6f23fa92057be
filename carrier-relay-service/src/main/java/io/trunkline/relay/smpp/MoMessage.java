package io.trunkline.relay.smpp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jsmpp.bean.OptionalParameter;

import io.trunkline.events.SmsEncoding;

/**
 * A mobile-originated message from a deliver_sm / data_sm that is not a receipt. A part of a concatenated message
 * (UDH IEI 0x00 / 0x08, or SAR TLVs) has {@code total} &gt; 1, its {@code ref} and {@code seq} (from 1).
 */
public record MoMessage(String from, String to, String text, SmsEncoding encoding, int ref, int total, int seq) {

    public MoMessage(String from, String to, String text, SmsEncoding encoding) {
        this(from, to, text, encoding, 0, 1, 1);
    }

    /** One part of a longer message, to be reassembled before it is published. */
    public boolean concatenated() {
        return total > 1;
    }

    public static MoMessage of(int sourceTon, String source, int destTon, String dest, int esmClass, int dataCoding,
            byte[] shortMessage, OptionalParameter[] tlvs) {
        byte[] body = shortMessage == null || shortMessage.length == 0 ? ReceiptParser.payload(tlvs) : shortMessage;
        if (body == null) {
            body = new byte[0];
        }
        int ref = 0;
        int total = 1;
        int seq = 1;
        if ((esmClass & 0x40) != 0 && body.length > 0) {
            int udhl = body[0] & 0xFF;
            int end = Math.min(body.length, udhl + 1);
            for (int i = 1; i + 1 < end;) {
                int iei = body[i] & 0xFF;
                int len = body[i + 1] & 0xFF;
                if (i + 2 + len > end) {
                    break;
                }
                if (iei == 0x00 && len == 3) {
                    ref = body[i + 2] & 0xFF;
                    total = body[i + 3] & 0xFF;
                    seq = body[i + 4] & 0xFF;
                } else if (iei == 0x08 && len == 4) {
                    ref = ((body[i + 2] & 0xFF) << 8) | (body[i + 3] & 0xFF);
                    total = body[i + 4] & 0xFF;
                    seq = body[i + 5] & 0xFF;
                }
                i += 2 + len;
            }
            body = Arrays.copyOfRange(body, end, body.length);
        } else if (tlvs != null) {
            Integer r = null;
            Integer t = null;
            Integer q = null;
            for (OptionalParameter p : tlvs) {
                if (p instanceof OptionalParameter.Short sh && p.tag == OptionalParameter.Tag.SAR_MSG_REF_NUM.code()) {
                    r = sh.getValue() & 0xFFFF;
                } else if (p instanceof OptionalParameter.Byte b
                        && p.tag == OptionalParameter.Tag.SAR_TOTAL_SEGMENTS.code()) {
                    t = b.getValue() & 0xFF;
                } else if (p instanceof OptionalParameter.Byte b
                        && p.tag == OptionalParameter.Tag.SAR_SEGMENT_SEQNUM.code()) {
                    q = b.getValue() & 0xFF;
                }
            }
            if (r != null && t != null && q != null) {
                ref = r;
                total = t;
                seq = q;
            }
        }
        if (total < 1 || seq < 1 || seq > total) {
            ref = 0;
            total = 1;
            seq = 1;
        }
        int dc = dataCoding & 0xFF;
        boolean ucs2 = dc == 0x08;
        return new MoMessage(address(sourceTon, source), address(destTon, dest), text(dc, body),
                ucs2 ? SmsEncoding.UCS2 : SmsEncoding.GSM7, ref, total, seq);
    }

    static String text(int dc, byte[] body) {
        if (dc == 0x00 || (dc & 0xF4) == 0xF0) {
            // unpacked septets never set the high bit; an SMSC that does sends Latin-1 as its "default alphabet"
            return highBitSet(body) ? new String(body, StandardCharsets.ISO_8859_1) : Gsm7.decode(body);
        }
        return switch (dc) {
            case 0x08 -> new String(body, StandardCharsets.UTF_16BE);
            case 0x01 -> new String(body, StandardCharsets.US_ASCII);
            default -> new String(body, StandardCharsets.ISO_8859_1);
        };
    }

    private static boolean highBitSet(byte[] body) {
        for (byte b : body) {
            if ((b & 0x80) != 0) {
                return true;
            }
        }
        return false;
    }

    /** International numbers (TON 1) as E.164 with a leading +; anything else as received. */
    static String address(int ton, String addr) {
        String a = addr == null ? "" : addr.trim();
        if (ton == 1 && !a.isEmpty() && !a.startsWith("+")) {
            return "+" + a;
        }
        return a;
    }
}
