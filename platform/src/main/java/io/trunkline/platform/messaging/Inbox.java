package io.trunkline.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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
}
