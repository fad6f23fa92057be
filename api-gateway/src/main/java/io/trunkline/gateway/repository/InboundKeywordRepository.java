package io.trunkline.gateway.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.InboundKeyword;

@ApplicationScoped
public class InboundKeywordRepository implements PanacheRepositoryBase<InboundKeyword, String> {

    public List<InboundKeyword> forNumber(String numberId) {
        return list("numberId", Sort.ascending("keyword"), numberId);
    }

    public Optional<InboundKeyword> find(String numberId, String keyword) {
        return find("numberId = ?1 and keyword = ?2", numberId, keyword).firstResultOptional();
    }

    public boolean tenantHasKeywordOn(String tenantId, String numberId) {
        return count("tenantId = ?1 and numberId = ?2", tenantId, numberId) > 0;
    }

    /** The distinct tenants with a keyword on the number. */
    public List<String> tenantsOn(String numberId) {
        return getEntityManager().createQuery("select distinct k.tenantId from InboundKeyword k where k.numberId = ?1 "
                + "order by k.tenantId", String.class).setParameter(1, numberId).getResultList();
    }
}
