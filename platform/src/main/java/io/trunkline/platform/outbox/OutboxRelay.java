package io.trunkline.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.events.CloudEventHeaders;
import io.trunkline.platform.config.PlatformConfig;

/**
 * Sends committed outbox events to Kafka with an idempotent producer ({@code acks=all}) and marks them published
 * only after the broker acknowledged them. At-least-once: a crash between ack and mark re-sends the batch, and
 * consumers drop the repeat by {@code ce_id}.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final PlatformConfig config;
    private final Counter published;
    private final Counter failures;
    private final Semaphore signal = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaProducer<String, String> producer;
    private Thread worker;
    private Instant lastPurge = Instant.EPOCH;

    public OutboxRelay(OutboxRepository repository, PlatformConfig config, MeterRegistry registry) {
        this.repository = repository;
        this.config = config;
        this.published = registry.counter("trunkline.outbox.published");
        this.failures = registry.counter("trunkline.outbox.failures");
        registry.gauge("trunkline.outbox.pending", this, r -> r.pendingOrNaN());
    }

    void start(@Observes StartupEvent event) {
        if (!config.outbox().enabled()) {
            return;
        }
        running.set(true);
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        signal.release();
        if (worker != null) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a transaction that wrote to the outbox commits, so events leave without waiting for a poll. */
    public void wake() {
        signal.release();
    }

    private void loop() {
        Duration backoff = config.outbox().pollInterval();
        while (running.get()) {
            try {
                signal.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                // a short batch means it is caught up: events committed meanwhile woke it again (a permit), so it
                // polls once more only then, not once per batch to find nothing
                int sent;
                do {
                    sent = relayBatch();
                } while (sent >= config.outbox().batchSize() && running.get());
                purgeOld();
                backoff = config.outbox().pollInterval();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                LOG.warnf("outbox relay: %s; retrying", e.toString());
                resetProducer();
                backoff = Duration.ofMillis(Math.min(backoff.toMillis() * 2, 5_000));
            }
        }
    }

    /** One batch in one transaction: lock, send, wait for acks, mark. Returns how many were sent. */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxRecord> batch = repository.lockPending(config.outbox().batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            KafkaProducer<String, String> p = producer();
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (OutboxRecord r : batch) {
                acks.add(p.send(toRecord(r)));
            }
            p.flush();
            for (int i = 0; i < batch.size(); i++) {
                try {
                    acks.get(i).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("broker did not acknowledge event " + batch.get(i).eventId, e);
                }
            }
            repository.markPublished(batch, Instant.now());
            published.increment(batch.size());
            return batch.size();
        });
    }

    private void purgeOld() {
        Instant now = Instant.now();
        if (Duration.between(lastPurge, now).toMinutes() < 10) {
            return;
        }
        lastPurge = now;
        QuarkusTransaction.requiringNew().run(() -> {
            repository.purgePublishedBefore(now.minus(config.outbox().retention()));
            repository.purgeProcessedBefore(now.minus(config.inbox().retention()));
        });
    }

    private ProducerRecord<String, String> toRecord(OutboxRecord r) {
        ProducerRecord<String, String> record = new ProducerRecord<>(r.topic, r.recordKey, r.payload);
        add(record, CloudEventHeaders.CE_SPECVERSION, CloudEventHeaders.SPEC_VERSION);
        add(record, CloudEventHeaders.CE_ID, r.eventId);
        add(record, CloudEventHeaders.CE_TYPE, r.ceType);
        add(record, CloudEventHeaders.CE_SOURCE, r.ceSource);
        add(record, CloudEventHeaders.CE_TIME, r.ceTime);
        add(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (r.tenantId != null) {
            add(record, CloudEventHeaders.TENANT_ID, r.tenantId);
        }
        return record;
    }

    private static void add(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-" + config.serviceName());
            p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
            producer = p;
        }
        return p;
    }

    private void resetProducer() {
        KafkaProducer<String, String> p = producer;
        producer = null;
        if (p != null) {
            p.close(Duration.ofSeconds(1));
        }
    }

    private double pendingOrNaN() {
        try {
            return QuarkusTransaction.requiringNew().call(repository::countPending);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
