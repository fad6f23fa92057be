package io.trunkline.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What a verification test reads straight from the gateway's database, each read in its own transaction. */
@ApplicationScoped
public class VerificationDatabase {
    private final EntityManager em;

    public VerificationDatabase(EntityManager em) {
        this.em = em;
    }

    public long verificationCount(String tenantId) {
        return count("SELECT COUNT(*) FROM verification WHERE tenant_id = ?1", tenantId);
    }

    /** Wrong checks recorded on the verification. */
    public int attempts(String id) {
        return (int) count("SELECT attempts FROM verification WHERE id = ?1", id);
    }

    /** The stored status ({@code PENDING}, {@code EXPIRED}, ...). */
    public String status(String id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT status FROM verification WHERE id = ?1").setParameter(1, id)
                .getSingleResult());
    }

    /** The stored code hash (to show it is not the code). */
    public String codeHash(String id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT code_hash FROM verification WHERE id = ?1").setParameter(1, id)
                .getSingleResult());
    }

    /** The stored body of a message. */
    public String messageBody(String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT body FROM sms_message WHERE id = ?1").setParameter(1, messageId)
                .getSingleResult());
    }

    /** The tenant's messages to the number. */
    public long messagesTo(String tenantId, String to) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COUNT(*) FROM sms_message WHERE tenant_id = ?1 AND recipient = ?2")
                .setParameter(1, tenantId).setParameter(2, to).getSingleResult()).longValue());
    }

    /** call.requests events written to the outbox for the tenant. */
    public long callEventCount(String tenantId) {
        return count("SELECT COUNT(*) FROM outbox_event WHERE tenant_id = ?1 AND topic = 'call.requests'", tenantId);
    }

    private long count(String sql, String param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, param).getSingleResult()).longValue());
    }
}
