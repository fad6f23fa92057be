package io.trunkline.gateway.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gateway.UtcMillis;
import io.trunkline.gateway.WebhookSettings;

@ApplicationScoped
public class WebhookSettingsRepository implements PanacheRepositoryBase<WebhookSettings, String> {

    /**
     * The tenant's settings row, created empty when missing, locked for this transaction. INSERT IGNORE and then a
     * locking read: two first-time writers never fail on the primary key, the second simply waits for the first.
     */
    public WebhookSettings lockOrCreate(String tenantId, Instant now) {
        getEntityManager().createNativeQuery("INSERT IGNORE INTO webhook_settings (tenant_id, created_at, updated_at) "
                + "VALUES (?1, ?2, ?2)")
                .setParameter(1, tenantId).setParameter(2, UtcMillis.format(now)).executeUpdate();
        getEntityManager().createNativeQuery("SELECT tenant_id FROM webhook_settings WHERE tenant_id = ?1 FOR UPDATE")
                .setParameter(1, tenantId).getResultList();
        WebhookSettings s = findById(tenantId);
        getEntityManager().refresh(s);
        return s;
    }
}
