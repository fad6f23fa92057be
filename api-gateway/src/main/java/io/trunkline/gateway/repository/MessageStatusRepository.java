package io.trunkline.gateway.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.events.SmsStatus;
import io.trunkline.gateway.MessageStatusEntry;

@ApplicationScoped
public class MessageStatusRepository implements PanacheRepositoryBase<MessageStatusEntry, Long> {

    /** The message's history in the order it happened. */
    public List<MessageStatusEntry> timeline(String messageId) {
        return list("messageId", Sort.ascending("occurredAt", "id"), messageId);
    }

    /** Whether this exact step is recorded already (the same report re-published under a new event id). */
    public boolean contains(String messageId, SmsStatus status, Instant occurredAt) {
        return count("messageId = ?1 and status = ?2 and occurredAt = ?3", messageId, status, occurredAt) > 0;
    }
}
