package io.trunkline.relay.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.relay.OrphanReceipt;

@ApplicationScoped
public class OrphanReceiptRepository implements PanacheRepositoryBase<OrphanReceipt, String> {

    /** Unresolved orphans of the carrier that may name the part with this normalised id. */
    @SuppressWarnings("unchecked")
    public List<OrphanReceipt> openFor(String carrier, String normId) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM relay_orphan_receipt
                WHERE carrier = ?1 AND resolved_at IS NULL AND FIND_IN_SET(?2, candidate_ids) > 0
                ORDER BY received_at""", OrphanReceipt.class)
                .setParameter(1, carrier)
                .setParameter(2, normId)
                .getResultList();
    }

    /** Unresolved orphans received after {@code since}, oldest first. */
    public List<OrphanReceipt> open(Instant since, int limit) {
        return find("resolvedAt is null and receivedAt > ?1 order by receivedAt", since).page(0, limit).list();
    }
}
