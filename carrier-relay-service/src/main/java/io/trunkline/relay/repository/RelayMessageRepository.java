package io.trunkline.relay.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.events.SmsAccepted;
import io.trunkline.relay.RelayMessage;

@ApplicationScoped
public class RelayMessageRepository implements PanacheRepositoryBase<RelayMessage, String> {

    /** Inserts the message as QUEUED unless its id is already known; true if it was inserted. */
    public boolean insertQueued(SmsAccepted sms, String carrier) {
        int inserted = getEntityManager().createNativeQuery("""
                INSERT INTO relay_message (message_id, tenant_id, carrier, sender, destination, body, encoding,
                    segments, delivery_report, valid_until, state, accepted_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'QUEUED', ?11)
                ON DUPLICATE KEY UPDATE message_id = message_id""")
                .setParameter(1, sms.messageId())
                .setParameter(2, sms.tenantId())
                .setParameter(3, carrier)
                .setParameter(4, sms.from())
                .setParameter(5, sms.to())
                .setParameter(6, sms.text())
                .setParameter(7, sms.encoding().name())
                .setParameter(8, sms.segments())
                .setParameter(9, sms.deliveryReport())
                .setParameter(10, sms.validUntil())
                .setParameter(11, sms.acceptedAt())
                .executeUpdate();
        return inserted == 1;
    }

    /** Atomically moves the oldest QUEUED message of the carrier to SUBMITTING under {@code token}. */
    public Optional<RelayMessage> claimNext(String carrier, String token) {
        int claimed = getEntityManager().createNativeQuery("""
                UPDATE relay_message SET state = 'SUBMITTING', claim_token = ?1, claimed_at = CURRENT_TIMESTAMP(3),
                    attempts = attempts + 1, updated_at = CURRENT_TIMESTAMP(3)
                WHERE carrier = ?2 AND state = 'QUEUED' ORDER BY queued_at LIMIT 1""")
                .setParameter(1, token)
                .setParameter(2, carrier)
                .executeUpdate();
        if (claimed == 0) {
            return Optional.empty();
        }
        return find("claimToken", token).firstResultOptional();
    }

    /** Row lock on the message: receipts and submit results for one message apply one at a time. */
    public void lock(String messageId) {
        getEntityManager().createNativeQuery("SELECT message_id FROM relay_message WHERE message_id = ?1 FOR UPDATE")
                .setParameter(1, messageId)
                .getResultList();
    }

    /** Messages a sender claimed longer ago than {@code seconds} and never finished (the process died). */
    @SuppressWarnings("unchecked")
    public List<String> staleSubmitting(long seconds) {
        return getEntityManager().createNativeQuery("""
                SELECT message_id FROM relay_message
                WHERE state = 'SUBMITTING' AND claimed_at < CURRENT_TIMESTAMP(3) - INTERVAL ?1 SECOND""")
                .setParameter(1, seconds)
                .getResultList();
    }
}
