package io.trunkline.platform.messaging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.trunkline.events.EventCodec;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.InvalidEventException;
import io.trunkline.events.TrunklineEvent;

/** Reads a consumed Kafka record into an event envelope. */
public final class IncomingEvents {
    private IncomingEvents() {
    }

    public static EventEnvelope<TrunklineEvent> read(ConsumerRecord<String, String> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value());
        }
        return EventCodec.read(record.topic(), record.key(), headers, record.value());
    }

    /** Reads and checks the payload type; anything else is an invalid event (and goes to the DLQ). */
    public static <T extends TrunklineEvent> EventEnvelope<T> read(ConsumerRecord<String, String> record, Class<T> type) {
        EventEnvelope<TrunklineEvent> env = read(record);
        if (!type.isInstance(env.payload())) {
            throw new InvalidEventException("expected " + type.getSimpleName() + " on " + record.topic() + ", got "
                    + env.payload().getClass().getSimpleName());
        }
        @SuppressWarnings("unchecked")
        EventEnvelope<T> typed = (EventEnvelope<T>) (EventEnvelope<?>) env;
        return typed;
    }
}
