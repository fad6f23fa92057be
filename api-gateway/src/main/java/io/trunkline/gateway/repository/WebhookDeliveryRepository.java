package io.trunkline.gateway.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.trunkline.gateway.UtcMillis;
import io.trunkline.gateway.WebhookDelivery;

@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, String> {

    /** The tenant's delivery; empty for an unknown id and for another tenant's delivery alike. */
    public Optional<WebhookDelivery> findForTenant(String tenantId, String id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional();
    }

    /**
     * A page of the tenant's deliveries, newest first, after the cursor position ({@code createdAt}, {@code id}) when
     * given; {@code limit + 1} rows so the caller knows whether there is a next page.
     */
    public List<WebhookDelivery> page(String tenantId, String status, Instant afterCreatedAt, String afterId,
            int limit) {
        StringBuilder q = new StringBuilder("tenantId = :tenant");
        if (status != null) {
            q.append(" and status = :status");
        }
        if (afterCreatedAt != null) {
            q.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
        }
        q.append(" order by createdAt desc, id desc");
        Parameters p = Parameters.with("tenant", tenantId);
        if (status != null) {
            p = p.and("status", status);
        }
        if (afterCreatedAt != null) {
            p = p.and("at", afterCreatedAt).and("id", afterId);
        }
        return find(q.toString(), p).page(0, limit + 1).list();
    }

    /** One due delivery as the dispatcher claims it. */
    public record Due(String id, String tenantId, String host) {
    }

    /**
     * Locks up to {@code limit} due deliveries (pending or retrying, {@code next_attempt_at <= now}), skipping rows
     * another dispatcher holds and the tenants and hosts that have no free slot here. Call inside a transaction; the
     * caller leases what it takes before committing.
     */
    @SuppressWarnings("unchecked")
    public List<Due> lockDue(Instant now, int limit, Collection<String> busyTenants, Collection<String> busyHosts) {
        StringBuilder sql = new StringBuilder("SELECT id, tenant_id, host FROM webhook_delivery "
                + "WHERE status IN ('pending', 'retrying') AND next_attempt_at <= :now");
        if (!busyTenants.isEmpty()) {
            sql.append(" AND tenant_id NOT IN (:tenants)");
        }
        if (!busyHosts.isEmpty()) {
            sql.append(" AND host NOT IN (:hosts)");
        }
        sql.append(" ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED");
        Query q = getEntityManager().createNativeQuery(sql.toString())
                .setParameter("now", UtcMillis.format(now)).setParameter("limit", limit);
        if (!busyTenants.isEmpty()) {
            q.setParameter("tenants", busyTenants);
        }
        if (!busyHosts.isEmpty()) {
            q.setParameter("hosts", busyHosts);
        }
        List<Object[]> rows = q.getResultList();
        List<Due> due = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            due.add(new Due((String) r[0], (String) r[1], (String) r[2]));
        }
        return due;
    }

    /** Moves the claimed deliveries' due time to the end of the lease, so no other poll takes them meanwhile. */
    public void lease(Collection<String> ids, Instant until) {
        if (!ids.isEmpty()) {
            getEntityManager().createNativeQuery("UPDATE webhook_delivery SET next_attempt_at = ?1 WHERE id IN (?2)")
                    .setParameter(1, UtcMillis.format(until)).setParameter(2, ids).executeUpdate();
        }
    }

    /** Deletes up to {@code limit} finished deliveries created before {@code cutoff} (their tries cascade). */
    public int deleteFinishedBefore(Instant cutoff, int limit) {
        return getEntityManager().createNativeQuery("DELETE FROM webhook_delivery WHERE created_at < ?1 "
                + "AND status IN ('delivered', 'dead') LIMIT ?2")
                .setParameter(1, UtcMillis.format(cutoff)).setParameter(2, limit).executeUpdate();
    }
}
