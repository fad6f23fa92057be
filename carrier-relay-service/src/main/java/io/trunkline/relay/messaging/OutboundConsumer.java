package io.trunkline.relay.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.messaging.IncomingEvents;
import io.trunkline.relay.service.CarrierLinks;
import io.trunkline.relay.service.SubmitService;

/**
 * Takes the messages routed {@code smpp:<carrier>} or {@code http:<carrier>} for a configured carrier (and
 * {@code email[:address]}) from {@code sms.outbound} into that carrier's send queue, once per event ({@code ce_id})
 * and once per message id.
 * <p>
 * The channel runs with {@code batch=true}: one poll (at most {@code max.poll.records}) is queued in ONE transaction
 * (inbox rows and queue rows), and each record is acknowledged only after that commit, so a crash mid-batch leaves
 * the whole batch uncommitted and unacknowledged: it is consumed again and the inbox and the message id keep every
 * message queued (hence sent) once. An unreadable record is nacked alone (dead-letter topic); a batch whose
 * transaction fails is queued again one record per transaction, so one bad record cannot hold up the others.
 */
@ApplicationScoped
public class OutboundConsumer {
    private static final Logger LOG = Logger.getLogger(OutboundConsumer.class);
    private static final String PREFIX = Channels.ROUTE + ":";

    private final SubmitService submits;
    private final CarrierLinks carriers;
    private final Inbox inbox;

    public OutboundConsumer(SubmitService submits, CarrierLinks carriers, Inbox inbox) {
        this.submits = submits;
        this.carriers = carriers;
        this.inbox = inbox;
    }

    @Incoming(Channels.SMS_OUTBOUND)
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<CompletionStage<Void>> settled = new ArrayList<>();
        List<KafkaRecord<String, String>> readable = new ArrayList<>();
        List<EventEnvelope<SmsAccepted>> envelopes = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                envelopes.add(IncomingEvents.read(consumerRecord(record), SmsAccepted.class));
                readable.add(record);
            } catch (RuntimeException e) {
                LOG.errorf(e, "unreadable record (key %s) on %s-%d; sending it to the dead-letter topic",
                        record.getKey(), record.getTopic(), record.getPartition());
                settled.add(record.nack(e));
            }
        }
        if (!envelopes.isEmpty()) {
            Set<String> woken = null;
            try {
                woken = QuarkusTransaction.requiringNew().call(() -> queueAll(envelopes));
            } catch (RuntimeException e) {
                LOG.warnf(e, "queueing a batch of %d failed; queueing them one by one", envelopes.size());
            }
            for (int i = 0; i < readable.size(); i++) {
                KafkaRecord<String, String> record = readable.get(i);
                if (woken != null) {
                    settled.add(record.ack());
                    continue;
                }
                EventEnvelope<SmsAccepted> env = envelopes.get(i);
                try {
                    QuarkusTransaction.requiringNew().call(() -> queueAll(List.of(env))).forEach(carriers::wake);
                    settled.add(record.ack());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "%s (event %s) could not be queued; sending it to the dead-letter topic",
                            env.payload().messageId(), env.headers().id());
                    settled.add(record.nack(e));
                }
            }
            if (woken != null) {
                woken.forEach(carriers::wake); // after the commit: the senders find the rows
            }
        }
        return CompletableFuture.allOf(settled.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new));
    }

    /** Queues the batch in the caller's transaction; returns the carriers that got new messages. */
    private Set<String> queueAll(List<EventEnvelope<SmsAccepted>> envelopes) {
        Set<String> queued = new TreeSet<>();
        for (EventEnvelope<SmsAccepted> env : envelopes) {
            String carrier = carrierOf(env.payload());
            if (carrier != null && queue(env, env.payload(), carrier)) {
                queued.add(carrier);
            }
        }
        return queued;
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

    private boolean queue(EventEnvelope<SmsAccepted> env, SmsAccepted sms, String carrier) {
        if (!inbox.firstDelivery(env.headers().id())) {
            return false;
        }
        if (!submits.enqueue(sms, carrier)) {
            LOG.debugf("%s: already queued or sent; the repeat (ce_id %s) is ignored", sms.messageId(),
                    env.headers().id());
            return false;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> record) {
        return (ConsumerRecord<String, String>) record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("no Kafka metadata on an incoming record"))
                .getRecord();
    }
}
