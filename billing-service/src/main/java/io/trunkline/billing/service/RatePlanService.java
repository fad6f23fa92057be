package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.billing.FailedPolicy;
import io.trunkline.billing.PlanKind;
import io.trunkline.billing.RatePlan;
import io.trunkline.billing.rating.RateCsv;
import io.trunkline.billing.repository.RatePlanRepository;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Finance's use cases on rate plans: define plans and carrier cards, import (all or nothing) and export their rates,
 * assign plans to tenants, keep the FX table. Each change bumps {@code rating_version} in its transaction; the caller
 * then refreshes the {@link RateBook} (other replicas pick it up on their next poll).
 */
@ApplicationScoped
public class RatePlanService {
    private static final Logger LOG = Logger.getLogger(RatePlanService.class);

    private final RatePlanRepository plans;

    public RatePlanService(RatePlanRepository plans) {
        this.plans = plans;
    }

    public record PlanSpec(PlanKind kind, String carrier, String currency, FailedPolicy failedPolicy,
            String description) {
    }

    /** Creates or updates a plan's definition; true if created. Kind and currency are fixed once it has rates. */
    @Transactional
    public boolean put(String id, PlanSpec spec) {
        if (RateBook.DEFAULT_PLAN.equals(id)) {
            throw ProblemException.invalid("id", "'default' is the configured flat plan and cannot be defined here");
        }
        if (spec.kind() == PlanKind.BUY && spec.carrier() == null) {
            throw ProblemException.invalid("carrier", "is required for a buy card");
        }
        if (spec.kind() == PlanKind.SELL && spec.carrier() != null) {
            throw ProblemException.invalid("carrier", "only a buy card names a carrier");
        }
        RatePlan carrierCard = spec.carrier() == null ? null : plans.find("carrier", spec.carrier()).firstResult();
        if (carrierCard != null && !carrierCard.id.equals(id)) {
            throw conflict("carrier", "carrier " + spec.carrier() + " already has buy card " + carrierCard.id);
        }
        Instant now = Instant.now();
        RatePlan p = plans.findById(id);
        boolean created = p == null;
        if (created) {
            p = new RatePlan();
            p.id = id;
            p.createdAt = now;
            p.version = 1;
        } else {
            if (p.rateCount > 0 && (!p.kind.equals(spec.kind().code()) || !p.currency.equals(spec.currency()))) {
                throw conflict("kind", "a plan with rates keeps its kind and currency");
            }
            p.version++;
        }
        p.kind = spec.kind().code();
        p.carrier = spec.carrier();
        p.currency = spec.currency();
        p.failedPolicy = (spec.failedPolicy() == null ? FailedPolicy.NOT_BILLED : spec.failedPolicy()).code();
        p.description = spec.description();
        p.updatedAt = now;
        if (created) {
            plans.persist(p);
        }
        plans.bumpRatingVersion();
        return created;
    }

    public RatePlan get(String id) {
        RatePlan p = plans.findById(id);
        if (p == null) {
            throw ProblemException.notFound("rate plan " + id);
        }
        return p;
    }

    public List<RatePlan> list() {
        return plans.all();
    }

    /** The outcome of an import: how many rows were written and how many the plan has now. */
    public record Imported(String planId, int rows, long total, long version) {
    }

    /**
     * Imports a CSV into a plan: every row is checked first, and any bad row refuses the whole file (422, each bad row
     * and column named in {@code errors}, nothing written). {@code replace} drops the plan's other rates; otherwise
     * rows are merged (same prefix, service and start date overwritten).
     */
    @Transactional
    public Imported importCsv(String id, String csv, boolean replace) {
        RatePlan p = get(id);
        RateCsv.Parsed parsed = RateCsv.parse(csv == null ? "" : csv, id, p.currency);
        if (!parsed.ok()) {
            List<Problem.FieldError> errors = parsed.errors().stream()
                    .map(e -> new Problem.FieldError(e.field(), "line " + e.line()
                            + (e.column() == null ? "" : ", column " + e.column()) + ": " + e.message()))
                    .toList();
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "invalid-rate-card", "Invalid rate card", 422,
                    errors.size() + " bad row(s); nothing was imported", null, errors));
        }
        if (replace) {
            plans.deleteRates(id);
        }
        plans.insertRates(id, parsed.rates(), !replace);
        long total = plans.countRates(id);
        p.rateCount = (int) total;
        p.version++;
        p.updatedAt = Instant.now();
        plans.bumpRatingVersion();
        LOG.infof("rate plan %s: imported %d row(s) (%s), %d rate(s) now", id, parsed.rates().size(),
                replace ? "replace" : "merge", total);
        return new Imported(id, parsed.rates().size(), total, p.version);
    }

    /** Assigns a sell plan to a tenant (null: back to the default plan). */
    @Transactional
    public void assign(String tenantId, String planId) {
        if (planId == null || RateBook.DEFAULT_PLAN.equals(planId)) {
            plans.unassign(tenantId);
        } else {
            RatePlan p = plans.findById(planId);
            if (p == null) {
                throw ProblemException.invalid("planId", "no rate plan " + planId);
            }
            if (p.planKind() != PlanKind.SELL) {
                throw ProblemException.invalid("planId", planId + " is a buy card, not a sell plan");
            }
            plans.assign(tenantId, planId);
        }
        plans.bumpRatingVersion();
    }

    @Transactional
    public void putFx(String from, String to, BigDecimal rate) {
        if (from.equals(to)) {
            throw ProblemException.invalid("to", "must differ from from");
        }
        if (rate.signum() <= 0) {
            throw ProblemException.invalid("rate", "must be above zero");
        }
        plans.putFx(from, to, rate);
        plans.bumpRatingVersion();
    }

    public List<Object[]> fxRates() {
        return plans.fxRates();
    }

    private static ProblemException conflict(String field, String message) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "conflict", "Conflict", 409, message, null,
                List.of(new Problem.FieldError(field, message))));
    }
}
