package io.trunkline.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

class EventRoundTripTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventSurvivesKafkaRoundTrip(EventType type) {
        TrunklineEvent event = EventSamples.BY_TYPE.get(type);
        EventEnvelope<TrunklineEvent> out = EventEnvelope.of(event, "/trunkline/test");

        assertEquals(type.topic(), out.topic());
        assertEquals(event.key(), out.key());

        String body = EventCodec.toJson(event);
        EventEnvelope<TrunklineEvent> in = EventCodec.read(out.topic(), out.key(), out.headers().toKafkaHeaders(), body);

        assertEquals(event, in.payload());
        assertEquals(out.headers(), in.headers());
        assertEquals(type.ceType(), in.headers().type());
        assertEquals(event.tenantId(), in.headers().tenantId());
    }

    @Test
    void everyTopicHasExactlyOneEventType() {
        for (String topic : Topics.ALL) {
            long n = java.util.Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic)).count();
            assertEquals(1, n, topic);
        }
        assertEquals(EventType.values().length, EventSamples.BY_TYPE.size());
    }

    @Test
    void moneyTravelsAsDecimalStringsAndDerivedValuesStayOutOfTheJson() throws Exception {
        JsonNode json = EventCodec.mapper().readTree(EventCodec.toJson(EventSamples.BY_TYPE.get(EventType.BALANCE_CHANGED)));
        assertTrue(json.get("balance").isTextual());
        assertEquals("99.9600", json.get("balance").asText());
        assertFalse(json.has("available"));
        assertFalse(json.has("key"));

        JsonNode sms = EventCodec.mapper().readTree(EventCodec.toJson(EventSamples.BY_TYPE.get(EventType.SMS_ACCEPTED)));
        assertFalse(sms.has("channel"));
        assertEquals("2026-11-26T02:30:15.123Z", sms.get("acceptedAt").asText());
    }

    @Test
    void eachEventGetsItsOwnId() {
        TrunklineEvent event = EventSamples.BY_TYPE.get(EventType.SMS_ACCEPTED);
        assertNotEquals(CloudEventHeaders.forEvent(event, "/a").id(), CloudEventHeaders.forEvent(event, "/a").id());
    }

    @Test
    void missingRequiredFieldIsRefusedNamingTheField() {
        String json = "{\"messageId\":\"m\",\"tenantId\":\"t\",\"status\":\"SENT\",\"occurredAt\":\"2026-11-26T00:00:00Z\"}";
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventCodec.fromJson(json, SmsStatusChanged.class));
        assertTrue(e.getMessage().contains("channel"), e.getMessage());
    }

    @Test
    void badJsonUnknownTypeAndWrongTopicAreRefused() {
        TrunklineEvent event = EventSamples.BY_TYPE.get(EventType.SMS_STATUS_CHANGED);
        Map<String, byte[]> headers = new HashMap<>(CloudEventHeaders.forEvent(event, "/x").toKafkaHeaders());

        assertThrows(InvalidEventException.class, () -> EventCodec.read(Topics.SMS_STATUS, "k", headers, "{not json"));
        assertThrows(InvalidEventException.class,
                () -> EventCodec.read(Topics.SMS_OUTBOUND, "k", headers, EventCodec.toJson(event)));

        headers.put(CloudEventHeaders.CE_TYPE, "trunkline.nope.v1".getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidEventException.class, () -> EventCodec.read(Topics.SMS_STATUS, "k", headers, EventCodec.toJson(event)));

        headers.remove(CloudEventHeaders.CE_ID);
        InvalidEventException missing = assertThrows(InvalidEventException.class,
                () -> CloudEventHeaders.fromKafkaHeaders(headers));
        assertTrue(missing.getMessage().contains("ce_id"));
    }

    @Test
    void unknownFieldsFromNewerProducersAreIgnored() {
        String json = EventCodec.toJson(EventSamples.BY_TYPE.get(EventType.CALL_STATUS_CHANGED));
        String newer = json.substring(0, json.length() - 1) + ",\"addedLater\":1}";
        assertEquals(EventSamples.BY_TYPE.get(EventType.CALL_STATUS_CHANGED),
                EventCodec.fromJson(newer, CallStatusChanged.class));
    }

    @Test
    void aCdrFromAnOlderProducerHasNoBuyCost() throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) EventCodec.mapper()
                .readTree(EventCodec.toJson(EventSamples.BY_TYPE.get(EventType.CDR_RECORDED)));
        assertEquals(0, new java.math.BigDecimal("0.0120").compareTo(new java.math.BigDecimal(json.get("buyCost").asText())));
        json.remove("buyCost");
        json.remove("buyCurrency");
        CdrRecorded older = EventCodec.fromJson(json.toString(), CdrRecorded.class);
        assertEquals(null, older.buyCost());
        assertEquals(null, older.buyCurrency());
        assertEquals("cdr-msg-01", older.cdrId());
    }
}
