package io.trunkline.relay.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.messaging.IncomingEvents;
import io.trunkline.relay.service.CarrierLinks;
import io.trunkline.relay.service.SubmitService;

/**
 * Takes the messages routed {@code smpp:<carrier>} or {@code http:<carrier>} for a configured carrier from {@code sms.outbound} into that
 * carrier's send queue, once per event ({@code ce_id}) and once per message id.
 */
@ApplicationScoped
public class OutboundConsumer {
    private static final Logger LOG = Logger.getLogger(OutboundConsumer.class);
    private static final String PREFIX = Channels.ROUTE + ":";

    private final SubmitService submits;
    private final CarrierLinks carriers;
    private final Inbox inbox;
    private final TransactionSynchronizationRegistry transactions;

    public OutboundConsumer(SubmitService submits, CarrierLinks carriers, Inbox inbox,
            TransactionSynchronizationRegistry transactions) {
        this.submits = submits;
        this.carriers = carriers;
        this.inbox = inbox;
        this.transactions = transactions;
    }

    @Incoming(Channels.SMS_OUTBOUND)
    @Blocking(ordered = false)
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        EventEnvelope<SmsAccepted> env = IncomingEvents.read(record, SmsAccepted.class);
        SmsAccepted sms = env.payload();
        boolean smpp = Channels.ROUTE.equals(sms.channel());
        if (Channels.EMAIL.equals(sms.channel())) {
            queue(env, sms, io.trunkline.relay.email.EmailSender.CARRIER);
            return;
        }
        if (!smpp && !Channels.HTTP.equals(sms.channel())) {
            return;
        }
        String prefix = smpp ? PREFIX : Channels.HTTP + ":";
        String carrier = sms.route().startsWith(prefix) ? sms.route().substring(prefix.length()) : "";
        if (smpp ? !carriers.configured(carrier) : !carriers.configuredHttp(carrier)) {
            LOG.warnf("%s: route %s names no carrier configured here; left alone", sms.messageId(), sms.route());
            return;
        }
        queue(env, sms, carrier);
    }

    private void queue(EventEnvelope<SmsAccepted> env, SmsAccepted sms, String carrier) {
        if (!inbox.firstDelivery(env.headers().id())) {
            return;
        }
        if (!submits.enqueue(sms, carrier)) {
            LOG.debugf("%s: already queued or sent; the repeat (ce_id %s) is ignored", sms.messageId(),
                    env.headers().id());
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    carriers.wake(carrier);
                }
            }
        });
    }
}
