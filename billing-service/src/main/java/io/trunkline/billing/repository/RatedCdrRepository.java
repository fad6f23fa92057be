package io.trunkline.billing.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.trunkline.billing.RatedCdr;

@ApplicationScoped
public class RatedCdrRepository implements PanacheRepositoryBase<RatedCdr, String> {

    public boolean exists(String cdrId) {
        return count("cdrId", cdrId) > 0;
    }

    public boolean existsFor(String tenantId) {
        return find("tenantId", tenantId).firstResultOptional().isPresent();
    }

    /** A tenant's CDRs that started in [from, to) (either bound optional), newest first. */
    public List<RatedCdr> page(String tenantId, Instant from, Instant to, int page, int size) {
        return query(tenantId, from, to).page(Page.of(page, size)).list();
    }

    public long count(String tenantId, Instant from, Instant to) {
        return query(tenantId, from, to).count();
    }

    private PanacheQuery<RatedCdr> query(String tenantId, Instant from, Instant to) {
        List<String> where = new ArrayList<>(List.of("tenantId = :tenant"));
        Map<String, Object> params = new HashMap<>(Map.of("tenant", tenantId));
        if (from != null) {
            where.add("startedAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.add("startedAt < :to");
            params.put("to", to);
        }
        return find(String.join(" and ", where), Sort.descending("startedAt").and("cdrId", Sort.Direction.Descending),
                params);
    }

    /** A tenant's CDRs that started in [from, to), oldest first, at most {@code max}. */
    public List<RatedCdr> export(String tenantId, Instant from, Instant to, int max) {
        return find("tenantId = ?1 and startedAt >= ?2 and startedAt < ?3",
                Sort.ascending("startedAt").and("cdrId"), tenantId, from, to).range(0, max - 1).list();
    }

    /** Unrated CDRs of all tenants, oldest first. */
    public List<RatedCdr> unrated(int max) {
        return find("status", Sort.ascending("startedAt"), io.trunkline.billing.CdrStatus.UNRATED).range(0, max - 1)
                .list();
    }
}
