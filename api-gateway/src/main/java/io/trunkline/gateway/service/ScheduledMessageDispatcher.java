package io.trunkline.gateway.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.config.MessageLifecycleConfig;
import io.trunkline.gateway.repository.MessageRepository;

/**
 * Sends scheduled messages when they are due. Each batch is claimed with {@code FOR UPDATE SKIP LOCKED} and dispatched
 * (queued + {@code SmsAccepted} through the outbox, or expired) in the claiming transaction, so several gateway
 * instances never send one message twice, and a cancel holding the row is never overtaken.
 */
@ApplicationScoped
public class ScheduledMessageDispatcher {
    private static final Logger LOG = Logger.getLogger(ScheduledMessageDispatcher.class);
    /** Batches per run, so that one run cannot hold the scheduler thread indefinitely under a backlog. */
    static final int MAX_BATCHES_PER_RUN = 50;

    private final MessageRepository messages;
    private final MessageService service;
    private final MessageLifecycleConfig config;

    public ScheduledMessageDispatcher(MessageRepository messages, MessageService service,
            MessageLifecycleConfig config) {
        this.messages = messages;
        this.service = service;
        this.config = config;
    }

    @Scheduled(identity = "scheduled-message-dispatcher", every = "${trunkline.gateway.messages.dispatch-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.dispatchEnabled()) {
            return;
        }
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            // the claimed rows were rolled back and stay scheduled: the next run takes them again
            LOG.warnf("dispatching scheduled messages failed: %s; retrying on the next run", e.toString());
        }
    }

    /** Dispatches what is due now, batch by batch, each in its own transaction; returns how many were handled. */
    public int dispatchDue() {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int n = QuarkusTransaction.requiringNew().call(() -> dispatchBatch(Clocks.now()));
            total += n;
            if (n < config.dispatchBatchSize()) {
                break;
            }
        }
        return total;
    }

    /** Claims and dispatches one batch in the caller's transaction; returns its size. */
    public int dispatchBatch(Instant now) {
        List<SmsMessage> due = messages.claimDue(now, config.dispatchBatchSize());
        for (SmsMessage m : due) {
            service.dispatch(m, now);
        }
        return due.size();
    }
}
