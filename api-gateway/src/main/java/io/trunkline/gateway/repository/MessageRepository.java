package io.trunkline.gateway.repository;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.trunkline.events.SmsStatus;
import io.trunkline.gateway.MessageStatuses;
import io.trunkline.gateway.SmsMessage;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<SmsMessage, String> {

    /** The tenant's message; empty for an unknown id and for another tenant's message alike. */
    public Optional<SmsMessage> findForTenant(String tenantId, String messageId) {
        return find("id = ?1 and tenantId = ?2", messageId, tenantId).firstResultOptional();
    }

    /** The tenant's messages, newest first, optionally of one status. */
    public PanacheQuery<SmsMessage> pageForTenant(String tenantId, SmsStatus status, int page, int size) {
        Sort newestFirst = Sort.descending("createdAt", "id");
        PanacheQuery<SmsMessage> q = status == null
                ? find("tenantId = ?1", newestFirst, tenantId)
                : find("tenantId = ?1 and status = ?2", newestFirst, tenantId, status);
        return q.page(Page.of(page, size));
    }

    /**
     * Moves the message to {@code status} only if that is further along than where it is: one atomic conditional
     * UPDATE, so concurrent or late reports can never move it backwards and a terminal status stays. Returns whether
     * it moved.
     */
    public boolean advance(String messageId, SmsStatus status, String channelMessageId, String errorCode,
            String errorReason, Instant now) {
        int rank = MessageStatuses.rank(status);
        return update("status = ?1, statusRank = ?2, channelMessageId = coalesce(?3, channelMessageId), "
                + "errorCode = coalesce(?4, errorCode), errorReason = coalesce(?5, errorReason), updatedAt = ?6 "
                + "where id = ?7 and statusRank < ?2", status, rank, channelMessageId, errorCode, errorReason, now,
                messageId) == 1;
    }
}
