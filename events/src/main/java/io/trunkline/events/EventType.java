package io.trunkline.events;

import java.util.Arrays;
import java.util.Optional;

/** Which record travels on which topic, under which CloudEvents {@code ce_type}. */
public enum EventType {
    SMS_ACCEPTED(Topics.SMS_OUTBOUND, "trunkline.sms.outbound.v1", SmsAccepted.class),
    SMS_RECEIVED(Topics.SMS_INBOUND, "trunkline.sms.inbound.v1", SmsReceived.class),
    SMS_STATUS_CHANGED(Topics.SMS_STATUS, "trunkline.sms.status.v1", SmsStatusChanged.class),
    CALL_REQUESTED(Topics.CALL_REQUESTS, "trunkline.call.requested.v1", CallRequested.class),
    CALL_STATUS_CHANGED(Topics.CALL_STATUS, "trunkline.call.status.v1", CallStatusChanged.class),
    CDR_RECORDED(Topics.CDR_EVENTS, "trunkline.cdr.recorded.v1", CdrRecorded.class),
    BALANCE_CHANGED(Topics.BILLING_BALANCES, "trunkline.billing.balance.v1", BalanceChanged.class);

    private final String topic;
    private final String ceType;
    private final Class<? extends TrunklineEvent> recordType;

    EventType(String topic, String ceType, Class<? extends TrunklineEvent> recordType) {
        this.topic = topic;
        this.ceType = ceType;
        this.recordType = recordType;
    }

    public String topic() {
        return topic;
    }

    public String ceType() {
        return ceType;
    }

    public Class<? extends TrunklineEvent> recordType() {
        return recordType;
    }

    public static EventType of(TrunklineEvent event) {
        return ofRecord(event.getClass());
    }

    public static EventType ofRecord(Class<?> type) {
        return Arrays.stream(values()).filter(t -> t.recordType == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a Trunkline event: " + type.getName()));
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }
}
