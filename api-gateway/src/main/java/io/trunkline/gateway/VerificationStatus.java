package io.trunkline.gateway;

import java.util.Locale;

/** Where a verification is in its life; only {@link #PENDING} can change, and only once. */
public enum VerificationStatus {
    PENDING, APPROVED, CANCELED, EXPIRED, MAX_ATTEMPTS_REACHED;

    /** As the API shows it: {@code pending}, {@code max_attempts_reached}, ... */
    public String external() {
        return name().toLowerCase(Locale.ROOT);
    }
}
