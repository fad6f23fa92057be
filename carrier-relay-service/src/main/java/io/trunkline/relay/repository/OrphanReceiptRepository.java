package io.trunkline.relay.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;

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

    /**
     * Unresolved orphans (received after {@code since}) of any of the carriers that may name any of these normalised
     * ids: one scan of the carriers' open orphans for a whole batch of new parts, oldest first.
     */
    @SuppressWarnings("unchecked")
    public List<OrphanReceipt> openForAny(java.util.Collection<String> carriers, List<String> normIds, Instant since) {
        if (carriers.isEmpty() || normIds.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("""
                SELECT * FROM relay_orphan_receipt
                WHERE carrier IN (?1) AND resolved_at IS NULL AND received_at > ?2 AND (""");
        for (int i = 0; i < normIds.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("FIND_IN_SET(?").append(i + 3).append(", candidate_ids) > 0");
        }
        sql.append(") ORDER BY received_at");
        var q = getEntityManager().createNativeQuery(sql.toString(), OrphanReceipt.class)
                // no flush first: this transaction writes parts, never orphans, and a native query would otherwise
                // flush (dirty-check) the whole batch of parts once more before the commit does (bench/relay/README.md)
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter(1, carriers)
                .setParameter(2, since);
        for (int i = 0; i < normIds.size(); i++) {
            q.setParameter(i + 3, normIds.get(i));
        }
        return q.getResultList();
    }

    /** Unresolved orphans received after {@code since}, oldest first. */
    public List<OrphanReceipt> open(Instant since, int limit) {
        return find("resolvedAt is null and receivedAt > ?1 order by receivedAt", since).page(0, limit).list();
    }
}
