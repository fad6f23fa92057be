package io.trunkline.gateway.repository;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.trunkline.events.SmsStatus;
import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.MessageStatuses;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.UtcMillis;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<SmsMessage, String> {

    /**
     * Inserts accepted messages in one JDBC batch on the transaction's connection (one multi-row INSERT with
     * {@code rewriteBatchedStatements=true}): the group-commit writer's path, where Hibernate's per-entity inserts
     * would cost more than the commit. Times are bound as {@link UtcMillis} text, as the entities' converter does.
     */
    public void insertAll(List<SmsMessage> messages) {
        getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sms_message (id, tenant_id, sender, recipient, "
                    + "body, encoding, segments, route, status, status_rank, reference, status_callback, send_at, "
                    + "valid_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (SmsMessage m : messages) {
                    ps.setString(1, m.id);
                    ps.setString(2, m.tenantId);
                    ps.setString(3, m.sender);
                    ps.setString(4, m.recipient);
                    ps.setString(5, m.body);
                    ps.setString(6, m.encoding.name());
                    ps.setInt(7, m.segments);
                    ps.setString(8, m.route);
                    ps.setString(9, m.status.name());
                    ps.setInt(10, m.statusRank);
                    ps.setString(11, m.reference);
                    ps.setString(12, m.statusCallback);
                    nullableTime(ps, 13, m.sendAt);
                    nullableTime(ps, 14, m.validUntil);
                    ps.setString(15, UtcMillis.format(m.createdAt));
                    ps.setString(16, UtcMillis.format(m.updatedAt));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    private static void nullableTime(PreparedStatement ps, int index, Instant value) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, UtcMillis.format(value));
        }
    }

    /**
     * These messages, in one query (any order; unknown ids are left out). Native SQL: Hibernate translates an HQL
     * query with a list parameter again for each list size.
     */
    @SuppressWarnings("unchecked")
    public List<SmsMessage> findAllById(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery("SELECT * FROM sms_message WHERE id IN (?1)", SmsMessage.class)
                .setParameter(1, ids)
                .getResultList();
    }

    /** The tenant's message; empty for an unknown id and for another tenant's message alike. */
    public Optional<SmsMessage> findForTenant(String tenantId, String messageId) {
        return find("id = ?1 and tenantId = ?2", messageId, tenantId).firstResultOptional();
    }

    /**
     * The tenant's message, locked until the transaction ends (waits for a dispatcher holding it). Native SQL: the
     * MySQL dialect's {@code FOR UPDATE OF alias} is refused by MariaDB. Call as the transaction's first read of the
     * message, so the row is read as the lock found it.
     */
    @SuppressWarnings("unchecked")
    public Optional<SmsMessage> lockForTenant(String tenantId, String messageId) {
        List<SmsMessage> found = getEntityManager()
                .createNativeQuery("SELECT * FROM sms_message WHERE id = ?1 AND tenant_id = ?2 FOR UPDATE",
                        SmsMessage.class)
                .setParameter(1, messageId)
                .setParameter(2, tenantId)
                .getResultList();
        return found.stream().findFirst();
    }

    /**
     * Scheduled messages due at {@code now}, oldest {@code send_at} first, locked; rows another transaction holds (a
     * cancel, or another gateway instance's dispatcher) are skipped, not waited for.
     */
    @SuppressWarnings("unchecked")
    public List<SmsMessage> claimDue(Instant now, int max) {
        return getEntityManager()
                .createNativeQuery("SELECT * FROM sms_message WHERE status = 'SCHEDULED' AND send_at <= ?1 "
                        + "ORDER BY send_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED", SmsMessage.class)
                .setParameter(1, UtcMillis.format(now))
                .setParameter(2, max)
                .getResultList();
    }

    /** What {@code GET /v1/messages} may filter on; null fields do not filter. {@code statuses} empty = any. */
    public record Filter(Set<SmsStatus> statuses, String to, String from, Instant createdFrom, Instant createdBefore,
            String reference) {
    }

    /** Where the previous page ended: its last row's creation time and id. */
    public record Cursor(Instant createdAt, String id) {
    }

    /**
     * Up to {@code limit} of the tenant's messages, newest first ({@code createdAt}, then {@code id}, both
     * descending), after {@code after} when given. Keyset paging: a page does not move when newer messages arrive.
     */
    public List<SmsMessage> listForTenant(String tenantId, Filter f, Cursor after, int limit) {
        StringBuilder q = new StringBuilder("tenantId = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        if (!f.statuses().isEmpty()) {
            q.append(" and status in :statuses");
            params.put("statuses", f.statuses());
        }
        if (f.to() != null) {
            q.append(" and recipient = :to");
            params.put("to", f.to());
        }
        if (f.from() != null) {
            q.append(" and sender = :from");
            params.put("from", f.from());
        }
        if (f.createdFrom() != null) {
            q.append(" and createdAt >= :createdFrom");
            params.put("createdFrom", f.createdFrom());
        }
        if (f.createdBefore() != null) {
            q.append(" and createdAt < :createdBefore");
            params.put("createdBefore", f.createdBefore());
        }
        if (f.reference() != null) {
            q.append(" and reference = :reference");
            params.put("reference", f.reference());
        }
        if (after != null) {
            q.append(" and (createdAt < :afterAt or (createdAt = :afterAt and id < :afterId))");
            params.put("afterAt", after.createdAt());
            params.put("afterId", after.id());
        }
        return find(q.toString(), Sort.descending("createdAt", "id"), params).page(Page.ofSize(limit)).list();
    }

    /** One step of {@link #advanceAll}. */
    public record Advance(String messageId, SmsStatus status, String channelMessageId, String errorCode,
            String errorReason) {
    }

    /**
     * Moves each message to its step's status only if that is further along than where it is: atomic conditional
     * UPDATEs, so concurrent or late reports can never move a message backwards and a terminal status stays. Sent as
     * one JDBC batch on the transaction's connection ({@code rewriteBatchedStatements=true}), in order: each UPDATE
     * sees the ones before it, so two reports of one message in a batch land as they would one by one. Answers,
     * position by position, whether that message moved.
     */
    public boolean[] advanceAll(List<Advance> steps, Instant now) {
        boolean[] moved = new boolean[steps.size()];
        if (steps.isEmpty()) {
            return moved;
        }
        getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sms_message SET status = ?, status_rank = ?, "
                    + "channel_message_id = COALESCE(?, channel_message_id), error_code = COALESCE(?, error_code), "
                    + "error_reason = COALESCE(?, error_reason), updated_at = ? WHERE id = ? AND status_rank < ?")) {
                String at = UtcMillis.format(now);
                for (Advance a : steps) {
                    int rank = MessageStatuses.rank(a.status());
                    ps.setString(1, a.status().name());
                    ps.setInt(2, rank);
                    ps.setString(3, a.channelMessageId());
                    ps.setString(4, a.errorCode());
                    ps.setString(5, a.errorReason());
                    ps.setString(6, at);
                    ps.setString(7, a.messageId());
                    ps.setInt(8, rank);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    moved[i] = counts[i] == 1;
                }
            }
        });
        return moved;
    }
}
