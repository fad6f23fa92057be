package io.trunkline.events;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A tenant's balance and credit state after a change; on the compacted {@link Topics#BILLING_BALANCES}, keyed by
 * tenant id, so the latest record is the state. Money travels as decimal strings, never binary floating point.
 * {@code version} increases with every change so a consumer can ignore an older state that arrives late.
 */
public record BalanceChanged(
        String tenantId,
        String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal creditLimit,
        boolean prepaid,
        boolean blocked,
        long version,
        String cause,
        Instant changedAt) implements TrunklineEvent {

    public BalanceChanged {
        Require.present(tenantId, "tenantId");
        Require.present(currency, "currency");
        Require.present(balance, "balance");
        Require.present(creditLimit, "creditLimit");
        Require.present(changedAt, "changedAt");
    }

    /** What the tenant may still spend: balance plus credit for prepaid, unlimited (null) for postpaid. */
    public BigDecimal available() {
        return prepaid ? balance.add(creditLimit) : null;
    }

    @Override
    public String key() {
        return tenantId;
    }
}
