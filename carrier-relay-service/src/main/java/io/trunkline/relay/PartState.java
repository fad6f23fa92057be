package io.trunkline.relay;

import io.trunkline.events.SmsStatus;

/** Where one submitted part stands, as its delivery receipts report it. */
public enum PartState {
    /** Accepted by the carrier (submit_sm_resp); no receipt yet. */
    SENT(null),
    /** An intermediate receipt: accepted or still en route. */
    ENROUTE(null),
    DELIVERED(SmsStatus.DELIVERED),
    UNDELIVERED(SmsStatus.UNDELIVERED),
    EXPIRED(SmsStatus.EXPIRED),
    FAILED(SmsStatus.FAILED),
    /** The carrier does not know (stat UNKNOWN): final for the carrier, not a verdict. */
    UNKNOWN(SmsStatus.UNKNOWN);

    private final SmsStatus status;

    PartState(SmsStatus status) {
        this.status = status;
    }

    /** A receipt has settled this part; later receipts for it change nothing. */
    public boolean settled() {
        return status != null;
    }

    public boolean failed() {
        return this == UNDELIVERED || this == EXPIRED || this == FAILED;
    }

    /** The message status this part state means on its own (null while still under way). */
    public SmsStatus status() {
        return status;
    }
}
