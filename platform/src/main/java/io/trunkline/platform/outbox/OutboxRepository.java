package io.trunkline.platform.outbox;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxRecord> {

    /** The oldest unpublished events, locked so that two relays (two replicas) never send the same batch. */
    public List<OutboxRecord> lockPending(int max) {
        return find("publishedAt is null", Sort.by("id")).withLock(LockModeType.PESSIMISTIC_WRITE).page(0, max).list();
    }

    public long countPending() {
        return count("publishedAt is null");
    }

    public long purgePublishedBefore(Instant cutoff) {
        return delete("publishedAt is not null and publishedAt < ?1", cutoff);
    }
}
