package io.trunkline.events;

import java.util.List;

/** Kafka topic names, shared by producers, consumers and tests. See ARCHITECTURE.md's topic table. */
public final class Topics {
    public static final String SMS_OUTBOUND = "sms.outbound";
    public static final String SMS_INBOUND = "sms.inbound";
    public static final String SMS_STATUS = "sms.status";
    public static final String CALL_REQUESTS = "call.requests";
    public static final String CALL_STATUS = "call.status";
    public static final String CDR_EVENTS = "cdr.events";
    /** Compacted: the latest state per tenant is all a consumer needs. */
    public static final String BILLING_BALANCES = "billing.balances";

    public static final String DLQ_SUFFIX = ".dlq";

    public static final List<String> ALL = List.of(SMS_OUTBOUND, SMS_INBOUND, SMS_STATUS, CALL_REQUESTS, CALL_STATUS,
            CDR_EVENTS, BILLING_BALANCES);

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {
    }
}
