package io.trunkline.events;

/** How a message's text is coded on the air interface (3GPP TS 23.038). */
public enum SmsEncoding {
    /** GSM 7-bit default alphabet (+ extension table): 160 septets, 153 per concatenated part. */
    GSM7,
    /** UCS-2 (UTF-16 code units): 70 per message, 67 per concatenated part. */
    UCS2
}
