package io.trunkline.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.trunkline.events.BalanceChanged;
import io.trunkline.events.EventEnvelope;
import io.trunkline.gateway.service.BalanceService;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.messaging.IncomingEvents;

/**
 * Tenants' balance states from billing ({@code billing.balances}, compacted, keyed by tenant): the newest
 * {@code version} wins, whatever order records arrive in. An unreadable record goes to {@code billing.balances.dlq}.
 */
@ApplicationScoped
public class BalanceConsumer {
    private final BalanceService balances;
    private final Inbox inbox;

    public BalanceConsumer(BalanceService balances, Inbox inbox) {
        this.balances = balances;
        this.inbox = inbox;
    }

    @Incoming(Channels.BILLING_BALANCES)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        EventEnvelope<BalanceChanged> env = IncomingEvents.read(record, BalanceChanged.class);
        if (!inbox.firstDelivery(env.headers().id())) {
            return;
        }
        balances.apply(env.payload());
    }
}
