package io.trunkline.gateway.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.DatasetRow;

@ApplicationScoped
public class DatasetRowRepository implements PanacheRepositoryBase<DatasetRow, String> {

    /** Oldest first, after the cursor position ({@code afterTime}/{@code afterId}, both null = from the start). */
    public List<DatasetRow> page(String appId, String sender, Instant afterTime, String afterId, int limit) {
        StringBuilder q = new StringBuilder("appId = ?1");
        List<Object> params = new ArrayList<>(List.of(appId));
        if (sender != null) {
            params.add(sender);
            q.append(" and sender = ?").append(params.size());
        }
        if (afterTime != null) {
            params.add(afterTime);
            int t = params.size();
            params.add(afterId);
            q.append(" and (createdAt > ?").append(t).append(" or (createdAt = ?").append(t).append(" and id > ?")
                    .append(params.size()).append("))");
        }
        return find(q.toString(), Sort.ascending("createdAt", "id"), params.toArray()).range(0, limit - 1).list();
    }
}
