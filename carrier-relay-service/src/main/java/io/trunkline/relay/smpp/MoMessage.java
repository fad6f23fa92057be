package io.trunkline.relay.smpp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jsmpp.bean.OptionalParameter;

import io.trunkline.events.SmsEncoding;

/** A mobile-originated message from a deliver_sm / data_sm that is not a receipt. */
public record MoMessage(String from, String to, String text, SmsEncoding encoding) {

    public static MoMessage of(int sourceTon, String source, int destTon, String dest, int esmClass, int dataCoding,
            byte[] shortMessage, OptionalParameter[] tlvs) {
        byte[] body = shortMessage == null || shortMessage.length == 0 ? ReceiptParser.payload(tlvs) : shortMessage;
        if (body == null) {
            body = new byte[0];
        }
        if ((esmClass & 0x40) != 0 && body.length > 0) {
            int udhl = body[0] & 0xFF;
            body = Arrays.copyOfRange(body, Math.min(body.length, udhl + 1), body.length);
        }
        int dc = dataCoding & 0xFF;
        boolean ucs2 = dc == 0x08;
        return new MoMessage(address(sourceTon, source), address(destTon, dest), text(dc, body),
                ucs2 ? SmsEncoding.UCS2 : SmsEncoding.GSM7);
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
