package io.trunkline.gateway.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gateway.PollVote;

@ApplicationScoped
public class PollVoteRepository implements PanacheRepositoryBase<PollVote, PollVote.Key> {

    /** Votes per choice. */
    public Map<String, Long> tally(String appId) {
        List<Object[]> rows = getEntityManager().createQuery("select v.choice, count(v) from PollVote v "
                + "where v.appId = ?1 group by v.choice", Object[].class).setParameter(1, appId).getResultList();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object[] r : rows) {
            out.put((String) r[0], ((Number) r[1]).longValue());
        }
        return out;
    }
}
