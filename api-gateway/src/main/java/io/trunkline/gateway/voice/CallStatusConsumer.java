package io.trunkline.gateway.voice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.EventEnvelope;
import io.trunkline.gateway.messaging.Channels;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.messaging.IncomingEvents;

/**
 * Steps of calls from voice-service ({@code call.status}), each turned into one CALL_STATUS webhook in the same
 * transaction as its de-duplication: handled in order (a call's steps share its key and partition), each once by
 * {@code ce_id}; a record that cannot be read goes to {@code call.status.dlq}.
 */
@ApplicationScoped
public class CallStatusConsumer {
    private final CallService calls;
    private final Inbox inbox;

    public CallStatusConsumer(CallService calls, Inbox inbox) {
        this.calls = calls;
        this.inbox = inbox;
    }

    @Incoming(Channels.CALL_STATUS)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        EventEnvelope<CallStatusChanged> env = IncomingEvents.read(record, CallStatusChanged.class);
        if (!inbox.firstDelivery(env.headers().id())) {
            return;
        }
        calls.statusChanged(env.payload());
    }
}
