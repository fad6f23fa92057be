package io.trunkline.gateway;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What a test reads straight from the gateway's database, each read in its own transaction. */
@ApplicationScoped
public class GatewayDatabase {
    private final EntityManager em;

    public GatewayDatabase(EntityManager em) {
        this.em = em;
    }

    /** Waits until the gateway's consumers have handled the event with this {@code ce_id}. */
    public void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(eventId));
    }

    public boolean processed(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COUNT(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue() > 0);
    }

    public ApiKey apiKey(String keyId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ApiKey k = em.find(ApiKey.class, keyId);
            if (k != null) {
                em.detach(k);
            }
            return k;
        });
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> apiKeyRows(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT id, name, key_hash, key_prefix FROM api_key WHERE tenant_id = ?1")
                .setParameter(1, tenantId).getResultList());
    }

    public long historyCount(String messageId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COUNT(*) FROM sms_status_history WHERE message_id = ?1")
                .setParameter(1, messageId).getSingleResult()).longValue());
    }

    public long messageCount(String tenantId) {
        return count("SELECT COUNT(*) FROM sms_message WHERE tenant_id = ?1", tenantId);
    }

    /** SmsAccepted events written to the outbox for the tenant. */
    public long acceptedEventCount(String tenantId) {
        return count("SELECT COUNT(*) FROM outbox_event WHERE tenant_id = ?1 AND topic = 'sms.outbound'", tenantId);
    }

    public long idempotencyKeyCount(String tenantId, String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COUNT(*) FROM idempotency_key WHERE tenant_id = ?1 AND idem_key = ?2")
                .setParameter(1, tenantId).setParameter(2, key).getSingleResult()).longValue());
    }

    /** Moves the key's creation time back by {@code hours}. */
    public void ageIdempotencyKey(String tenantId, String key, int hours) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE idempotency_key SET created_at = "
                + "created_at - INTERVAL ?3 HOUR WHERE tenant_id = ?1 AND idem_key = ?2")
                .setParameter(1, tenantId).setParameter(2, key).setParameter(3, hours).executeUpdate());
    }

    private long count(String sql, String param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, param).getSingleResult()).longValue());
    }
}
