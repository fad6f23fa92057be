package io.trunkline.gateway;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What broadcast and contact-list tests read straight from the gateway's database, each in its own transaction. */
@ApplicationScoped
public class BroadcastTestDatabase {
    private final EntityManager em;

    public BroadcastTestDatabase(EntityManager em) {
        this.em = em;
    }

    public long recipients(String broadcastId) {
        return count("SELECT COUNT(*) FROM broadcast_recipient WHERE broadcast_id = ?1", broadcastId);
    }

    public long recipients(String broadcastId, String state) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM broadcast_recipient WHERE broadcast_id = ?1 AND state = ?2")
                .setParameter(1, broadcastId).setParameter(2, state).getSingleResult()).longValue());
    }

    /** The ids of the messages the broadcast created. */
    @SuppressWarnings("unchecked")
    public List<String> messageIds(String broadcastId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT message_id FROM "
                + "broadcast_recipient WHERE broadcast_id = ?1 AND message_id IS NOT NULL ORDER BY row_no")
                .setParameter(1, broadcastId).getResultList());
    }

    /** SmsAccepted outbox rows of the broadcast's messages (one per message when each was stored once). */
    public long acceptedEvents(String broadcastId) {
        List<String> ids = messageIds(broadcastId);
        if (ids.isEmpty()) {
            return 0;
        }
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM "
                + "outbox_event WHERE topic = 'sms.outbound' AND record_key IN (?1)").setParameter(1, ids)
                .getSingleResult()).longValue());
    }

    /** The text of the message the broadcast created for the number. */
    public String textTo(String broadcastId, String number) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("SELECT m.body FROM "
                + "broadcast_recipient r JOIN sms_message m ON m.id = r.message_id WHERE r.broadcast_id = ?1 "
                + "AND r.number = ?2").setParameter(1, broadcastId).setParameter(2, number).getSingleResult());
    }

    public long broadcasts(String tenantId) {
        return count("SELECT COUNT(*) FROM broadcast WHERE tenant_id = ?1", tenantId);
    }

    public long contacts(String listId) {
        return count("SELECT COUNT(*) FROM contact WHERE list_id = ?1", listId);
    }

    private long count(String sql, String param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, param).getSingleResult()).longValue());
    }
}
