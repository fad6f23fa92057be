package io.trunkline.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.gateway.service.MessageStatusService;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.messaging.IncomingEvents;

/**
 * Status reports from the channels ({@code sms.status}). Handled in order (a message's reports share its key and
 * partition), each once by {@code ce_id}; a report that cannot be read goes to {@code sms.status.dlq}.
 */
@ApplicationScoped
public class StatusConsumer {
    private final MessageStatusService statuses;
    private final Inbox inbox;

    public StatusConsumer(MessageStatusService statuses, Inbox inbox) {
        this.statuses = statuses;
        this.inbox = inbox;
    }

    @Incoming(Channels.SMS_STATUS)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        EventEnvelope<SmsStatusChanged> env = IncomingEvents.read(record, SmsStatusChanged.class);
        if (!inbox.firstDelivery(env.headers().id())) {
            return;
        }
        statuses.apply(env.payload());
    }
}
