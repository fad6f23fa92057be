package io.trunkline.gateway.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.TenantLimit;
import io.trunkline.gateway.config.RateLimitConfig;
import io.trunkline.gateway.repository.TenantLimitRepository;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/** The operator's per-tenant rate limits ({@code tenant_limit}), and the configured default for everyone else. */
@ApplicationScoped
public class TenantLimitService {
    private static final Logger LOG = Logger.getLogger(TenantLimitService.class);
    /** Far above what one instance can accept; a higher figure is a typo, not a plan. */
    public static final int MAX_RATE = 1_000_000;

    private final TenantLimitRepository limits;
    private final TenantService tenants;
    private final RateLimitConfig config;
    private final RateLimitService rateLimit;

    public TenantLimitService(TenantLimitRepository limits, TenantService tenants, RateLimitConfig config,
            RateLimitService rateLimit) {
        this.limits = limits;
        this.tenants = tenants;
        this.config = config;
        this.rateLimit = rateLimit;
    }

    /** A tenant's limit as it applies: {@code override} false when it is the configured default. */
    public record Effective(String tenantId, int messagesPerSecond, int burst, boolean override) {
    }

    /** The limit that applies to the tenant; 404 for an unknown tenant. */
    @Transactional
    public Effective get(String tenantId) {
        tenants.require(tenantId);
        return effective(tenantId);
    }

    /** The limit of a tenant without checking that it exists (the send path has authenticated it already). */
    @Transactional
    public Effective effective(String tenantId) {
        TenantLimit l = limits.findById(tenantId);
        return l == null
                ? new Effective(tenantId, config.defaultMessagesPerSecond(), config.defaultBurst(), false)
                : new Effective(tenantId, l.messagesPerSecond, l.burst, true);
    }

    /**
     * Sets the tenant's override. {@code burst} absent means the same as the rate (one second's worth). Both are
     * checked before anything is written, and each bad field is named.
     */
    public Effective set(String tenantId, Integer messagesPerSecond, Integer burst) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (messagesPerSecond == null) {
            errors.add(new Problem.FieldError("messagesPerSecond", "is required"));
        } else if (messagesPerSecond < 1 || messagesPerSecond > MAX_RATE) {
            errors.add(new Problem.FieldError("messagesPerSecond", "must be a whole number between 1 and " + MAX_RATE));
        }
        if (burst != null && (burst < 1 || burst > MAX_RATE)) {
            errors.add(new Problem.FieldError("burst", "must be a whole number between 1 and " + MAX_RATE));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        int b = burst == null ? messagesPerSecond : burst;
        Effective e = QuarkusTransaction.requiringNew().call(() -> store(tenantId, messagesPerSecond, b));
        rateLimit.forget(tenantId);
        return e;
    }

    private Effective store(String tenantId, int messagesPerSecond, int burst) {
        tenants.require(tenantId);
        TenantLimit l = limits.findById(tenantId);
        if (l == null) {
            l = new TenantLimit();
            l.tenantId = tenantId;
            l.messagesPerSecond = messagesPerSecond;
            l.burst = burst;
            l.updatedAt = Clocks.now();
            limits.persist(l);
        } else {
            l.messagesPerSecond = messagesPerSecond;
            l.burst = burst;
            l.updatedAt = Clocks.now();
        }
        LOG.infof("rate limit of tenant %s set to %d/s, burst %d", tenantId, messagesPerSecond, burst);
        return new Effective(tenantId, messagesPerSecond, burst, true);
    }

    /** Drops the override: the tenant gets the configured default again. */
    public Effective reset(String tenantId) {
        Effective e = QuarkusTransaction.requiringNew().call(() -> delete(tenantId));
        rateLimit.forget(tenantId);
        return e;
    }

    private Effective delete(String tenantId) {
        tenants.require(tenantId);
        limits.deleteById(tenantId);
        LOG.infof("rate limit override of tenant %s removed", tenantId);
        return new Effective(tenantId, config.defaultMessagesPerSecond(), config.defaultBurst(), false);
    }
}
