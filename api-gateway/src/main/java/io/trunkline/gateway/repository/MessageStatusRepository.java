package io.trunkline.gateway.repository;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.events.SmsStatus;
import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.UtcMillis;

@ApplicationScoped
public class MessageStatusRepository implements PanacheRepositoryBase<MessageStatusEntry, Long> {

    /** The message's history in the order it happened. */
    public List<MessageStatusEntry> timeline(String messageId) {
        return list("messageId", Sort.ascending("occurredAt", "id"), messageId);
    }

    /** A recorded step's identity: the same report re-published under a new event id has the same key. */
    public record StepKey(String messageId, SmsStatus status, Instant occurredAt) {
        public static StepKey of(MessageStatusEntry e) {
            return new StepKey(e.messageId, e.status, e.occurredAt);
        }
    }

    /**
     * The steps recorded so far of these messages, in one query: a report whose step is among them is a repeat.
     * Native SQL: Hibernate translates an HQL query with a list parameter again for each list size.
     */
    @SuppressWarnings("unchecked")
    public Set<StepKey> recordedSteps(Set<String> messageIds) {
        Set<StepKey> keys = new HashSet<>();
        if (messageIds.isEmpty()) {
            return keys;
        }
        UtcMillis times = new UtcMillis();
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT message_id, status, "
                + "CAST(occurred_at AS CHAR) FROM sms_status_history WHERE message_id IN (?1)")
                .setParameter(1, messageIds)
                .getResultList();
        for (Object[] r : rows) {
            keys.add(new StepKey((String) r[0], SmsStatus.valueOf((String) r[1]),
                    times.convertToEntityAttribute((String) r[2])));
        }
        return keys;
    }

    /**
     * Inserts history steps in one JDBC batch on the transaction's connection (one multi-row INSERT with
     * {@code rewriteBatchedStatements=true}; Hibernate does not batch inserts of an IDENTITY key). Times are bound as
     * {@link UtcMillis} text, as the entity's converter does.
     */
    public void insertAll(List<MessageStatusEntry> steps) {
        if (steps.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sms_status_history (message_id, status, "
                    + "occurred_at, channel, channel_message_id, error_code, reason, recorded_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (MessageStatusEntry e : steps) {
                    ps.setString(1, e.messageId);
                    ps.setString(2, e.status.name());
                    ps.setString(3, UtcMillis.format(e.occurredAt));
                    ps.setString(4, e.channel);
                    ps.setString(5, e.channelMessageId);
                    ps.setString(6, e.errorCode);
                    ps.setString(7, e.reason);
                    ps.setString(8, UtcMillis.format(e.recordedAt));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
