package io.trunkline.gsm.pdu;

/**
 * TP-DCS (TS 23.038 4): the coding groups that say an alphabet, a message class and compression. Reserved groups
 * are read as GSM-7, as the spec asks. Compressed user data is refused (no known network sends it).
 */
public record DataCodingScheme(int value, CharacterSet charset, MessageClass messageClass, boolean compressed) {

    /** TS 23.038 4 coding groups (bits 7..4). */
    public enum Group {
        GENERAL, AUTOMATIC_DELETION, RESERVED, MESSAGE_WAITING_DISCARD, MESSAGE_WAITING_STORE_GSM7,
        MESSAGE_WAITING_STORE_UCS2, DATA_CODING_MESSAGE_CLASS;

        public static Group of(int dcs) {
            int hi = (dcs >> 4) & 0xF;
            if (hi <= 0x3) {
                return GENERAL;
            } else if (hi <= 0x7) {
                return AUTOMATIC_DELETION;
            } else if (hi <= 0xB) {
                return RESERVED;
            }
            return switch (hi) {
                case 0xC -> MESSAGE_WAITING_DISCARD;
                case 0xD -> MESSAGE_WAITING_STORE_GSM7;
                case 0xE -> MESSAGE_WAITING_STORE_UCS2;
                default -> DATA_CODING_MESSAGE_CLASS;
            };
        }
    }

    public static DataCodingScheme decode(int dcs) {
        dcs &= 0xFF;
        return switch (Group.of(dcs)) {
            case GENERAL, AUTOMATIC_DELETION -> {
                CharacterSet cs = switch ((dcs >> 2) & 0x3) {
                    case 1 -> CharacterSet.EIGHT_BIT;
                    case 2 -> CharacterSet.UCS2;
                    default -> CharacterSet.GSM7;
                };
                MessageClass mc = (dcs & 0x10) != 0 ? MessageClass.values()[dcs & 0x3] : null;
                yield new DataCodingScheme(dcs, cs, mc, (dcs & 0x20) != 0);
            }
            case RESERVED, MESSAGE_WAITING_DISCARD, MESSAGE_WAITING_STORE_GSM7 ->
                new DataCodingScheme(dcs, CharacterSet.GSM7, null, false);
            case MESSAGE_WAITING_STORE_UCS2 -> new DataCodingScheme(dcs, CharacterSet.UCS2, null, false);
            case DATA_CODING_MESSAGE_CLASS -> new DataCodingScheme(dcs,
                    (dcs & 0x04) != 0 ? CharacterSet.EIGHT_BIT : CharacterSet.GSM7, MessageClass.values()[dcs & 0x3],
                    false);
        };
    }

    /** The general-group value for an alphabet and an optional class. */
    public static DataCodingScheme of(CharacterSet cs, MessageClass mc) {
        int v = cs.dcsBits | (mc == null ? 0 : 0x10 | mc.ordinal());
        return new DataCodingScheme(v, cs, mc, false);
    }
}
