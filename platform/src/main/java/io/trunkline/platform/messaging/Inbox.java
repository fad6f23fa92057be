package io.trunkline.platform.messaging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.trunkline.events.EventEnvelope;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.platform.ServiceIdentity;

/**
 * Consumer-side de-duplication on {@code ce_id}. Call {@link #firstDelivery} inside the handler's transaction: the
 * mark and the handler's writes commit or roll back together, so a redelivered event changes nothing, and a
 * concurrent duplicate waits on the row lock and then sees it.
 */
@ApplicationScoped
public class Inbox {
    private final EntityManager em;
    private final String consumer;

    public Inbox(EntityManager em, ServiceIdentity identity) {
        this.em = em;
        this.consumer = identity.name();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String eventId) {
        return firstDelivery(consumer, eventId);
    }

    /** As {@link #firstDelivery(String)} for a named handler, when one service consumes an event twice over. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String handler, String eventId) {
        int inserted = em.createNativeQuery("INSERT IGNORE INTO processed_event (consumer, event_id) VALUES (?1, ?2)")
                .setParameter(1, handler)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }

    /** The envelopes of a poll seen here for the first time, in order ({@link #firstDeliveries} on their ids). */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T extends TrunklineEvent> List<EventEnvelope<T>> firstDelivered(List<EventEnvelope<T>> envelopes) {
        boolean[] first = firstDeliveries(envelopes.stream().map(env -> env.headers().id()).toList());
        List<EventEnvelope<T>> fresh = new ArrayList<>(envelopes.size());
        for (int i = 0; i < first.length; i++) {
            if (first[i]) {
                fresh.add(envelopes.get(i));
            }
        }
        return fresh;
    }

    /**
     * {@link #firstDelivery(String)} for a whole batch with two statements: which of the ids are marked already (one
     * read), then the rest marked (one multi-row {@code INSERT IGNORE}). Answers, position by position, whether that
     * event is new; an id repeated in the batch is new only where it first appears. If another consumer marked one of
     * them between the read and the insert (a rebalance's overlap), this throws, so that the caller's transaction
     * rolls back and the events are handled one by one, where the row lock decides.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public boolean[] firstDeliveries(List<String> eventIds) {
        boolean[] first = new boolean[eventIds.size()];
        if (eventIds.isEmpty()) {
            return first;
        }
        Set<String> marked = new HashSet<>(em.createNativeQuery(
                "SELECT event_id FROM processed_event WHERE consumer = ?1 AND event_id IN (?2)")
                .setParameter(1, consumer)
                .setParameter(2, eventIds)
                .getResultList());
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < first.length; i++) {
            String id = eventIds.get(i);
            if (marked.add(id)) {
                first[i] = true;
                fresh.add(id);
            }
        }
        if (fresh.isEmpty()) {
            return first;
        }
        StringBuilder sql = new StringBuilder("INSERT IGNORE INTO processed_event (consumer, event_id) VALUES ");
        for (int i = 0; i < fresh.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 1).append(", ?").append(2 * i + 2).append(')');
        }
        var insert = em.createNativeQuery(sql.toString());
        for (int i = 0; i < fresh.size(); i++) {
            insert.setParameter(2 * i + 1, consumer).setParameter(2 * i + 2, fresh.get(i));
        }
        int inserted = insert.executeUpdate();
        if (inserted != fresh.size()) {
            throw new IllegalStateException((fresh.size() - inserted)
                    + " of the batch's events were marked by another delivery meanwhile; handle them one by one");
        }
        return first;
    }
}
