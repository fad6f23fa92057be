package io.trunkline.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.trunkline.events.CloudEventHeaders;
import io.trunkline.events.EventCodec;
import io.trunkline.events.EventType;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.TrunklineEvent;

/** Publish events to and read events from the real broker, as a test's other party. */
public final class TestTopics {
    private TestTopics() {
    }

    /** Publishes an event with fresh CloudEvents headers; returns the envelope (its {@code ce_id}). */
    public static EventEnvelope<TrunklineEvent> publish(String bootstrap, TrunklineEvent event) {
        EventEnvelope<TrunklineEvent> env = EventEnvelope.of(event, "/trunkline/test");
        publish(bootstrap, env);
        return env;
    }

    /** Publishes exactly this envelope (same {@code ce_id}: a redelivery). */
    public static void publish(String bootstrap, EventEnvelope<? extends TrunklineEvent> env) {
        publishRaw(bootstrap, env.topic(), env.key(), env.headers().toKafkaHeaders(), EventCodec.toJson(env.payload()));
    }

    /**
     * Publishes these envelopes with one producer, in order, and flushes once: they reach the broker together, so a
     * batch consumer usually gets them in one poll.
     */
    public static void publishAll(String bootstrap, List<? extends EventEnvelope<? extends TrunklineEvent>> envelopes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (EventEnvelope<? extends TrunklineEvent> env : envelopes) {
                ProducerRecord<String, String> record = new ProducerRecord<>(env.topic(), env.key(),
                        EventCodec.toJson(env.payload()));
                env.headers().toKafkaHeaders().forEach((k, v) -> record.headers().add(k, v));
                sent.add(producer.send(record));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + envelopes.size() + " events", e);
        }
    }

    public static void publishRaw(String bootstrap, String topic, String key, Map<String, byte[]> headers, String body) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, body);
            headers.forEach((k, v) -> record.headers().add(k, v));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** Reads the topic from the beginning until {@code match} accepts an event or the timeout passes. */
    public static <T extends TrunklineEvent> List<EventEnvelope<T>> await(String bootstrap, String topic, Class<T> type,
            Predicate<T> match, Duration timeout) {
        List<EventEnvelope<T>> seen = new ArrayList<>();
        ConsumerRecord<String, String> found = firstMatch(bootstrap, topic, r -> {
            Map<String, byte[]> headers = new HashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value());
            }
            EventEnvelope<TrunklineEvent> env = EventCodec.read(r.topic(), r.key(), headers, r.value());
            if (!type.isInstance(env.payload())) {
                return false;
            }
            @SuppressWarnings("unchecked")
            EventEnvelope<T> typed = (EventEnvelope<T>) (EventEnvelope<?>) env;
            seen.add(typed);
            return match.test(typed.payload());
        }, timeout);
        if (found == null) {
            throw new AssertionError("no matching " + type.getSimpleName() + " on " + topic + " within " + timeout
                    + "; saw " + seen.size() + ": " + seen.stream().map(e -> e.payload().toString()).toList());
        }
        return seen;
    }

    public static String header(Map<String, byte[]> headers, String name) {
        byte[] v = headers.get(name);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /**
     * Publishes a record that a consumer must refuse: valid CloudEvents headers for {@code type}, keyed and
     * identified by a fresh id, but a body without the event's required fields. Returns the id.
     */
    public static String publishUnreadable(String bootstrap, EventType type) {
        String id = UUID.randomUUID().toString();
        Map<String, byte[]> headers = new CloudEventHeaders(id, type.ceType(), "/trunkline/test", Instant.now(), null)
                .toKafkaHeaders();
        publishRaw(bootstrap, type.topic(), id, headers, "{\"unreadable\":\"" + id + "\"}");
        return id;
    }

    /** Waits until the record keyed {@code key} arrives on {@code topic}'s dead-letter topic. */
    public static ConsumerRecord<String, String> awaitDeadLettered(String bootstrap, String topic, String key,
            Duration timeout) {
        return awaitRaw(bootstrap, io.trunkline.events.Topics.dlq(topic), r -> key.equals(r.key()), timeout);
    }

    /** Reads raw records (e.g. a DLQ, whose bodies may not be valid events) until one matches. */
    public static ConsumerRecord<String, String> awaitRaw(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        ConsumerRecord<String, String> found = firstMatch(bootstrap, topic, match, timeout);
        if (found == null) {
            throw new AssertionError("no matching record on " + topic + " within " + timeout);
        }
        return found;
    }

    /** Reads the topic from the beginning with a fresh group; the first record {@code match} accepts, or null. */
    private static ConsumerRecord<String, String> firstMatch(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Instant end = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (Instant.now().isBefore(end)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(r)) {
                        return r;
                    }
                }
            }
        }
        return null;
    }
}
