package io.trunkline.billing.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.billing.BalanceAlert;

@ApplicationScoped
public class BalanceAlertRepository implements PanacheRepositoryBase<BalanceAlert, String> {

    public List<BalanceAlert> forTenant(String tenantId) {
        return list("tenantId", Sort.descending("createdAt"), tenantId);
    }
}
