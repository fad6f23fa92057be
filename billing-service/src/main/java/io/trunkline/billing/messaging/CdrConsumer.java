package io.trunkline.billing.messaging;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.billing.service.CdrBilling;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.EventEnvelope;
import io.trunkline.platform.messaging.IncomingEvents;

/**
 * Consumes {@code cdr.events} in batches (the channel runs with {@code batch=true}: one batch = one poll, at most
 * {@code max.poll.records}). The readable CDRs of a batch are billed in ONE transaction ({@link CdrBilling#handleBatch});
 * batches are handled concurrently on the {@link Channels#CDR_WORKERS} pool. Each record is acknowledged on its own,
 * only after the transaction that billed it committed.
 * <ul>
 * <li>An unreadable record is nacked on its own at once: the channel's dead-letter strategy sends it alone to
 * {@code cdr.events.dlq}; the rest of the batch goes on.</li>
 * <li>A batch transaction that fails for a transient reason (deadlock, lock wait timeout, a concurrent duplicate) is
 * retried as a whole a few times.</li>
 * <li>A batch that still fails (or fails for any other reason) falls back to one transaction per CDR
 * ({@link CdrBilling#handle}, retried the same way), so a CDR that cannot be billed goes alone to the DLQ and the
 * others are billed. A CDR is money and must not be parked for a lock conflict.</li>
 * </ul>
 */
@ApplicationScoped
public class CdrConsumer {
    private static final Logger LOG = Logger.getLogger(CdrConsumer.class);

    private final CdrBilling billing;
    private final BillingConfig.CdrRetry retry;

    public CdrConsumer(CdrBilling billing, BillingConfig config) {
        this.billing = billing;
        this.retry = config.cdrRetry();
    }

    @Incoming(Channels.CDR_EVENTS)
    @Blocking(value = Channels.CDR_WORKERS, ordered = false)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<CompletionStage<Void>> settled = new ArrayList<>();
        List<KafkaRecord<String, String>> readable = new ArrayList<>();
        List<EventEnvelope<CdrRecorded>> envelopes = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                envelopes.add(IncomingEvents.read(consumerRecord(record), CdrRecorded.class));
                readable.add(record);
            } catch (RuntimeException e) {
                LOG.errorf(e, "unreadable record (key %s) on %s-%d; sending it to the dead-letter topic", record.getKey(),
                        record.getTopic(), record.getPartition());
                settled.add(record.nack(e));
            }
        }
        if (!envelopes.isEmpty()) {
            boolean billed;
            try {
                withRetry("batch of " + envelopes.size() + " cdr(s)", () -> billing.handleBatch(envelopes));
                billed = true;
            } catch (RuntimeException e) {
                LOG.warnf("batch of %d cdr(s) failed (%s); billing them one by one", envelopes.size(), rootMessage(e));
                billed = false;
            }
            for (int i = 0; i < readable.size(); i++) {
                KafkaRecord<String, String> record = readable.get(i);
                if (billed) {
                    settled.add(record.ack());
                    continue;
                }
                EventEnvelope<CdrRecorded> env = envelopes.get(i);
                try {
                    CdrBilling.Outcome outcome = withRetry("cdr " + env.payload().cdrId(), () -> billing.handle(env));
                    LOG.debugf("cdr %s (event %s): %s", env.payload().cdrId(), env.headers().id(), outcome);
                    settled.add(record.ack());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "cdr %s (event %s) failed; sending it to the dead-letter topic",
                            env.payload().cdrId(), env.headers().id());
                    settled.add(record.nack(e));
                }
            }
        }
        return CompletableFuture.allOf(settled.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    /** Runs one transaction, again after a transient failure, at most {@code cdr-retry.attempts} times. */
    private <T> T withRetry(String what, Supplier<T> tx) {
        Duration wait = retry.backoff();
        for (int attempt = 1;; attempt++) {
            try {
                return tx.get();
            } catch (RuntimeException e) {
                if (attempt >= retry.attempts() || !isTransient(e)) {
                    LOG.infof("%s failed after %d attempt(s): %s", what, attempt, rootMessage(e));
                    throw e;
                }
                LOG.infof("%s: attempt %d failed (%s); retrying in %d ms", what, attempt, rootMessage(e),
                        wait.toMillis());
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> record) {
        return (ConsumerRecord<String, String>) record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("no Kafka metadata on an incoming record"))
                .getRecord();
    }

    /** Whether trying the same transaction again may succeed. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CdrBilling.ConcurrentDeliveryException || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof org.hibernate.PessimisticLockException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException) {
                return true;
            }
            // MySQL/MariaDB: 1213 deadlock, 1205 lock wait timeout; SQLSTATE 40001 serialization failure
            if (t instanceof SQLException s && (s.getErrorCode() == 1213 || s.getErrorCode() == 1205
                    || "40001".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", ie);
        }
    }
}
