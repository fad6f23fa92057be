package io.trunkline.events;

/** An event with its Kafka topic, key and CloudEvents headers: everything needed to publish or handle it. */
public record EventEnvelope<T extends TrunklineEvent>(String topic, String key, CloudEventHeaders headers, T payload) {

    public static <T extends TrunklineEvent> EventEnvelope<T> of(T payload, String source) {
        return new EventEnvelope<>(EventType.of(payload).topic(), payload.key(), CloudEventHeaders.forEvent(payload, source),
                payload);
    }
}
