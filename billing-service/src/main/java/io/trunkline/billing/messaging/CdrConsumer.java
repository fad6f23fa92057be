package io.trunkline.billing.messaging;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.billing.service.CdrBilling;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.EventEnvelope;
import io.trunkline.platform.messaging.IncomingEvents;

/**
 * Consumes {@code cdr.events}. Each CDR is handled in one transaction ({@link CdrBilling#handle}); CDRs of the
 * same or different tenants are handled concurrently on the {@link Channels#CDR_WORKERS} pool. A transaction that
 * fails for a transient reason (deadlock, lock wait timeout, a concurrent duplicate) is retried as a whole a few
 * times before the record goes to {@code cdr.events.dlq}: a CDR is money and must not be parked for a lock conflict.
 * An unreadable record goes to the DLQ at once.
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
    public void consume(ConsumerRecord<String, String> record) {
        EventEnvelope<CdrRecorded> env = IncomingEvents.read(record, CdrRecorded.class);
        Duration wait = retry.backoff();
        for (int attempt = 1;; attempt++) {
            try {
                CdrBilling.Outcome outcome = billing.handle(env);
                LOG.debugf("cdr %s (event %s): %s", env.payload().cdrId(), env.headers().id(), outcome);
                return;
            } catch (RuntimeException e) {
                if (attempt >= retry.attempts() || !isTransient(e)) {
                    LOG.errorf(e, "cdr %s (event %s) failed after %d attempt(s); sending it to the dead-letter topic",
                            env.payload().cdrId(), env.headers().id(), attempt);
                    throw e;
                }
                LOG.infof("cdr %s: attempt %d failed (%s); retrying in %d ms", env.payload().cdrId(), attempt,
                        rootMessage(e), wait.toMillis());
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    /** Whether trying the same transaction again may succeed. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
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
            throw new IllegalStateException("interrupted while retrying a CDR", ie);
        }
    }
}
