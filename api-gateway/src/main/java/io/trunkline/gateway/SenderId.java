package io.trunkline.gateway;

import java.util.regex.Pattern;

/**
 * What a message may be sent from: an E.164 number, or an alphanumeric sender id of 1 to 11 characters (the limit of
 * an alphanumeric TP-OA, 3GPP TS 23.040). Alphanumeric ids are letters, digits, space and {@code . - _ &}, not
 * starting or ending with a space.
 */
public final class SenderId {
    public static final int MAX_ALPHANUMERIC = 11;
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9._&-](?:[A-Za-z0-9 ._&-]{0,9}[A-Za-z0-9._&-])?");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private SenderId() {
    }

    public static boolean isAlphanumeric(String value) {
        return value != null && ALPHANUMERIC.matcher(value).matches();
    }

    /** Syntactically E.164 ({@code +} and up to 15 digits); whether it is a real number is libphonenumber's call. */
    public static boolean looksE164(String value) {
        return value != null && E164.matcher(value).matches();
    }
}
