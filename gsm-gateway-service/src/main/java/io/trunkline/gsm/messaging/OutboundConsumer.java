package io.trunkline.gsm.messaging;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.gsm.QueuedMessage;
import io.trunkline.gsm.repository.QueuedMessageRepository;
import io.trunkline.gsm.service.ModemPool;
import io.trunkline.platform.messaging.EventBatches;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.tx.AfterCommit;

/**
 * Takes the messages routed to GSM from {@code sms.outbound} into the modem pool's send queue, once per event
 * ({@code ce_id}) and once per message id.
 * <p>
 * Every message the gateway accepts passes here, and most are routed elsewhere: the channel runs with
 * {@code batch=true} and a poll is handled in one transaction ({@link EventBatches}), whose inbox marks and queue rows
 * are only those of the GSM messages in it. One transaction per record cost the gsm-gateway a tenth of a core at 300
 * messages/s in the gateway benchmark while it queued none of them. A batch whose transaction fails is handled again
 * one record per transaction; an unreadable record goes to the dead-letter topic alone.
 */
@ApplicationScoped
public class OutboundConsumer {
    private static final Logger LOG = Logger.getLogger(OutboundConsumer.class);

    private final QueuedMessageRepository queue;
    private final Inbox inbox;
    private final ModemPool pool;
    private final TransactionSynchronizationRegistry transactions;

    public OutboundConsumer(QueuedMessageRepository queue, Inbox inbox, ModemPool pool,
            TransactionSynchronizationRegistry transactions) {
        this.queue = queue;
        this.inbox = inbox;
        this.pool = pool;
        this.transactions = transactions;
    }

    @Incoming(Channels.SMS_OUTBOUND)
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return EventBatches.inOneTransactionAll(batch, SmsAccepted.class, envelopes -> {
            List<EventEnvelope<SmsAccepted>> gsm = envelopes.stream()
                    .filter(env -> Channels.ROUTE.equals(env.payload().channel())).toList();
            if (gsm.isEmpty()) {
                return;
            }
            int queued = 0;
            for (EventEnvelope<SmsAccepted> env : inbox.firstDelivered(gsm)) {
                queued += queue(env.payload()) ? 1 : 0;
            }
            if (queued > 0) {
                AfterCommit.run(transactions, pool::wakeAll); // the modems find the rows once they are committed
            }
        });
    }

    private boolean queue(SmsAccepted sms) {
        if (queue.findById(sms.messageId()) != null) {
            return false; // the same message re-published under a new ce_id: it is already queued
        }
        QueuedMessage m = new QueuedMessage();
        m.messageId = sms.messageId();
        m.tenantId = sms.tenantId();
        m.sender = sms.from();
        m.destination = sms.to();
        m.body = sms.text();
        m.encoding = sms.encoding().name();
        m.segments = sms.segments();
        m.state = QueuedMessage.State.QUEUED;
        m.deliveryReport = sms.deliveryReport();
        m.validUntil = sms.validUntil();
        m.port = pool.stickyPortFor(sms.to());
        m.acceptedAt = sms.acceptedAt();
        m.queuedAt = Instant.now();
        queue.persist(m);
        LOG.debugf("queued %s for the modem pool%s", sms.messageId(), m.port == null ? "" : " (kept for " + m.port + ")");
        return true;
    }
}
