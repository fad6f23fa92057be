package io.trunkline.gsm.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.gsm.QueuedMessage;
import io.trunkline.gsm.repository.QueuedMessageRepository;
import io.trunkline.gsm.service.ModemPool;
import io.trunkline.platform.messaging.IncomingEvents;
import io.trunkline.platform.messaging.Inbox;

/** Takes the messages routed to GSM from {@code sms.outbound} into the modem pool's send queue. */
@ApplicationScoped
public class OutboundConsumer {
    private static final Logger LOG = Logger.getLogger(OutboundConsumer.class);

    private final QueuedMessageRepository queue;
    private final Inbox inbox;
    private final ModemPool pool;

    public OutboundConsumer(QueuedMessageRepository queue, Inbox inbox, ModemPool pool) {
        this.queue = queue;
        this.inbox = inbox;
        this.pool = pool;
    }

    @Incoming(Channels.SMS_OUTBOUND)
    @Blocking(ordered = false)
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        EventEnvelope<SmsAccepted> env = IncomingEvents.read(record, SmsAccepted.class);
        SmsAccepted sms = env.payload();
        if (!Channels.ROUTE.equals(sms.channel()) || !inbox.firstDelivery(env.headers().id())) {
            return;
        }
        if (queue.findById(sms.messageId()) != null) {
            return; // the same message re-published under a new ce_id: it is already queued
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
        pool.wakeAll();
    }
}
