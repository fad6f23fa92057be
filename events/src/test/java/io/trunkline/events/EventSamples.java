package io.trunkline.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic instance of each event, for round-trip tests. */
final class EventSamples {
    static final Instant T = Instant.parse("2026-11-26T02:30:15.123Z");

    static final Map<EventType, TrunklineEvent> BY_TYPE = Map.of(
            EventType.SMS_ACCEPTED, new SmsAccepted("msg-01", "tenant-a", "Trunkline", "+61412345678", "Hey Jude €",
                    SmsEncoding.GSM7, 1, "smpp:sandbox", true, T.plusSeconds(3600), "order-77", T),
            EventType.SMS_RECEIVED, new SmsReceived("in-01", null, "+27821234567", "+27831000000", "BG 7.2 after lunch",
                    SmsEncoding.GSM7, 1, "gsm", "port-2/17", T),
            EventType.SMS_STATUS_CHANGED, new SmsStatusChanged("msg-01", "tenant-a", SmsStatus.DELIVERED, "smpp",
                    "0A1B2C", "000", "DELIVRD", T),
            EventType.CALL_REQUESTED, new CallRequested("call-01", "tenant-a", CallKind.SMS_TO_CALL, List.of("+27115550001"),
                    List.of("+27821234567"), "+27115550000", null, null, null, "bankX homeloan", "https://t.example/cb",
                    T.plusSeconds(300), T),
            EventType.CALL_STATUS_CHANGED, new CallStatusChanged("call-01", "tenant-a", CallStatus.BRIDGED, "+27821234567",
                    null, T),
            EventType.CDR_RECORDED, new CdrRecorded("cdr-msg-01", "tenant-a", CdrService.SMS_OUT, "msg-01", "Trunkline",
                    "+61412345678", 2, 0, T, null, T.plusMillis(250), "smpp", "sandbox", true, null,
                    new BigDecimal("0.0120"), "USD"),
            EventType.BALANCE_CHANGED, new BalanceChanged("tenant-a", "USD", new BigDecimal("99.9600"),
                    new BigDecimal("0.0000"), true, false, 42, "cdr cdr-msg-01", T));

    private EventSamples() {
    }
}
