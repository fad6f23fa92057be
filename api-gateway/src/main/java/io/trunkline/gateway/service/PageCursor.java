package io.trunkline.gateway.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.trunkline.platform.rest.ProblemException;

/**
 * The opaque cursor of the newest-first lists (messages, inbound, broadcasts, webhook deliveries): the last row's
 * time and id, base64url of {@code <epoch millis>:<id>}. Time and id together keep a page stable under inserts.
 */
public record PageCursor(Instant time, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for no cursor; 400 naming {@code cursor} for one this API did not give out. */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        PageCursor c = tryDecode(cursor);
        if (c == null) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out (use next_cursor as it is)");
        }
        return c;
    }

    /** The cursor, or null when it is not one {@link #encode} made. */
    public static PageCursor tryDecode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            if (colon < 1 || colon == s.length() - 1) {
                return null;
            }
            return new PageCursor(Instant.ofEpochMilli(Long.parseLong(s.substring(0, colon))), s.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A page size parameter: {@code fallback} when absent, else 1 to {@code max}; 400 naming {@code field}. */
    public static int pageSize(String value, int fallback, int max, String field) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(field, "must be a whole number between 1 and " + max);
    }
}
