package io.trunkline.gateway.rest;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.trunkline.gateway.TenantBalance;
import io.trunkline.gateway.TenantPrincipal;

/**
 * {@code GET /v1/account}: the tenant and its latest known balance. Money is a decimal string. The balance fields are
 * null until billing has published a state for the tenant; {@code available} is null for a postpaid tenant.
 */
public record AccountView(
        String tenantId,
        String name,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance,
        String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal creditLimit,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal available,
        Boolean prepaid,
        boolean blocked,
        Instant updatedAt) {

    public static AccountView of(TenantPrincipal tenant, TenantBalance b) {
        if (b == null) {
            return new AccountView(tenant.tenantId(), tenant.name(), null, null, null, null, null, false, null);
        }
        return new AccountView(tenant.tenantId(), tenant.name(), b.balance, b.currency, b.creditLimit, b.available(),
                b.prepaid, b.blocked, b.changedAt);
    }
}
