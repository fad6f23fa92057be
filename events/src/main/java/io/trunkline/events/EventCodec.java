package io.trunkline.events;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * JSON (de)serialisation of event payloads. Unknown fields are ignored so that a producer may add a field
 * before every consumer knows it; a missing required field is refused by the record's own constructor.
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new ParameterNamesModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventCodec() {
    }

    public static String toJson(TrunklineEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    public static <T extends TrunklineEvent> T fromJson(String json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new InvalidEventException("empty " + type.getSimpleName());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("invalid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a record from Kafka: the headers say which event it is, the body holds it. */
    public static EventEnvelope<TrunklineEvent> read(String topic, String key, Map<String, byte[]> headers, String body) {
        CloudEventHeaders ce = CloudEventHeaders.fromKafkaHeaders(headers);
        EventType type = EventType.ofCeType(ce.type())
                .orElseThrow(() -> new InvalidEventException("unknown " + CloudEventHeaders.CE_TYPE + " " + ce.type()));
        if (!type.topic().equals(topic)) {
            throw new InvalidEventException(ce.type() + " does not belong on topic " + topic);
        }
        if (body == null) {
            throw new InvalidEventException("record without a body");
        }
        return new EventEnvelope<>(topic, key, ce, fromJson(body, type.recordType()));
    }

    /** The configured mapper, for code that must share exactly these settings. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
