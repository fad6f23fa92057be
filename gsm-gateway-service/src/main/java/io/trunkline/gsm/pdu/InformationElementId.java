package io.trunkline.gsm.pdu;

/** TS 23.040 9.2.3.24 information element identifiers this codec knows by name; others are kept as raw IEs. */
public enum InformationElementId {
    CONCATENATED_8BIT(0x00), SPECIAL_SMS_MESSAGE_INDICATION(0x01), APPLICATION_PORT_8BIT(0x04),
    APPLICATION_PORT_16BIT(0x05), SMSC_CONTROL_PARAMETERS(0x06), UDH_SOURCE_INDICATOR(0x07),
    CONCATENATED_16BIT(0x08), WIRELESS_CONTROL_MESSAGE_PROTOCOL(0x09), TEXT_FORMATTING(0x0A),
    PREDEFINED_SOUND(0x0B), USER_DEFINED_SOUND(0x0C), PREDEFINED_ANIMATION(0x0D), NATIONAL_SINGLE_SHIFT(0x24),
    NATIONAL_LOCKING_SHIFT(0x25);

    public final int iei;

    InformationElementId(int iei) {
        this.iei = iei;
    }

    public static InformationElementId of(int iei) {
        for (InformationElementId id : values()) {
            if (id.iei == iei) {
                return id;
            }
        }
        return null;
    }
}
