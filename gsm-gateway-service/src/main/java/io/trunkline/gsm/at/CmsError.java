package io.trunkline.gsm.at;

/**
 * {@code +CMS ERROR: <err>} values (3GPP TS 27.005 3.2.5; 0..127 are TS 24.011 E.2 / TS 23.040 9.2.3.22 causes) and
 * what the sender does about each.
 */
public enum CmsError {
    UNASSIGNED_NUMBER(1, Action.FAIL), OPERATOR_DETERMINED_BARRING(8, Action.FAIL), CALL_BARRED(10, Action.FAIL),
    SHORT_MESSAGE_TRANSFER_REJECTED(21, Action.FAIL), DESTINATION_OUT_OF_SERVICE(27, Action.FAIL),
    UNIDENTIFIED_SUBSCRIBER(28, Action.FAIL), FACILITY_REJECTED(29, Action.FAIL), UNKNOWN_SUBSCRIBER(30, Action.FAIL),
    NETWORK_OUT_OF_ORDER(38, Action.OTHER_PORT), TEMPORARY_FAILURE(41, Action.OTHER_PORT),
    CONGESTION(42, Action.OTHER_PORT), RESOURCES_UNAVAILABLE(47, Action.OTHER_PORT),
    FACILITY_NOT_SUBSCRIBED(50, Action.OTHER_PORT), FACILITY_NOT_IMPLEMENTED(69, Action.FAIL),
    INVALID_TRANSFER_REFERENCE(81, Action.OTHER_PORT), INVALID_MESSAGE(95, Action.FAIL),
    INVALID_MANDATORY_INFORMATION(96, Action.FAIL), MESSAGE_TYPE_NONEXISTENT(97, Action.FAIL),
    MESSAGE_NOT_COMPATIBLE(98, Action.FAIL), INFORMATION_ELEMENT_NONEXISTENT(99, Action.FAIL),
    PROTOCOL_ERROR(111, Action.OTHER_PORT), INTERWORKING_UNSPECIFIED(127, Action.OTHER_PORT),
    ME_FAILURE(300, Action.OTHER_PORT), SMS_SERVICE_RESERVED(301, Action.OTHER_PORT),
    OPERATION_NOT_ALLOWED(302, Action.OTHER_PORT), OPERATION_NOT_SUPPORTED(303, Action.OTHER_PORT),
    INVALID_PDU_MODE_PARAMETER(304, Action.FAIL), INVALID_TEXT_MODE_PARAMETER(305, Action.FAIL),
    SIM_NOT_INSERTED(310, Action.PORT_FAULT), SIM_PIN_REQUIRED(311, Action.PORT_FAULT),
    PH_SIM_PIN_REQUIRED(312, Action.PORT_FAULT), SIM_FAILURE(313, Action.PORT_FAULT),
    SIM_BUSY(314, Action.OTHER_PORT), SIM_WRONG(315, Action.PORT_FAULT), SIM_PUK_REQUIRED(316, Action.PORT_FAULT),
    SIM_PIN2_REQUIRED(317, Action.PORT_FAULT), SIM_PUK2_REQUIRED(318, Action.PORT_FAULT),
    MEMORY_FAILURE(320, Action.OTHER_PORT), INVALID_MEMORY_INDEX(321, Action.FAIL),
    MEMORY_FULL(322, Action.OTHER_PORT), SMSC_ADDRESS_UNKNOWN(330, Action.PORT_FAULT),
    NO_NETWORK_SERVICE(331, Action.PORT_FAULT), NETWORK_TIMEOUT(332, Action.OTHER_PORT),
    NO_CNMA_EXPECTED(340, Action.FAIL), UNKNOWN_ERROR(500, Action.OTHER_PORT);

    /** What a failed {@code AT+CMGS} means for the message. */
    public enum Action {
        /** The destination or the message is refused: the message fails with the code. */
        FAIL,
        /** Transient or this SIM's network trouble: try the message on another port (or later). */
        OTHER_PORT,
        /** The port itself cannot send (SIM, SMSC, registration): re-check it and send elsewhere. */
        PORT_FAULT
    }

    public final int code;
    public final Action action;

    CmsError(int code, Action action) {
        this.code = code;
        this.action = action;
    }

    /** The named error, or null for a code this table does not list. */
    public static CmsError of(int code) {
        for (CmsError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }

    /** Unlisted codes: 1..127 network causes fail the message, manufacturer codes (512+) are retried elsewhere. */
    public static Action actionFor(int code) {
        CmsError e = of(code);
        if (e != null) {
            return e.action;
        }
        return code < 128 ? Action.FAIL : Action.OTHER_PORT;
    }
}
