package io.trunkline.relay.smpp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.trunkline.events.SmsEncoding;

/**
 * Turns a message's text into submit_sm short_messages: GSM 03.38 (data_coding 0) or UCS-2 (data_coding 8,
 * UTF-16BE). A text that does not fit one message (160 septets / 70 UTF-16 units) goes as concatenated parts with a
 * UDH (esm_class 0x40, IEI 0x00 with an 8-bit reference) of 153 septets / 67 units each; an escape pair or a
 * surrogate pair is never split across parts.
 */
public final class MessageEncoder {
    public static final byte DC_GSM = 0x00;
    public static final byte DC_UCS2 = 0x08;
    public static final byte ESM_DEFAULT = 0x00;
    public static final byte ESM_UDHI = 0x40;
    static final int GSM_SINGLE = 160;
    static final int GSM_PART = 153;
    static final int UCS2_SINGLE = 70;
    static final int UCS2_PART = 67;
    static final int MAX_PARTS = 255;

    private MessageEncoder() {
    }

    /**
     * One submit_sm. {@code number} counts from 1. {@code sarRef} &ge; 0: send sar_msg_ref_num / sar_total_segments /
     * sar_segment_seqnum TLVs; {@code payload} non-null: send it as message_payload with an empty short_message.
     */
    public record Part(byte[] shortMessage, byte esmClass, byte dataCoding, int number, int total, int sarRef,
            byte[] payload) {
        public Part(byte[] shortMessage, byte esmClass, byte dataCoding, int number, int total) {
            this(shortMessage, esmClass, dataCoding, number, total, -1, null);
        }
    }

    /**
     * Encodes {@code text} for a carrier's long-message mode: UDH (as {@link #encode(String, SmsEncoding, int)}),
     * SAR (the same parts without UDH, with SAR TLVs and a 16-bit reference) or PAYLOAD (one submit_sm carrying the
     * whole text in message_payload when it does not fit one message).
     */
    public static List<Part> encode(String text, SmsEncoding encoding, int reference,
            io.trunkline.relay.config.RelayConfig.LongMessageMode mode) {
        List<Part> udh = encode(text, encoding, reference);
        if (udh.size() == 1 || mode == null || mode == io.trunkline.relay.config.RelayConfig.LongMessageMode.UDH) {
            return udh;
        }
        if (mode == io.trunkline.relay.config.RelayConfig.LongMessageMode.PAYLOAD) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Part p : udh) {
                all.write(p.shortMessage(), 6, p.shortMessage().length - 6);
            }
            return List.of(new Part(new byte[0], ESM_DEFAULT, udh.get(0).dataCoding(), 1, 1, -1, all.toByteArray()));
        }
        List<Part> sar = new ArrayList<>(udh.size());
        int ref = reference & 0xFFFF;
        for (Part p : udh) {
            byte[] body = java.util.Arrays.copyOfRange(p.shortMessage(), 6, p.shortMessage().length);
            sar.add(new Part(body, ESM_DEFAULT, p.dataCoding(), p.number(), p.total(), ref, null));
        }
        return sar;
    }

    /**
     * Encodes {@code text}. GSM7 falls back to UCS-2 when the text has a character outside the GSM alphabet (the
     * gateway counted it as GSM7 wrongly; sending it garbled would be worse). Throws IllegalArgumentException for an
     * empty text or more than 255 parts.
     */
    public static List<Part> encode(String text, SmsEncoding encoding, int reference) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty text");
        }
        if (encoding == SmsEncoding.GSM7 && Gsm7.canEncode(text)) {
            return gsm(text, reference & 0xFF);
        }
        return ucs2(text, reference & 0xFF);
    }

    private static List<Part> gsm(String text, int ref) {
        int total = 0;
        for (int i = 0; i < text.length(); i++) {
            total += Gsm7.septets(text.charAt(i));
        }
        if (total <= GSM_SINGLE) {
            return List.of(new Part(Gsm7.encode(text), ESM_DEFAULT, DC_GSM, 1, 1));
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int n = Gsm7.septets(c);
            if (used + n > GSM_PART) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
                used = 0;
            }
            chunk.append(c);
            used += n;
        }
        chunks.add(chunk.toString());
        List<byte[]> bodies = chunks.stream().map(Gsm7::encode).toList();
        return withUdh(bodies, DC_GSM, ref);
    }

    private static List<Part> ucs2(String text, int ref) {
        if (text.length() <= UCS2_SINGLE) {
            return List.of(new Part(text.getBytes(StandardCharsets.UTF_16BE), ESM_DEFAULT, DC_UCS2, 1, 1));
        }
        List<byte[]> bodies = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + UCS2_PART, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            bodies.add(text.substring(start, end).getBytes(StandardCharsets.UTF_16BE));
            start = end;
        }
        return withUdh(bodies, DC_UCS2, ref);
    }

    private static List<Part> withUdh(List<byte[]> bodies, byte dataCoding, int ref) {
        int total = bodies.size();
        if (total > MAX_PARTS) {
            throw new IllegalArgumentException("text needs " + total + " parts, at most " + MAX_PARTS + " are possible");
        }
        List<Part> parts = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            ByteArrayOutputStream sm = new ByteArrayOutputStream(6 + bodies.get(i).length);
            sm.write(0x05); // UDHL
            sm.write(0x00); // IEI: concatenated short messages, 8-bit reference
            sm.write(0x03); // IE length
            sm.write(ref);
            sm.write(total);
            sm.write(i + 1);
            sm.writeBytes(bodies.get(i));
            parts.add(new Part(sm.toByteArray(), ESM_UDHI, dataCoding, i + 1, total));
        }
        return parts;
    }
}
