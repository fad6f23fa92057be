package io.trunkline.gateway.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.gateway.config.RateLimitConfig;

/**
 * A token bucket per tenant, in this instance's memory: {@code messagesPerSecond} tokens a second up to {@code burst};
 * a send takes one. With several gateway instances each enforces the limit on its own, so a cluster of n instances
 * behind a load balancer admits up to n times the limit (documented; a shared bucket would put a database or cache
 * round trip in front of every send).
 */
@ApplicationScoped
public class RateLimitService {
    private static final long NANOS = 1_000_000_000L;

    private final RateLimitConfig config;
    private final Instance<TenantLimitService> limits;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    // Instance<> because TenantLimitService calls back into forget(): a lazy lookup avoids the constructor cycle.
    public RateLimitService(RateLimitConfig config, Instance<TenantLimitService> limits, MeterRegistry registry) {
        this.config = config;
        this.limits = limits;
        this.registry = registry;
    }

    /** The answer to one send: admitted, or refused with the whole seconds to wait (at least 1). */
    public record Decision(boolean admitted, long retryAfterSeconds, int messagesPerSecond, int burst) {
    }

    /** Takes one token from the tenant's bucket if there is one. */
    public Decision tryAcquire(String tenantId) {
        if (!config.enabled()) {
            return new Decision(true, 0, 0, 0);
        }
        long now = System.nanoTime();
        Bucket b = buckets.get(tenantId);
        if (b == null || now - b.loadedAt > config.refreshAfter().toNanos()) {
            b = reload(tenantId, b, now);
        }
        Decision d = b.take(now);
        if (!d.admitted()) {
            registry.counter("trunkline.gateway.messages.rejected", "reason", "rate-limited").increment();
        }
        return d;
    }

    /**
     * Gives back the token of an admitted send that was not made after all: a send attempted on the event loop that
     * turned out to need a worker thread ({@link InMemoryOnly}) takes its token again when it is run there.
     */
    public void refund(String tenantId) {
        Bucket b = config.enabled() ? buckets.get(tenantId) : null;
        if (b != null) {
            b.give();
        }
    }

    /** Forgets the tenant's bucket, so that its next send reads the limit again (after the operator changed it). */
    public void forget(String tenantId) {
        buckets.remove(tenantId);
    }

    private Bucket reload(String tenantId, Bucket old, long now) {
        InMemoryOnly.mayBlock();
        TenantLimitService.Effective e = limits.get().effective(tenantId);
        // Refreshing must not hand out a new full bucket every refreshAfter: carry over what was left.
        Function<String, Bucket> fresh = k -> new Bucket(e.messagesPerSecond(), e.burst(), now,
                old == null ? e.burst() : Math.min(old.tokensAt(now), e.burst()));
        Bucket b = fresh.apply(tenantId);
        if (old == null) {
            Bucket raced = buckets.putIfAbsent(tenantId, b);
            return raced == null ? b : raced;
        }
        return buckets.replace(tenantId, old, b) ? b : buckets.computeIfAbsent(tenantId, fresh);
    }

    static final class Bucket {
        final int rate;
        final int burst;
        final long loadedAt;
        private double tokens;
        private long last;

        Bucket(int rate, int burst, long now, double tokens) {
            this.rate = rate;
            this.burst = burst;
            this.loadedAt = now;
            this.tokens = tokens;
            this.last = now;
        }

        synchronized double tokensAt(long now) {
            refill(now);
            return tokens;
        }

        synchronized Decision take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, 0, rate, burst);
            }
            double waitSeconds = (1 - tokens) / rate;
            return new Decision(false, Math.max(1, (long) Math.ceil(waitSeconds)), rate, burst);
        }

        synchronized void give() {
            tokens = Math.min(burst, tokens + 1);
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (double) (now - last) * rate / NANOS);
                last = now;
            }
        }
    }
}
