package io.trunkline.gateway.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trunkline.events.BalanceChanged;
import io.trunkline.gateway.service.BalanceService;
import io.trunkline.platform.messaging.EventBatches;
import io.trunkline.platform.messaging.Inbox;

/**
 * Tenants' balance states from billing ({@code billing.balances}, compacted, keyed by tenant): the newest
 * {@code version} wins, whatever order records arrive in. One poll per transaction ({@link EventBatches}: billing
 * publishes a balance for each rated batch, so a busy platform sends several a second). An unreadable record goes to
 * {@code billing.balances.dlq}.
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
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return EventBatches.inOneTransaction(batch, BalanceChanged.class, env -> {
            if (inbox.firstDelivery(env.headers().id())) {
                balances.apply(env.payload());
            }
        });
    }
}
