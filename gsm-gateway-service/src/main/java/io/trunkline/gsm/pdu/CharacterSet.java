package io.trunkline.gsm.pdu;

/** The alphabet of the user data, from the data coding scheme (TS 23.038 4). */
public enum CharacterSet {
    GSM7(0x00), EIGHT_BIT(0x04), UCS2(0x08);

    /** Bits 3..2 in the general data coding group. */
    public final int dcsBits;

    CharacterSet(int dcsBits) {
        this.dcsBits = dcsBits;
    }
}
