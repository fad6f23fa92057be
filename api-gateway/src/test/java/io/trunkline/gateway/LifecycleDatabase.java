package io.trunkline.gateway;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Reads and changes of the message lifecycle tests, straight on the gateway's database. Methods named {@code ...InTx}
 * join the caller's transaction (to hold a row lock); the others run in their own.
 */
@ApplicationScoped
public class LifecycleDatabase {
    private final EntityManager em;

    public LifecycleDatabase(EntityManager em) {
        this.em = em;
    }

    /** SmsAccepted events in the outbox for this message (sent or not). */
    public long acceptedEvents(String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM outbox_event WHERE topic = 'sms.outbound' AND record_key = ?1")
                .setParameter(1, messageId).getSingleResult()).longValue());
    }

    public String status(String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT status FROM sms_message WHERE id = ?1").setParameter(1, messageId).getSingleResult());
    }

    /**
     * Moves a scheduled message's send_at (and valid_until, when given) to these times, as if the gateway had been
     * down until now; in the caller's transaction, so the row stays locked until it ends.
     */
    public void rescheduleInTx(String messageId, Instant sendAt, Instant validUntil) {
        em.createNativeQuery("UPDATE sms_message SET send_at = ?1 WHERE id = ?2")
                .setParameter(1, UtcMillis.format(sendAt)).setParameter(2, messageId).executeUpdate();
        if (validUntil != null) {
            em.createNativeQuery("UPDATE sms_message SET valid_until = ?1 WHERE id = ?2")
                    .setParameter(1, UtcMillis.format(validUntil)).setParameter(2, messageId).executeUpdate();
        }
    }

    public void reschedule(String messageId, Instant sendAt, Instant validUntil) {
        QuarkusTransaction.requiringNew().run(() -> rescheduleInTx(messageId, sendAt, validUntil));
    }

    /** Whether some transaction is waiting for a row lock in a statement naming this message (e.g. a cancel). */
    public boolean lockWaitOn(String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE ?1")
                .setParameter(1, "%" + messageId + "%").getSingleResult()).longValue() > 0);
    }
}
