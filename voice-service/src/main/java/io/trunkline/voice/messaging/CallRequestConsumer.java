package io.trunkline.voice.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trunkline.events.CallRequested;
import io.trunkline.events.EventEnvelope;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.messaging.IncomingEvents;
import io.trunkline.voice.service.CallQueue;

/** Takes requested calls from {@code call.requests} into QUEUED call sessions. */
@ApplicationScoped
public class CallRequestConsumer {
    private static final Logger LOG = Logger.getLogger(CallRequestConsumer.class);

    private final CallQueue calls;
    private final Inbox inbox;

    public CallRequestConsumer(CallQueue calls, Inbox inbox) {
        this.calls = calls;
        this.inbox = inbox;
    }

    @Incoming(Channels.CALL_REQUESTS)
    @Blocking(ordered = false)
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        EventEnvelope<CallRequested> env = IncomingEvents.read(record, CallRequested.class);
        if (!inbox.firstDelivery(env.headers().id())) {
            return;
        }
        CallRequested call = env.payload();
        if (calls.enqueue(call)) {
            LOG.debugf("queued call %s (%s) for tenant %s", call.callId(), call.kind(), call.tenantId());
        }
    }
}
