package io.trunkline.gsm.pdu;

/**
 * An address field (TS 23.040 9.1.2.5 / 9.2.3.7): digits (semi-octets 0-9 * # a b c) or, for type-of-number
 * alphanumeric, GSM-7 text. {@link #toString()} gives the display form: international numbers with a leading +.
 */
public record Address(String value, TypeOfNumber ton, NumberingPlan npi) {
    /** Semi-octet values 0..15 as characters (TS 23.040 9.1.2.3; 0xF is the filler). */
    private static final String BCD = "0123456789*#abc";

    public Address {
        if (value == null) {
            throw new PduException("address without a value");
        }
    }

    /** "+digits" is international/ISDN, all digits is unknown-type/ISDN, anything else is alphanumeric. */
    public static Address parse(String s) {
        if (s.startsWith("+") && s.length() > 1 && s.substring(1).chars().allMatch(Character::isDigit)) {
            return new Address(s.substring(1), TypeOfNumber.INTERNATIONAL, NumberingPlan.ISDN);
        }
        if (!s.isEmpty() && s.chars().allMatch(c -> BCD.indexOf(c) >= 0)) {
            return new Address(s, TypeOfNumber.UNKNOWN, NumberingPlan.ISDN);
        }
        return new Address(s, TypeOfNumber.ALPHANUMERIC, NumberingPlan.UNKNOWN);
    }

    public static Address national(String digits) {
        return new Address(digits, TypeOfNumber.NATIONAL, NumberingPlan.ISDN);
    }

    public static Address of(String digits, TypeOfNumber ton) {
        return new Address(digits, ton, ton == TypeOfNumber.ALPHANUMERIC ? NumberingPlan.UNKNOWN : NumberingPlan.ISDN);
    }

    public int typeOfAddress() {
        return 0x80 | (ton.code << 4) | (npi == NumberingPlan.OTHER ? 0 : npi.code);
    }

    @Override
    public String toString() {
        return ton == TypeOfNumber.INTERNATIONAL && !value.startsWith("+") ? "+" + value : value;
    }

    /** Result of reading a field: the address (null for an empty SMSC field) and the octets consumed. */
    public record Read(Address address, int octets) {
    }

    /** Reads a TP-OA/TP-DA/TP-RA field: the length octet counts semi-octets. */
    public static Read readTpAddress(byte[] b, int at, String field) {
        need(b, at, 2, field);
        int digits = b[at] & 0xFF;
        int octets = (digits + 1) / 2;
        need(b, at, 2 + octets, field);
        int toa = b[at + 1] & 0xFF;
        TypeOfNumber ton = TypeOfNumber.of(toa >> 4);
        NumberingPlan npi = NumberingPlan.of(toa);
        String value;
        if (ton == TypeOfNumber.ALPHANUMERIC) {
            int septets = digits * 4 / 7;
            value = Gsm7.decode(Gsm7.unpack(b, at + 2, septets, 0));
        } else {
            value = semiOctets(b, at + 2, digits, field);
        }
        return new Read(new Address(value, ton, npi), 2 + octets);
    }

    /** Reads the SMSC field in front of a TPDU: the length octet counts octets including the type-of-address. */
    public static Read readSmsc(byte[] b, int at) {
        need(b, at, 1, "SMSC");
        int len = b[at] & 0xFF;
        if (len == 0) {
            return new Read(null, 1);
        }
        if (len > 11) {
            throw new PduException("SMSC field length " + len + " is over the 11 octets TS 24.011 allows");
        }
        need(b, at, 1 + len, "SMSC");
        int toa = b[at + 1] & 0xFF;
        TypeOfNumber ton = TypeOfNumber.of(toa >> 4);
        String digits = semiOctets(b, at + 2, (len - 1) * 2, "SMSC");
        return new Read(new Address(digits, ton, NumberingPlan.of(toa)), 1 + len);
    }

    private static String semiOctets(byte[] b, int from, int digits, String field) {
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            int o = b[from + i / 2] & 0xFF;
            int d = i % 2 == 0 ? o & 0xF : o >> 4;
            if (d == 0xF) {
                if (i == digits - 1) {
                    break; // filler
                }
                throw new PduException(field + " has a filler semi-octet in the middle of the number");
            }
            sb.append(BCD.charAt(d));
        }
        return sb.toString();
    }

    private static void need(byte[] b, int at, int n, String field) {
        if (at + n > b.length) {
            throw new PduException("PDU ends inside the " + field + " field (needs " + n + " octets at " + at + ")");
        }
    }

    /** This address as a TP-DA/TP-OA field. */
    public byte[] toTpField() {
        if (ton == TypeOfNumber.ALPHANUMERIC) {
            byte[] septets = Gsm7.encode(value);
            byte[] packed = Gsm7.pack(septets, 0);
            byte[] out = new byte[2 + packed.length];
            out[0] = (byte) ((septets.length * 7 + 3) / 4);
            out[1] = (byte) typeOfAddress();
            System.arraycopy(packed, 0, out, 2, packed.length);
            return out;
        }
        byte[] bcd = toSemiOctets(value);
        byte[] out = new byte[2 + bcd.length];
        out[0] = (byte) value.length();
        out[1] = (byte) typeOfAddress();
        System.arraycopy(bcd, 0, out, 2, bcd.length);
        return out;
    }

    /** This address as the SMSC field (length in octets, including the type-of-address). */
    public byte[] toSmscField() {
        byte[] bcd = toSemiOctets(value);
        byte[] out = new byte[2 + bcd.length];
        out[0] = (byte) (bcd.length + 1);
        out[1] = (byte) typeOfAddress();
        System.arraycopy(bcd, 0, out, 2, bcd.length);
        return out;
    }

    private static byte[] toSemiOctets(String digits) {
        byte[] out = new byte[(digits.length() + 1) / 2];
        for (int i = 0; i < digits.length(); i++) {
            int d = BCD.indexOf(Character.toLowerCase(digits.charAt(i)));
            if (d < 0) {
                throw new PduException("'" + digits.charAt(i) + "' cannot be a semi-octet digit in " + digits);
            }
            out[i / 2] |= (byte) (i % 2 == 0 ? d : d << 4);
        }
        if (digits.length() % 2 == 1) {
            out[out.length - 1] |= (byte) 0xF0;
        }
        return out;
    }
}
