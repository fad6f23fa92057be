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
                    segments, delivery_report, valid_until, state, accepted_at, route)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'QUEUED', ?11, ?12)
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
                .setParameter(12, sms.route())
                .executeUpdate();
        return inserted == 1;
    }

    /** A message to queue for a carrier: a row of {@link #insertQueuedAll}. */
    public record Queued(SmsAccepted sms, String carrier) {
    }

    /** Rows per multi-row INSERT (13 parameters each). */
    static final int INSERT_ROWS = 100;

    /**
     * As {@link #insertQueued} for many messages: multi-row INSERTs of {@value #INSERT_ROWS} rows through
     * {@code session} (values bound as Hibernate binds them in {@link #insertQueued}); a message id already known keeps
     * its row (queued, hence sent, at most once).
     */
    public void insertQueuedAll(org.hibernate.Session session, List<Queued> rows) {
        for (int from = 0; from < rows.size(); from += INSERT_ROWS) {
            List<Queued> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_ROWS));
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO relay_message (message_id, tenant_id, carrier, sender, destination, body, encoding,
                        segments, delivery_report, valid_until, state, accepted_at, route) VALUES """);
            int p = 0;
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append('(');
                for (int k = 0; k < 12; k++) {
                    sql.append(k == 0 ? "" : ", ").append('?').append(++p);
                    if (k == 9) {
                        sql.append(", 'QUEUED'");
                    }
                }
                sql.append(')');
            }
            sql.append(" ON DUPLICATE KEY UPDATE message_id = message_id");
            var q = session.createNativeQuery(sql.toString());
            p = 0;
            for (Queued row : chunk) {
                SmsAccepted sms = row.sms();
                q.setParameter(++p, sms.messageId());
                q.setParameter(++p, sms.tenantId());
                q.setParameter(++p, row.carrier());
                q.setParameter(++p, sms.from());
                q.setParameter(++p, sms.to());
                q.setParameter(++p, sms.text());
                q.setParameter(++p, sms.encoding().name());
                q.setParameter(++p, sms.segments());
                q.setParameter(++p, sms.deliveryReport());
                q.setParameter(++p, sms.validUntil());
                q.setParameter(++p, sms.acceptedAt());
                q.setParameter(++p, sms.route());
            }
            q.executeUpdate();
        }
    }

    /** Atomically moves the oldest QUEUED message of the carrier to SUBMITTING under {@code token}. */
    public Optional<RelayMessage> claimNext(String carrier, String token) {
        return claimBatch(carrier, token, 1).stream().findFirst();
    }

    /**
     * Atomically moves up to {@code max} of the carrier's oldest QUEUED messages to SUBMITTING under {@code token}.
     * <p>
     * Picks the rows with a locking read through ix_relay_message_queue, then moves them by primary key. The single
     * {@code UPDATE ... ORDER BY queued_at LIMIT n} it replaces changes a column of the index it scans, so MariaDB
     * buffered it ("Using buffer") and, under a backlog, examined about 2,500 rows per claim for the 16-100 it took
     * (performance_schema, 2026-11-26): the further behind the relay was, the more each claim cost. {@code SKIP
     * LOCKED} lets another instance's dispatcher take the next rows instead of waiting for these.
     */
    @SuppressWarnings("unchecked")
    public List<RelayMessage> claimBatch(String carrier, String token, int max) {
        List<String> ids = getEntityManager().createNativeQuery("""
                SELECT message_id FROM relay_message FORCE INDEX (ix_relay_message_queue)
                WHERE carrier = ?1 AND state = 'QUEUED' ORDER BY queued_at LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, carrier)
                .setParameter(2, max)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        getEntityManager().createNativeQuery("""
                UPDATE relay_message SET state = 'SUBMITTING', claim_token = ?1, claimed_at = CURRENT_TIMESTAMP(3),
                    attempts = attempts + 1, updated_at = CURRENT_TIMESTAMP(3)
                WHERE message_id IN (?2)""")
                .setParameter(1, token)
                .setParameter(2, ids)
                .executeUpdate();
        return list("claimToken", token);
    }

    /**
     * Moves the carrier's QUEUED messages (nothing of them went out) to {@code to}, at most {@code maxHops} times per
     * message; returns how many moved.
     */
    public int failover(String from, String to, int maxHops) {
        return getEntityManager().createNativeQuery("""
                UPDATE relay_message SET carrier = ?2, failovers = failovers + 1,
                    original_carrier = COALESCE(original_carrier, ?1), updated_at = CURRENT_TIMESTAMP(3)
                WHERE carrier = ?1 AND state = 'QUEUED' AND failovers < ?3""")
                .setParameter(1, from)
                .setParameter(2, to)
                .setParameter(3, maxHops)
                .executeUpdate();
    }

    /**
     * Messages of the carrier still SENT or UNKNOWN (no final receipt) whose validity ended more than
     * {@code graceSeconds} ago; a message without valid_until is valid {@code defaultValiditySeconds} from submission.
     */
    @SuppressWarnings("unchecked")
    public List<String> overdue(String carrier, long defaultValiditySeconds, long graceSeconds, int max) {
        return getEntityManager().createNativeQuery("""
                SELECT message_id FROM relay_message
                WHERE carrier = ?1 AND state IN ('SENT', 'UNKNOWN')
                  AND COALESCE(valid_until, submitted_at + INTERVAL ?2 SECOND, updated_at + INTERVAL ?2 SECOND)
                      < CURRENT_TIMESTAMP(3) - INTERVAL ?3 SECOND
                LIMIT ?4""")
                .setParameter(1, carrier)
                .setParameter(2, defaultValiditySeconds)
                .setParameter(3, graceSeconds)
                .setParameter(4, max)
                .getResultList();
    }

    /** Row lock on the message: receipts and submit results for one message apply one at a time. */
    public void lock(String messageId) {
        getEntityManager().createNativeQuery("SELECT message_id FROM relay_message WHERE message_id = ?1 FOR UPDATE")
                .setParameter(1, messageId)
                .getResultList();
    }

    /**
     * Locks these messages (callers pass the ids sorted; the rows are locked in id order, so two transactions locking
     * overlapping sets never deadlock on each other) and loads them, in one statement: a locking read sees the latest
     * committed rows, as a read after the lock would under READ COMMITTED. The entities are managed.
     */
    @SuppressWarnings("unchecked")
    public List<RelayMessage> lockAndLoad(List<String> sortedIds) {
        if (sortedIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery("""
                SELECT * FROM relay_message WHERE message_id IN (?1) ORDER BY message_id FOR UPDATE""",
                RelayMessage.class)
                .setParameter(1, sortedIds)
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
