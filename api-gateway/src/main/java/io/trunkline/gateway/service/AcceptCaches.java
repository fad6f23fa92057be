package io.trunkline.gateway.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.trunkline.gateway.RouteRule;
import io.trunkline.gateway.TenantBalance;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.config.AcceptConfig;
import io.trunkline.platform.tx.AfterCommit;

/**
 * The short-lived caches in front of every single send, so that a send reads nothing but its own opt-out check:
 * verified API keys, tenants' last known balances and their routing rules. Each expires after its TTL
 * ({@link AcceptConfig}); a change made through this instance empties the cache at once and again after its commit
 * (so a request racing the change cannot put the old value back for longer than that).
 */
@ApplicationScoped
public class AcceptCaches {
    private final Cache<String, VerifiedKey> keys;
    private final Cache<String, Optional<TenantBalance>> balances;
    private final Cache<String, List<RouteRule>> routes;
    private final TransactionSynchronizationRegistry transactions;

    public AcceptCaches(AcceptConfig config, TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.keys = Caffeine.newBuilder().expireAfterWrite(config.keyCacheTtl()).maximumSize(100_000).build();
        this.balances = Caffeine.newBuilder().expireAfterWrite(config.balanceCacheTtl()).maximumSize(100_000).build();
        this.routes = Caffeine.newBuilder().expireAfterWrite(config.routeCacheTtl()).maximumSize(100_000).build();
    }

    /** An API key found valid (not revoked): what it gives access to, and when this instance last recorded its use. */
    public static final class VerifiedKey {
        final String keyId;
        final TenantPrincipal tenant;
        final boolean suspended;
        volatile Instant lastUsedAt;

        VerifiedKey(String keyId, TenantPrincipal tenant, boolean suspended, Instant lastUsedAt) {
            this.keyId = keyId;
            this.tenant = tenant;
            this.suspended = suspended;
            this.lastUsedAt = lastUsedAt;
        }
    }

    /** The key with this hash if it was verified within the TTL; null otherwise (unknown keys are never cached). */
    VerifiedKey key(String keyHash) {
        return keys.getIfPresent(keyHash);
    }

    void putKey(String keyHash, VerifiedKey key) {
        keys.put(keyHash, key);
    }

    /** A key was revoked or a tenant's status changed: every verified key is checked again. */
    public void keysChanged() {
        invalidateNowAndAfterCommit(keys::invalidateAll);
    }

    /** The tenant's last known balance (empty: billing has published none), read with {@code load} when not cached. */
    public Optional<TenantBalance> balance(String tenantId, Function<String, Optional<TenantBalance>> load) {
        return balances.get(tenantId, id -> {
            InMemoryOnly.mayBlock();
            return load.apply(id);
        });
    }

    public void balanceChanged(String tenantId) {
        invalidateNowAndAfterCommit(() -> balances.invalidate(tenantId));
    }

    /** The routing rules that may apply to the tenant's messages, read with {@code load} when not cached. */
    public List<RouteRule> routes(String tenantId, Function<String, List<RouteRule>> load) {
        return routes.get(tenantId, id -> {
            InMemoryOnly.mayBlock();
            return load.apply(id);
        });
    }

    /** The operator changed a rule: every tenant's rules are read again. */
    public void routesChanged() {
        invalidateNowAndAfterCommit(routes::invalidateAll);
    }

    private void invalidateNowAndAfterCommit(Runnable invalidate) {
        invalidate.run();
        if (transactions.getTransactionKey() != null) {
            // a read between now and the commit may have cached the old value again
            AfterCommit.run(transactions, invalidate);
        }
    }
}
