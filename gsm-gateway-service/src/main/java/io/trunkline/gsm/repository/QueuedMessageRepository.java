package io.trunkline.gsm.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gsm.QueuedMessage;

@ApplicationScoped
public class QueuedMessageRepository implements PanacheRepositoryBase<QueuedMessage, String> {

    /**
     * Atomically gives the port the oldest queued message it may take: one kept for it (sticky) first, then any
     * unassigned one it has not already failed on. Committed before anything goes on the wire.
     * <p>
     * Two locking reads, each in index order, then an UPDATE by primary key (as the relay's claims). The single
     * {@code UPDATE ... ORDER BY (port IS NULL), queued_at LIMIT 1} it replaces sorted every queued row on each claim
     * (the expression defeats the index), and the ports' claims waited on each other's locks; with {@code SKIP
     * LOCKED} a port takes the next message instead.
     */
    @SuppressWarnings("unchecked")
    public Optional<QueuedMessage> claimNext(String port, String token) {
        List<String> ids = getEntityManager().createNativeQuery("""
                SELECT message_id FROM gsm_outbound
                WHERE state = 'QUEUED' AND port = ?1 AND (tried_ports IS NULL OR FIND_IN_SET(?1, tried_ports) = 0)
                ORDER BY queued_at, message_id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, port)
                .getResultList();
        if (ids.isEmpty()) {
            // ix_gsm_outbound_state is (state, queued_at) and ends with the primary key: already in this order
            ids = getEntityManager().createNativeQuery("""
                    SELECT message_id FROM gsm_outbound FORCE INDEX (ix_gsm_outbound_state)
                    WHERE state = 'QUEUED' AND port IS NULL
                        AND (tried_ports IS NULL OR FIND_IN_SET(?1, tried_ports) = 0)
                    ORDER BY queued_at, message_id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                    .setParameter(1, port)
                    .getResultList();
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        getEntityManager().createNativeQuery("""
                UPDATE gsm_outbound SET state = 'SENDING', port = ?1, claim_token = ?2,
                    claimed_at = CURRENT_TIMESTAMP(3), attempts = attempts + 1, updated_at = CURRENT_TIMESTAMP(3)
                WHERE message_id = ?3""")
                .setParameter(1, port)
                .setParameter(2, token)
                .setParameter(3, ids.get(0))
                .executeUpdate();
        return find("claimToken", token).firstResultOptional();
    }

    /** Row lock on the message: outcomes and status reports for one message apply one at a time. */
    public void lock(String messageId) {
        getEntityManager().createNativeQuery("SELECT message_id FROM gsm_outbound WHERE message_id = ?1 FOR UPDATE")
                .setParameter(1, messageId).getResultList();
    }

    /** Messages kept for a port that went down go back to the common queue. */
    public int release(String port) {
        return getEntityManager().createNativeQuery(
                "UPDATE gsm_outbound SET port = NULL, updated_at = CURRENT_TIMESTAMP(3) WHERE port = ?1 AND state = 'QUEUED'")
                .setParameter(1, port).executeUpdate();
    }

    /** Messages the given ports were sending when the process stopped. */
    public List<QueuedMessage> sendingOn(List<String> ports) {
        return ports.isEmpty() ? List.of() : list("state = ?1 and port in ?2", QueuedMessage.State.SENDING, ports);
    }

    public long queuedFor(String port) {
        return count("state = ?1 and port = ?2", QueuedMessage.State.QUEUED, port);
    }

    public long queuedUnassigned() {
        return count("state = ?1 and port is null", QueuedMessage.State.QUEUED);
    }

    /** The port a destination was last sent from, if within {@code seconds}. */
    @SuppressWarnings("unchecked")
    public Optional<String> stickyPort(String destination, long seconds) {
        List<String> r = getEntityManager().createNativeQuery("""
                SELECT port FROM gsm_destination_port
                WHERE destination = ?1 AND last_at > CURRENT_TIMESTAMP(3) - INTERVAL ?2 SECOND""")
                .setParameter(1, destination).setParameter(2, seconds).getResultList();
        return r.stream().findFirst();
    }

    public void rememberPort(String destination, String port) {
        getEntityManager().createNativeQuery("""
                INSERT INTO gsm_destination_port (destination, port, last_at) VALUES (?1, ?2, CURRENT_TIMESTAMP(3))
                ON DUPLICATE KEY UPDATE port = VALUES(port), last_at = VALUES(last_at)""")
                .setParameter(1, destination).setParameter(2, port).executeUpdate();
    }

    /** Adds parts to today's (UTC) count for the SIM. */
    public void countSent(String port, int parts) {
        getEntityManager().createNativeQuery("""
                INSERT INTO gsm_sim_usage (port, day, sent) VALUES (?1, UTC_DATE(), ?2)
                ON DUPLICATE KEY UPDATE sent = sent + VALUES(sent)""")
                .setParameter(1, port).setParameter(2, parts).executeUpdate();
    }

    public int sentToday(String port) {
        List<?> r = getEntityManager().createNativeQuery(
                "SELECT sent FROM gsm_sim_usage WHERE port = ?1 AND day = UTC_DATE()")
                .setParameter(1, port).getResultList();
        return r.isEmpty() ? 0 : ((Number) r.get(0)).intValue();
    }
}
