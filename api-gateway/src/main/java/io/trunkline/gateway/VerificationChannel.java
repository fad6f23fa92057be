package io.trunkline.gateway;

import java.util.Locale;
import java.util.Optional;

/** How a verification code reaches the user. */
public enum VerificationChannel {
    /** A text message through the normal message path (billed like any message). */
    SMS,
    /** A speech call ({@code CallRequested}, kind {@code SPEECH_BROADCAST}) that reads the digits out. */
    CALL;

    public String external() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<VerificationChannel> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (VerificationChannel c : values()) {
            if (c.external().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
