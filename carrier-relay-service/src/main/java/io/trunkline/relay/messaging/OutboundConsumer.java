package io.trunkline.relay.messaging;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.platform.messaging.EventBatches;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.tx.AfterCommit;
import io.trunkline.relay.service.CarrierLinks;
import io.trunkline.relay.service.SubmitService;

/**
 * Takes the messages routed {@code smpp:<carrier>} or {@code http:<carrier>} for a configured carrier (and
 * {@code email[:address]}) from {@code sms.outbound} into that carrier's send queue, once per event ({@code ce_id})
 * and once per message id.
 * <p>
 * The channel runs with {@code batch=true}: one poll (at most {@code max.poll.records}) is queued in ONE transaction
 * ({@link EventBatches}: inbox rows and queue rows), and each record is acknowledged only after that commit, so a
 * crash mid-batch leaves the whole batch uncommitted and unacknowledged: it is consumed again and the inbox and the
 * message id keep every message queued (hence sent) once. An unreadable record is nacked alone (dead-letter topic); a
 * batch whose transaction fails is queued again one record per transaction, so one bad record cannot hold up the
 * others. The queue rows of a transaction are written together just before it commits (one multi-row INSERT,
 * {@link SubmitService#enqueueAtCommit}); each carrier's senders are woken once after the commit.
 */
@ApplicationScoped
public class OutboundConsumer {
    private static final Logger LOG = Logger.getLogger(OutboundConsumer.class);
    private static final String PREFIX = Channels.ROUTE + ":";
    /** The transaction's resource key for the carriers already woken after its commit. */
    private static final Object WOKEN = new Object();

    private final SubmitService submits;
    private final CarrierLinks carriers;
    private final Inbox inbox;
    private final TransactionSynchronizationRegistry transactions;

    public OutboundConsumer(SubmitService submits, CarrierLinks carriers, Inbox inbox,
            TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.submits = submits;
        this.carriers = carriers;
        this.inbox = inbox;
    }

    @Incoming(Channels.SMS_OUTBOUND)
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return EventBatches.inOneTransactionAll(batch, SmsAccepted.class, envelopes -> {
            Map<EventEnvelope<SmsAccepted>, String> ours = new IdentityHashMap<>();
            for (EventEnvelope<SmsAccepted> env : envelopes) {
                String carrier = carrierOf(env.payload());
                if (carrier != null) {
                    ours.put(env, carrier);
                }
            }
            List<EventEnvelope<SmsAccepted>> mine = envelopes.stream().filter(ours::containsKey).toList();
            // the poll's inbox marks in two statements (Inbox.firstDeliveries), not one per event
            for (EventEnvelope<SmsAccepted> env : inbox.firstDelivered(mine)) {
                String carrier = ours.get(env);
                // written with the rest of the poll at commit (one multi-row insert); a message id queued before
                // keeps its row, so a republished message is still queued (and sent) once
                submits.enqueueAtCommit(env.payload(), carrier);
                if (firstInTransaction(carrier)) {
                    AfterCommit.run(transactions, () -> carriers.wake(carrier)); // the senders find the rows
                }
            }
        });
    }

    /** True the first time a carrier is named in the current transaction: its senders are woken once per commit. */
    private boolean firstInTransaction(String carrier) {
        @SuppressWarnings("unchecked")
        java.util.Set<String> named = (java.util.Set<String>) transactions.getResource(WOKEN);
        if (named == null) {
            named = new java.util.HashSet<>();
            transactions.putResource(WOKEN, named);
        }
        return named.add(carrier);
    }

    /** The carrier queue this message belongs to here, or null when it is not the relay's. */
    private String carrierOf(SmsAccepted sms) {
        if (Channels.EMAIL.equals(sms.channel())) {
            return io.trunkline.relay.email.EmailSender.CARRIER;
        }
        boolean smpp = Channels.ROUTE.equals(sms.channel());
        if (!smpp && !Channels.HTTP.equals(sms.channel())) {
            return null;
        }
        String prefix = smpp ? PREFIX : Channels.HTTP + ":";
        String carrier = sms.route().startsWith(prefix) ? sms.route().substring(prefix.length()) : "";
        if (smpp ? !carriers.configured(carrier) : !carriers.configuredHttp(carrier)) {
            LOG.warnf("%s: route %s names no carrier configured here; left alone", sms.messageId(), sms.route());
            return null;
        }
        return carrier;
    }
}
