package io.trunkline.platform.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.trunkline.events.EventCodec;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.platform.ServiceIdentity;
import io.trunkline.platform.tx.AfterCommit;

/**
 * Publishes an event as part of the caller's database transaction: the event is stored with the state change it
 * describes and sent by {@link OutboxRelay} once the transaction commits. Nothing is sent if it rolls back.
 */
@ApplicationScoped
public class Outbox {
    private final OutboxRepository repository;
    private final OutboxRelay relay;
    private final ServiceIdentity identity;
    private final TransactionSynchronizationRegistry transactions;

    public Outbox(OutboxRepository repository, OutboxRelay relay, ServiceIdentity identity,
            TransactionSynchronizationRegistry transactions) {
        this.repository = repository;
        this.relay = relay;
        this.identity = identity;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends TrunklineEvent> EventEnvelope<T> publish(T event) {
        EventEnvelope<T> envelope = EventEnvelope.of(event, identity.source());
        repository.persist(record(envelope, event));
        wakeRelayAfterCommit();
        return envelope;
    }

    /**
     * As {@link #publish} for many events at once, written in one JDBC batch: for writers that accept many state
     * changes per transaction (the gateway's accepted messages). Sent in list order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<? extends TrunklineEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<OutboxRecord> records = new ArrayList<>(events.size());
        for (TrunklineEvent event : events) {
            records.add(record(EventEnvelope.of(event, identity.source()), event));
        }
        repository.insertAll(records);
        wakeRelayAfterCommit();
    }

    private static OutboxRecord record(EventEnvelope<?> envelope, TrunklineEvent event) {
        OutboxRecord record = new OutboxRecord();
        record.eventId = envelope.headers().id();
        record.topic = envelope.topic();
        record.recordKey = envelope.key();
        record.ceType = envelope.headers().type();
        record.ceSource = envelope.headers().source();
        record.ceTime = envelope.headers().time().toString();
        record.tenantId = envelope.headers().tenantId();
        record.payload = EventCodec.toJson(event);
        record.createdAt = Instant.now();
        return record;
    }

    private void wakeRelayAfterCommit() {
        AfterCommit.run(transactions, relay::wake);
    }
}
