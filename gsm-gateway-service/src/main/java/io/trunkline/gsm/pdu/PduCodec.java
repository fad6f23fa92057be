package io.trunkline.gsm.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes SMS-SUBMIT and decodes SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT TPDUs (3GPP TS 23.040 9.2) in the
 * hex form a modem uses in PDU mode (TS 27.005 3.5): the SMSC field first, then the TPDU.
 * Decoding is strict: a length that does not match the octets present, a reserved message type, compressed user
 * data or a non-hex character is a {@link PduException}. {@link #decodeLenient} also accepts a user-data length that
 * overstates the octets present (seen in the wild, gsmmodem-dec-08).
 */
public final class PduCodec {
    /** Septets in one GSM-7 message / one concatenated part with an 8-bit or 16-bit reference. */
    public static final int GSM7_SINGLE = 160;
    /** UCS-2 octets in one message. */
    public static final int UCS2_SINGLE_OCTETS = 140;

    private PduCodec() {
    }

    // ---------------------------------------------------------------- decoding

    public static Tpdu decode(String hex) {
        return decode(Hex.decode(hex.trim()), false);
    }

    public static Tpdu decodeLenient(String hex) {
        return decode(Hex.decode(hex.trim()), true);
    }

    /**
     * Decodes a PDU as a modem shows it in {@code +CMGR}/{@code +CMGL}/{@code +CMT}/{@code +CDS}. The length in
     * those headers is not checked: real captures (gammu tests/at-sms) carry lengths that do not match, and the
     * structure of the PDU itself is what tells a broken one apart. Overstated user data is read as far as it goes
     * ({@link UserData#truncated()}).
     */
    public static Tpdu decodeFromModem(String hex) {
        return decodeLenient(hex);
    }

    private static Tpdu decode(byte[] b, boolean lenient) {
        Address.Read smscRead = Address.readSmsc(b, 0);
        int at = smscRead.octets();
        if (at >= b.length) {
            throw new PduException("PDU has an SMSC field but no TPDU");
        }
        int fo = b[at] & 0xFF;
        return switch (MessageTypeIndicator.of(fo)) {
            case DELIVER -> decodeDeliver(b, at, smscRead.address(), lenient);
            case SUBMIT -> decodeSubmit(b, at, smscRead.address(), lenient);
            case STATUS_REPORT -> decodeStatusReport(b, at, smscRead.address());
            case RESERVED -> throw new PduException("reserved message type (first octet 0x"
                    + Hex.encode(new byte[] {(byte) fo}) + ")");
        };
    }

    private static Tpdu.Deliver decodeDeliver(byte[] b, int at, Address smsc, boolean lenient) {
        int fo = b[at++] & 0xFF;
        Address.Read oa = Address.readTpAddress(b, at, "originating address");
        at += oa.octets();
        need(b, at, 9, "SMS-DELIVER header");
        int pid = b[at++] & 0xFF;
        DataCodingScheme dcs = DataCodingScheme.decode(b[at++]);
        OffsetDateTime scts = Scts.decode(b, at);
        at += 7;
        UserData ud = readUserData(b, at, (fo & 0x40) != 0, dcs, lenient);
        return new Tpdu.Deliver(smsc, fo, oa.address(), pid, dcs, scts, ud);
    }

    private static Tpdu.Submit decodeSubmit(byte[] b, int at, Address smsc, boolean lenient) {
        int fo = b[at++] & 0xFF;
        need(b, at, 1, "message reference");
        int mr = b[at++] & 0xFF;
        Address.Read da = Address.readTpAddress(b, at, "destination address");
        at += da.octets();
        need(b, at, 2, "SMS-SUBMIT header");
        int pid = b[at++] & 0xFF;
        DataCodingScheme dcs = DataCodingScheme.decode(b[at++]);
        ValidityPeriod vp = null;
        switch (ValidityPeriod.Format.of(fo)) {
            case RELATIVE -> {
                need(b, at, 1, "validity period");
                vp = new ValidityPeriod.Relative(b[at++] & 0xFF);
            }
            case ABSOLUTE -> {
                vp = new ValidityPeriod.Absolute(Scts.decode(b, at));
                at += 7;
            }
            case ENHANCED -> {
                need(b, at, 7, "validity period");
                byte[] e = new byte[7];
                System.arraycopy(b, at, e, 0, 7);
                vp = new ValidityPeriod.Enhanced(e);
                at += 7;
            }
            case NONE -> {
            }
        }
        UserData ud = readUserData(b, at, (fo & 0x40) != 0, dcs, lenient);
        return new Tpdu.Submit(smsc, fo, mr, da.address(), pid, dcs, vp, ud);
    }

    private static Tpdu.StatusReport decodeStatusReport(byte[] b, int at, Address smsc) {
        int fo = b[at++] & 0xFF;
        need(b, at, 1, "message reference");
        int mr = b[at++] & 0xFF;
        Address.Read ra = Address.readTpAddress(b, at, "recipient address");
        at += ra.octets();
        need(b, at, 15, "SMS-STATUS-REPORT times and status");
        OffsetDateTime scts = Scts.decode(b, at);
        OffsetDateTime dt = Scts.decode(b, at + 7);
        int st = b[at + 14] & 0xFF;
        // optional TP-PI and what it announces (TS 23.040 9.2.2.3) are not needed to settle a message
        return new Tpdu.StatusReport(smsc, fo, mr, ra.address(), scts, dt, st);
    }

    private static UserData readUserData(byte[] b, int at, boolean udhi, DataCodingScheme dcs, boolean lenient) {
        need(b, at, 1, "user data length");
        int udl = b[at++] & 0xFF;
        if (dcs.compressed()) {
            throw new PduException("compressed user data (DCS 0x" + Integer.toHexString(dcs.value())
                    + ") is not supported");
        }
        boolean septets = dcs.charset() == CharacterSet.GSM7;
        int available = b.length - at;
        int needed = septets ? (udl * 7 + 7) / 8 : udl;
        boolean truncated = false;
        if (needed > available) {
            if (!lenient) {
                throw new PduException("user data length " + udl + (septets ? " septets" : " octets") + " needs "
                        + needed + " octets but " + available + " remain");
            }
            udl = septets ? available * 8 / 7 : available;
            needed = available;
            truncated = true;
        }
        // octets after the user data are ignored (android-08 carries 28); a modem's +CMGR/+CMGL length is checked
        // exactly by decode(hex, tpduLength)
        if (!septets && udl > 140 || septets && udl > 160) {
            throw new PduException("user data length " + udl + " is over the maximum of one message");
        }
        byte[] octets = new byte[needed];
        System.arraycopy(b, at, octets, 0, needed);
        UserDataHeader header = null;
        int headerOctets = 0;
        if (udhi && octets.length == 0 && lenient) {
            udhi = false; // header indicated over empty user data (gammu tests/at-sms/20)
        }
        if (udhi) {
            if (octets.length == 0) {
                throw new PduException("user data header indicated but the user data is empty");
            }
            int udhl = octets[0] & 0xFF;
            if (1 + udhl > octets.length) {
                throw new PduException("user data header of " + udhl + " octets is longer than the user data");
            }
            header = UserDataHeader.parse(octets, 1, udhl);
            headerOctets = 1 + udhl;
        }
        String text;
        switch (dcs.charset()) {
            case GSM7 -> {
                int headerSeptets = (headerOctets * 8 + 6) / 7;
                int count = udl - headerSeptets;
                if (count < 0) {
                    throw new PduException("user data length " + udl + " is shorter than its header");
                }
                text = Gsm7.decode(Gsm7.unpack(octets, 0, count, headerSeptets * 7));
            }
            case UCS2 -> {
                int n = udl - headerOctets;
                if (n < 0) {
                    throw new PduException("user data length " + udl + " is shorter than its header");
                }
                if (n % 2 != 0) {
                    if (!lenient) {
                        throw new PduException("UCS-2 user data has an odd number of octets (" + n + ")");
                    }
                    n--;
                }
                text = new String(octets, headerOctets, n, StandardCharsets.UTF_16BE);
            }
            default -> text = new String(octets, headerOctets, Math.max(0, udl - headerOctets),
                    StandardCharsets.ISO_8859_1);
        }
        return new UserData(header, text, octets, udl, truncated);
    }

    private static void need(byte[] b, int at, int n, String field) {
        if (at + n > b.length) {
            throw new PduException("PDU ends inside the " + field + " (needs " + n + " octets at " + at + ", has "
                    + (b.length - at) + ")");
        }
    }

    // ---------------------------------------------------------------- encoding

    /**
     * What to put around the text of an SMS-SUBMIT. {@code charset} null picks GSM-7 when every character is in the
     * GSM alphabet, else UCS-2. {@code concatReference} is used only when the text needs several parts.
     */
    public record SubmitOptions(Address smsc, int messageReference, boolean statusReportRequest,
            boolean rejectDuplicates, ValidityPeriod validity, CharacterSet charset, MessageClass messageClass,
            int concatReference, boolean concat16Bit) {

        public static SubmitOptions defaults() {
            return new SubmitOptions(null, 0, false, false, null, null, null, 0, false);
        }

        public SubmitOptions withSmsc(Address a) {
            return new SubmitOptions(a, messageReference, statusReportRequest, rejectDuplicates, validity, charset,
                    messageClass, concatReference, concat16Bit);
        }

        public SubmitOptions withMessageReference(int mr) {
            return new SubmitOptions(smsc, mr, statusReportRequest, rejectDuplicates, validity, charset, messageClass,
                    concatReference, concat16Bit);
        }

        public SubmitOptions withStatusReport(boolean srr) {
            return new SubmitOptions(smsc, messageReference, srr, rejectDuplicates, validity, charset, messageClass,
                    concatReference, concat16Bit);
        }

        public SubmitOptions withRejectDuplicates(boolean rd) {
            return new SubmitOptions(smsc, messageReference, statusReportRequest, rd, validity, charset, messageClass,
                    concatReference, concat16Bit);
        }

        public SubmitOptions withValidity(ValidityPeriod vp) {
            return new SubmitOptions(smsc, messageReference, statusReportRequest, rejectDuplicates, vp, charset,
                    messageClass, concatReference, concat16Bit);
        }

        public SubmitOptions withCharset(CharacterSet cs) {
            return new SubmitOptions(smsc, messageReference, statusReportRequest, rejectDuplicates, validity, cs,
                    messageClass, concatReference, concat16Bit);
        }

        public SubmitOptions withMessageClass(MessageClass mc) {
            return new SubmitOptions(smsc, messageReference, statusReportRequest, rejectDuplicates, validity, charset,
                    mc, concatReference, concat16Bit);
        }

        public SubmitOptions withConcat(int reference, boolean sixteenBit) {
            return new SubmitOptions(smsc, messageReference, statusReportRequest, rejectDuplicates, validity, charset,
                    messageClass, reference, sixteenBit);
        }
    }

    /** One PDU for {@code AT+CMGS=<tpduLength>}. */
    public record EncodedPdu(String hex, int tpduLength, int part, int parts) {
    }

    /** The alphabet the encoder would use for this text. */
    public static CharacterSet charsetFor(String text) {
        return Gsm7.canEncode(text) ? CharacterSet.GSM7 : CharacterSet.UCS2;
    }

    /** The text's parts as the encoder splits them (an escape or a surrogate pair is never split). */
    public static List<String> split(String text, CharacterSet cs, boolean concat16Bit) {
        int extra = concat16Bit ? 1 : 0;
        List<String> parts = new ArrayList<>();
        switch (cs) {
            case GSM7 -> {
                if (Gsm7.encode(text).length <= GSM7_SINGLE) {
                    return List.of(text);
                }
                int max = 153 - extra;
                int used = 0;
                int start = 0;
                for (int i = 0; i < text.length(); i++) {
                    int n = Gsm7.septetsOf(text.charAt(i));
                    if (used + n > max) {
                        parts.add(text.substring(start, i));
                        start = i;
                        used = 0;
                    }
                    used += n;
                }
                parts.add(text.substring(start));
            }
            case UCS2 -> {
                if (text.length() * 2 <= UCS2_SINGLE_OCTETS) {
                    return List.of(text);
                }
                int max = 67 - extra;
                int start = 0;
                while (start < text.length()) {
                    int end = Math.min(text.length(), start + max);
                    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                        end--;
                    }
                    parts.add(text.substring(start, end));
                    start = end;
                }
            }
            case EIGHT_BIT -> {
                byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
                if (data.length <= 140) {
                    return List.of(text);
                }
                int max = 134 - extra;
                for (int s = 0; s < text.length(); s += max) {
                    parts.add(text.substring(s, Math.min(text.length(), s + max)));
                }
            }
        }
        if (parts.size() > 255) {
            throw new PduException("text needs " + parts.size() + " parts; at most 255 can be concatenated");
        }
        return parts;
    }

    /** Encodes the text as one SMS-SUBMIT or as concatenated parts. */
    public static List<EncodedPdu> encodeSubmit(Address destination, String text, SubmitOptions o) {
        CharacterSet cs = o.charset() != null ? o.charset() : charsetFor(text);
        List<String> parts = split(text, cs, o.concat16Bit());
        List<EncodedPdu> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            UserDataHeader udh = parts.size() == 1 ? null
                    : UserDataHeader.of(new UserDataHeader.Concat(o.concatReference(), parts.size(), i + 1,
                            o.concat16Bit()).toElement());
            out.add(encodeOne(destination, parts.get(i), udh, cs, o, i + 1, parts.size()));
        }
        return out;
    }

    /** Encodes one SMS-SUBMIT with an explicit header (or none). */
    public static EncodedPdu encodeOne(Address destination, String text, UserDataHeader udh, CharacterSet cs,
            SubmitOptions o, int part, int parts) {
        ByteArrayOutputStream tpdu = new ByteArrayOutputStream(176);
        ValidityPeriod vp = o.validity();
        int fo = MessageTypeIndicator.SUBMIT.bits
                | (o.rejectDuplicates() ? 0x04 : 0)
                | (vp == null ? 0 : vp.format().bits)
                | (o.statusReportRequest() ? 0x20 : 0)
                | (udh != null ? 0x40 : 0);
        tpdu.write(fo);
        tpdu.write(o.messageReference() & 0xFF);
        tpdu.writeBytes(destination.toTpField());
        tpdu.write(0x00); // TP-PID: plain short message
        tpdu.write(DataCodingScheme.of(cs, o.messageClass()).value());
        if (vp instanceof ValidityPeriod.Relative r) {
            tpdu.write(r.tpVp());
        } else if (vp instanceof ValidityPeriod.Absolute a) {
            tpdu.writeBytes(Scts.encode(a.until()));
        } else if (vp instanceof ValidityPeriod.Enhanced e) {
            tpdu.writeBytes(e.octets());
        }
        byte[] header = udh == null ? new byte[0] : udh.toBytes();
        int headerOctets = udh == null ? 0 : 1 + header.length;
        switch (cs) {
            case GSM7 -> {
                byte[] septets = Gsm7.encode(text);
                int headerSeptets = (headerOctets * 8 + 6) / 7;
                int udl = headerSeptets + septets.length;
                if (udl > GSM7_SINGLE) {
                    throw new PduException("part of " + udl + " septets is over " + GSM7_SINGLE);
                }
                tpdu.write(udl);
                byte[] packed = Gsm7.pack(septets, headerSeptets * 7 - headerOctets * 8);
                if (udh != null) {
                    tpdu.write(header.length);
                    tpdu.writeBytes(header);
                }
                tpdu.writeBytes(packed);
            }
            case UCS2, EIGHT_BIT -> {
                byte[] data = text.getBytes(cs == CharacterSet.UCS2 ? StandardCharsets.UTF_16BE
                        : StandardCharsets.ISO_8859_1);
                int udl = headerOctets + data.length;
                if (udl > UCS2_SINGLE_OCTETS) {
                    throw new PduException("part of " + udl + " octets is over " + UCS2_SINGLE_OCTETS);
                }
                tpdu.write(udl);
                if (udh != null) {
                    tpdu.write(header.length);
                    tpdu.writeBytes(header);
                }
                tpdu.writeBytes(data);
            }
        }
        byte[] t = tpdu.toByteArray();
        byte[] smsc = o.smsc() == null ? new byte[] {0} : o.smsc().toSmscField();
        return new EncodedPdu(Hex.encode(smsc) + Hex.encode(t), t.length, part, parts);
    }
}
