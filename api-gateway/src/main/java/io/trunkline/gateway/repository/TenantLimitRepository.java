package io.trunkline.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gateway.TenantLimit;

@ApplicationScoped
public class TenantLimitRepository implements PanacheRepositoryBase<TenantLimit, String> {
}
