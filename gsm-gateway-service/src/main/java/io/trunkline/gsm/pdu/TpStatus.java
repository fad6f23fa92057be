package io.trunkline.gsm.pdu;

/** TP-ST of an SMS-STATUS-REPORT (TS 23.040 9.2.3.15): the named values and what a range means. */
public enum TpStatus {
    RECEIVED_BY_SME(0x00), FORWARDED_UNCONFIRMED(0x01), REPLACED_BY_SC(0x02),
    CONGESTION(0x20), SME_BUSY(0x21), NO_RESPONSE_FROM_SME(0x22), SERVICE_REJECTED(0x23),
    QUALITY_OF_SERVICE_NOT_AVAILABLE(0x24), ERROR_IN_SME(0x25),
    REMOTE_PROCEDURE_ERROR(0x40), INCOMPATIBLE_DESTINATION(0x41), CONNECTION_REJECTED_BY_SME(0x42),
    NOT_OBTAINABLE(0x43), QUALITY_OF_SERVICE_NOT_AVAILABLE_PERMANENT(0x44), NO_INTERWORKING_AVAILABLE(0x45),
    VALIDITY_PERIOD_EXPIRED(0x46), DELETED_BY_ORIGINATING_SME(0x47), DELETED_BY_SC_ADMINISTRATION(0x48),
    MESSAGE_DOES_NOT_EXIST(0x49),
    CONGESTION_GAVE_UP(0x60), SME_BUSY_GAVE_UP(0x61), NO_RESPONSE_FROM_SME_GAVE_UP(0x62),
    SERVICE_REJECTED_GAVE_UP(0x63), QUALITY_OF_SERVICE_NOT_AVAILABLE_GAVE_UP(0x64), ERROR_IN_SME_GAVE_UP(0x65);

    /** What a status value says about the message. */
    public enum Outcome {
        /** Transaction completed: delivered (0x00-0x1F). */
        DELIVERED,
        /** Temporary error, the SC is still trying (0x20-0x3F): no final status yet. */
        PENDING,
        /** Permanent error, or temporary error the SC no longer retries (0x40-0x7F and reserved values). */
        FAILED
    }

    public final int code;

    TpStatus(int code) {
        this.code = code;
    }

    public static TpStatus of(int code) {
        for (TpStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    public static Outcome outcome(int code) {
        if (code < 0x20) {
            return Outcome.DELIVERED;
        }
        return code < 0x40 ? Outcome.PENDING : Outcome.FAILED;
    }
}
