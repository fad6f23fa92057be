package io.trunkline.gsm.pdu;

/**
 * Decoded user data: the header (or null), the text, the length as read (septets or octets), and whether the length
 * field promised more than the PDU carried (lenient decoding only).
 */
public record UserData(UserDataHeader header, String text, byte[] octets, int length, boolean truncated) {
}
