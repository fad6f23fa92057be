package io.trunkline.gateway.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.gateway.service.MessageStatusService;
import io.trunkline.platform.messaging.EventBatches;
import io.trunkline.platform.messaging.Inbox;

/**
 * Status reports from the channels ({@code sms.status}). Handled in order (a message's reports share its key and
 * partition; the channel's batches are handled one after the other), each once by {@code ce_id}, one poll per
 * transaction ({@link EventBatches}) with a few multi-row statements for the whole poll
 * ({@link MessageStatusService#applyAll}); a report that cannot be read goes to {@code sms.status.dlq}.
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
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return EventBatches.inOneTransactionAll(batch, SmsStatusChanged.class, envelopes -> {
            statuses.applyAll(inbox.firstDelivered(envelopes).stream().map(EventEnvelope::payload).toList());
        });
    }
}
