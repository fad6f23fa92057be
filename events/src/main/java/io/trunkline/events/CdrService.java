package io.trunkline.events;

/** The billable service a CDR records; rate cards are per service. */
public enum CdrService {
    SMS_OUT,
    SMS_IN,
    CALL_OUT,
    CALL_IN
}
