package io.trunkline.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.TrunklineEvent;

/**
 * One Kafka poll handled in one database transaction, for consumers whose channel runs with {@code batch=true}: each
 * readable event goes to the handler inside the transaction (which de-duplicates with {@link Inbox}), and every record
 * is acknowledged only after the commit, so a crash mid-batch leaves the whole poll to be consumed again. An
 * unreadable record is nacked alone (the channel's dead-letter topic). If the batch's transaction fails, each event is
 * handled again in a transaction of its own, and one that still fails is nacked, so one bad event cannot hold up the
 * others. The saving is one commit (and one fsync) per poll instead of one per event.
 */
public final class EventBatches {
    private static final Logger LOG = Logger.getLogger(EventBatches.class);

    private EventBatches() {
    }

    public static <T extends TrunklineEvent> CompletionStage<Void> inOneTransaction(
            KafkaRecordBatch<String, String> batch, Class<T> type, Consumer<EventEnvelope<T>> handler) {
        return inOneTransactionAll(batch, type, envelopes -> envelopes.forEach(handler));
    }

    /**
     * As {@link #inOneTransaction}, but the handler takes the poll's readable events at once, in order, so that it can
     * read and write them with a few multi-row statements. When the batch fails, each event is handed over again alone
     * (a list of one) in a transaction of its own.
     */
    public static <T extends TrunklineEvent> CompletionStage<Void> inOneTransactionAll(
            KafkaRecordBatch<String, String> batch, Class<T> type, Consumer<List<EventEnvelope<T>>> handler) {
        List<CompletionStage<Void>> settled = new ArrayList<>();
        List<KafkaRecord<String, String>> readable = new ArrayList<>();
        List<EventEnvelope<T>> envelopes = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                envelopes.add(IncomingEvents.read(consumerRecord(record), type));
                readable.add(record);
            } catch (RuntimeException e) {
                LOG.errorf(e, "unreadable record (key %s) on %s-%d; sending it to the dead-letter topic",
                        record.getKey(), record.getTopic(), record.getPartition());
                settled.add(record.nack(e));
            }
        }
        if (!envelopes.isEmpty()) {
            boolean committed = false;
            try {
                QuarkusTransaction.requiringNew().run(() -> handler.accept(envelopes));
                committed = true;
            } catch (RuntimeException e) {
                LOG.warnf(e, "a batch of %d %s events failed; handling them one by one", envelopes.size(),
                        type.getSimpleName());
            }
            for (int i = 0; i < readable.size(); i++) {
                KafkaRecord<String, String> record = readable.get(i);
                if (committed) {
                    settled.add(record.ack());
                    continue;
                }
                EventEnvelope<T> env = envelopes.get(i);
                try {
                    QuarkusTransaction.requiringNew().run(() -> handler.accept(List.of(env)));
                    settled.add(record.ack());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "event %s (%s) could not be handled; sending it to the dead-letter topic",
                            env.headers().id(), type.getSimpleName());
                    settled.add(record.nack(e));
                }
            }
        }
        return CompletableFuture.allOf(settled.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    @SuppressWarnings("unchecked")
    static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> record) {
        return (ConsumerRecord<String, String>) record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("no Kafka metadata on an incoming record"))
                .getRecord();
    }
}
