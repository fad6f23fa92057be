package io.trunkline.gateway;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What the webhook tests read or change straight in the gateway's database, each in its own transaction. */
@ApplicationScoped
public class WebhookDatabase {
    private final EntityManager em;

    public WebhookDatabase(EntityManager em) {
        this.em = em;
    }

    public long deliveryCount(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COUNT(*) FROM webhook_delivery WHERE tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    public List<String> deliveryIds(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT id FROM webhook_delivery WHERE tenant_id = ?1 ORDER BY created_at, id")
                .setParameter(1, tenantId).getResultList());
    }

    /** The stored secret column, to show it is not the secret in clear. */
    public String storedSecret(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT secret_enc FROM webhook_settings WHERE tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult());
    }

    /** Moves the delivery's creation back by {@code days}. */
    public void ageDelivery(String id, int days) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE webhook_delivery SET created_at = "
                + "created_at - INTERVAL ?2 DAY WHERE id = ?1").setParameter(1, id).setParameter(2, days)
                .executeUpdate());
    }
}
