package io.trunkline.gateway.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.trunkline.platform.rest.ProblemException;

/** An opaque page cursor: the last row's time and id (base64url of {@code <epoch millis>:<id>}). */
public record InboundCursor(Instant time, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for no cursor; 400 naming {@code cursor} for one this API did not give out. */
    public static InboundCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            if (colon < 1 || colon == s.length() - 1) {
                throw new IllegalArgumentException();
            }
            return new InboundCursor(Instant.ofEpochMilli(Long.parseLong(s.substring(0, colon))),
                    s.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out (use nextCursor as it is)");
        }
    }
}
