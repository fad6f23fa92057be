package io.trunkline.gateway.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.Tenant;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {

    public List<Tenant> listOldestFirst() {
        return listAll(Sort.by("createdAt").and("id"));
    }
}
