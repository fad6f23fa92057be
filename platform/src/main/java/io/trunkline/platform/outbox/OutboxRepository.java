package io.trunkline.platform.outbox;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxRecord> {

    /**
     * The oldest unpublished events, locked so that two relays (two replicas) never send the same batch. Native SQL
     * because Hibernate's MySQL dialect writes {@code FOR UPDATE OF alias}, which MariaDB does not accept.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxRecord> lockPending(int max) {
        return getEntityManager()
                .createNativeQuery("SELECT * FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT ?1 FOR UPDATE",
                        OutboxRecord.class)
                .setParameter(1, max)
                .getResultList();
    }

    public long countPending() {
        return count("publishedAt is null");
    }

    public long purgePublishedBefore(Instant cutoff) {
        return delete("publishedAt is not null and publishedAt < ?1", cutoff);
    }

    /** Forgets consumed event ids older than the cutoff (the inbox table lives beside the outbox). */
    public int purgeProcessedBefore(Instant cutoff) {
        return getEntityManager().createNativeQuery("DELETE FROM processed_event WHERE processed_at < ?1")
                .setParameter(1, java.sql.Timestamp.from(cutoff))
                .executeUpdate();
    }
}
