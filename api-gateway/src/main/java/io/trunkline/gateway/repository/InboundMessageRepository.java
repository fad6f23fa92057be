package io.trunkline.gateway.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.InboundMessage;

@ApplicationScoped
public class InboundMessageRepository implements PanacheRepositoryBase<InboundMessage, String> {

    /** Filters of a listing; null = any. {@code tenantId} null with {@code unmatchedOnly} = the operator's catch-all. */
    public record Filter(String tenantId, boolean operator, boolean unmatchedOnly, String sender, String recipient,
            String keyword, Instant since, Instant until) {
    }

    /** The tenant's message; empty for an unknown id and another tenant's message alike. */
    public Optional<InboundMessage> findForTenant(String tenantId, String id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    /** Newest first, after the cursor position ({@code afterTime}/{@code afterId}, both null = from the top). */
    public List<InboundMessage> page(Filter f, Instant afterTime, String afterId, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (!f.operator()) {
            params.add(f.tenantId());
            q.append(" and tenantId = ?").append(params.size());
        } else if (f.unmatchedOnly()) {
            q.append(" and tenantId is null");
        }
        if (f.sender() != null) {
            params.add(f.sender());
            q.append(" and sender = ?").append(params.size());
        }
        if (f.recipient() != null) {
            params.add(f.recipient());
            q.append(" and recipient = ?").append(params.size());
        }
        if (f.keyword() != null) {
            params.add(f.keyword());
            q.append(" and keyword = ?").append(params.size());
        }
        if (f.since() != null) {
            params.add(f.since());
            q.append(" and receivedAt >= ?").append(params.size());
        }
        if (f.until() != null) {
            params.add(f.until());
            q.append(" and receivedAt < ?").append(params.size());
        }
        if (afterTime != null) {
            params.add(afterTime);
            int t = params.size();
            params.add(afterId);
            q.append(" and (receivedAt < ?").append(t).append(" or (receivedAt = ?").append(t)
                    .append(" and id < ?").append(params.size()).append("))");
        }
        return find(q.toString(), Sort.descending("receivedAt", "id"), params.toArray()).range(0, limit - 1).list();
    }
}
