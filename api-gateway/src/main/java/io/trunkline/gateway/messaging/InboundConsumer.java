package io.trunkline.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsReceived;
import io.trunkline.gateway.service.InboundService;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.messaging.IncomingEvents;

/**
 * Received messages ({@code sms.inbound}): each handled once by {@code ce_id}, in one transaction with everything it
 * causes (the stored message, replies, votes, call requests, webhooks); an unreadable record goes to
 * {@code sms.inbound.dlq}. Keyed by receiving number, so one number's messages are handled in order.
 */
@ApplicationScoped
public class InboundConsumer {
    private final InboundService inbound;
    private final Inbox inbox;

    public InboundConsumer(InboundService inbound, Inbox inbox) {
        this.inbound = inbound;
        this.inbox = inbox;
    }

    @Incoming(Channels.SMS_INBOUND)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        EventEnvelope<SmsReceived> env = IncomingEvents.read(record, SmsReceived.class);
        if (!inbox.firstDelivery(env.headers().id())) {
            return;
        }
        inbound.handle(env.payload());
    }
}
