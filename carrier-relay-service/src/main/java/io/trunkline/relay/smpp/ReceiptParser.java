package io.trunkline.relay.smpp;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsmpp.bean.OptionalParameter;

/**
 * Reads delivery receipts the way carriers really send them (see conformance/smpp-dlr-receipts.tsv): fields in any
 * order or missing, keys in any case ({@code Text:}), unpadded numbers, trailing NULs, text in message_payload
 * instead of short_message, or no text at all and only the TLVs.
 */
public final class ReceiptParser {
    private static final Pattern KEY = Pattern.compile(
            "(?i)(?<![A-Za-z])(id|sub|dlvrd|submit date|done date|stat|err|text):");
    static final int RECEIPTED_MESSAGE_ID = 0x001E;
    static final int MESSAGE_STATE = 0x0427;
    static final int MESSAGE_PAYLOAD = 0x0424;

    private ReceiptParser() {
    }

    /** esm_class message type bits (2-5): SMSC delivery receipt (0x04) or intermediate notification (0x20). */
    public static boolean isReceiptType(int esmClass) {
        int type = esmClass & 0x3C;
        return type == 0x04 || type == 0x20;
    }

    /** SME delivery or manual/user acknowledgement (0x08, 0x10): from the handset, neither a receipt nor a message. */
    public static boolean isSmeAcknowledgement(int esmClass) {
        int type = esmClass & 0x3C;
        return type == 0x08 || type == 0x10;
    }

    /**
     * True when the PDU is a receipt: by esm_class, or (for SMSCs that leave esm_class 0) by carrying both
     * receipted_message_id and message_state.
     */
    public static boolean isReceipt(int esmClass, OptionalParameter[] tlvs) {
        return isReceiptType(esmClass) || (find(tlvs, RECEIPTED_MESSAGE_ID) != null && find(tlvs, MESSAGE_STATE) != null);
    }

    /** Parses a deliver_sm / data_sm known to be a receipt. */
    public static DeliveryReceipt parse(int dataCoding, byte[] shortMessage, OptionalParameter[] tlvs) {
        byte[] body = shortMessage == null || shortMessage.length == 0 ? payload(tlvs) : shortMessage;
        String text = body == null ? "" : decode(dataCoding, body);
        String tlvId = string(find(tlvs, RECEIPTED_MESSAGE_ID));
        Integer state = unsignedByte(find(tlvs, MESSAGE_STATE));
        return parseText(text, tlvId, state);
    }

    /** Parses the text form alone (with the TLV values, if the caller has them). */
    public static DeliveryReceipt parseText(String raw, String tlvId, Integer messageState) {
        String s = raw == null ? "" : raw.replace("\u0000", "");
        Map<String, Integer> firstAt = new HashMap<>();
        Map<String, Integer> valueAt = new HashMap<>();
        Matcher m = KEY.matcher(s);
        while (m.find()) {
            String key = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (!firstAt.containsKey(key)) {
                firstAt.put(key, m.start());
                valueAt.put(key, m.end());
            }
        }
        return new DeliveryReceipt(token(s, valueAt.get("id")), blankToNull(tlvId), token(s, valueAt.get("stat")),
                messageState, token(s, valueAt.get("err")), token(s, valueAt.get("sub")), token(s, valueAt.get("dlvrd")),
                token(s, valueAt.get("submit date")), token(s, valueAt.get("done date")), s.trim());
    }

    /** The field's value: the characters after the key up to the next whitespace. */
    private static String token(String s, Integer at) {
        if (at == null) {
            return null;
        }
        int end = at;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return blankToNull(s.substring(at, end));
    }

    static String decode(int dataCoding, byte[] body) {
        if ((dataCoding & 0xFF) == 0x08) {
            return new String(body, StandardCharsets.UTF_16BE);
        }
        // Receipt text is ASCII; anything else (an 8-bit text: fragment) must not break the parse.
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    static OptionalParameter find(OptionalParameter[] tlvs, int tag) {
        if (tlvs == null) {
            return null;
        }
        for (OptionalParameter p : tlvs) {
            if (p != null && (p.tag & 0xFFFF) == tag) {
                return p;
            }
        }
        return null;
    }

    static byte[] payload(OptionalParameter[] tlvs) {
        OptionalParameter p = find(tlvs, MESSAGE_PAYLOAD);
        return p instanceof OptionalParameter.OctetString os ? os.getValue() : null;
    }

    static String string(OptionalParameter p) {
        if (p instanceof OptionalParameter.OctetString os) {
            byte[] v = os.getValue();
            int len = v.length;
            while (len > 0 && v[len - 1] == 0) {
                len--;
            }
            return blankToNull(new String(v, 0, len, StandardCharsets.ISO_8859_1));
        }
        return null;
    }

    static Integer unsignedByte(OptionalParameter p) {
        if (p instanceof OptionalParameter.Byte b) {
            return b.getValue() & 0xFF;
        }
        if (p instanceof OptionalParameter.OctetString os && os.getValue().length >= 1) {
            return os.getValue()[0] & 0xFF;
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
