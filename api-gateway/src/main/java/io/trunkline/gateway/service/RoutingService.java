package io.trunkline.gateway.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.RouteRule;
import io.trunkline.gateway.billing.BillingClient;
import io.trunkline.gateway.billing.BillingQuotes;
import io.trunkline.gateway.billing.BillingUnavailableException;
import io.trunkline.gateway.config.GatewayConfig;
import io.trunkline.gateway.repository.RouteRuleRepository;
import io.trunkline.gateway.repository.TenantRepository;
import io.trunkline.gateway.rest.RouteRuleRequest;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * The routing decision of a new message, made once at acceptance: the operator's rules (longest destination prefix
 * first, then a tenant's rule over a global one, then the higher priority, then the oldest), {@code lcr} resolved by
 * billing's least-cost answer as {@code smpp:<cheapest carrier>}, and {@code trunkline.gateway.default-route} when no
 * rule matches or least-cost routing has no answer.
 */
@ApplicationScoped
public class RoutingService {
    private static final Logger LOG = Logger.getLogger(RoutingService.class);
    public static final String LCR = "lcr";
    static final Pattern ROUTE = Pattern.compile("(smpp|http):[A-Za-z0-9._-]{1,58}|gsm|email|lcr");
    static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{0,15}");
    static final Pattern CARRIER = Pattern.compile("[A-Za-z0-9._-]{1,58}");

    private final RouteRuleRepository rules;
    private final AcceptCaches caches;
    private final TenantRepository tenants;
    private final BillingClient billing;
    private final GatewayConfig config;
    private final MeterRegistry registry;

    public RoutingService(RouteRuleRepository rules, TenantRepository tenants, BillingClient billing,
            GatewayConfig config, MeterRegistry registry, AcceptCaches caches) {
        this.caches = caches;
        this.rules = rules;
        this.tenants = tenants;
        this.billing = billing;
        this.config = config;
        this.registry = registry;
    }

    /** The chosen route, the rule that chose it (null = default) and why a fallback was taken (null = none). */
    public record Decision(String route, String ruleId, String warning) {
    }

    /** The route of a message of {@code tenantId} to {@code e164}; may ask billing (bounded by its timeout). */
    public Decision decide(String tenantId, String e164) {
        Optional<RouteRule> rule = match(caches.routes(tenantId, rules::forTenant), tenantId, e164);
        if (rule.isEmpty()) {
            return new Decision(config.defaultRoute(), null, null);
        }
        RouteRule r = rule.get();
        if (!LCR.equals(r.route)) {
            return new Decision(r.route, r.id, null);
        }
        InMemoryOnly.mayBlock();
        String why;
        try {
            Optional<BillingQuotes.Carrier> cheapest = billing.routeQuote(e164)
                    .flatMap(q -> q.carriers() == null ? Optional.empty()
                            : q.carriers().stream().filter(c -> c.carrier() != null
                                    && CARRIER.matcher(c.carrier()).matches()).findFirst());
            if (cheapest.isPresent()) {
                return new Decision("smpp:" + cheapest.get().carrier(), r.id, null);
            }
            why = "billing has no carrier for this destination";
        } catch (BillingUnavailableException e) {
            why = e.getMessage();
        }
        registry.counter("trunkline.gateway.routing.lcr-fallback").increment();
        LOG.warnf("least-cost routing of a message to %s (rule %s): %s; taking the default route %s", e164, r.id, why,
                config.defaultRoute());
        return new Decision(config.defaultRoute(), r.id, "least-cost routing unavailable (" + why
                + "); the default route would be taken");
    }

    /** The rule that applies to {@code e164} among {@code candidates}. */
    static Optional<RouteRule> match(List<RouteRule> candidates, String tenantId, String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return candidates.stream()
                .filter(r -> digits.startsWith(r.prefix))
                .filter(r -> r.tenantId == null || r.tenantId.equals(tenantId))
                .min(Comparator.<RouteRule>comparingInt(r -> -r.prefix.length())
                        .thenComparingInt(r -> r.tenantId == null ? 1 : 0)
                        .thenComparingInt(r -> -r.priority)
                        .thenComparing(r -> r.createdAt)
                        .thenComparing(r -> r.id));
    }

    // --- the operator's CRUD ---

    @Transactional
    public RouteRule create(RouteRuleRequest request) {
        RouteRule r = new RouteRule();
        r.id = UUID.randomUUID().toString();
        r.createdAt = Clocks.now();
        apply(r, request);
        rules.persist(r);
        caches.routesChanged();
        LOG.infof("route rule %s created: prefix '%s', tenant %s -> %s (priority %d)", r.id, r.prefix, r.tenantId,
                r.route, r.priority);
        return r;
    }

    @Transactional
    public RouteRule update(String id, RouteRuleRequest request) {
        RouteRule r = require(id);
        apply(r, request);
        caches.routesChanged();
        LOG.infof("route rule %s changed: prefix '%s', tenant %s -> %s (priority %d)", r.id, r.prefix, r.tenantId,
                r.route, r.priority);
        return r;
    }

    @Transactional
    public void delete(String id) {
        RouteRule r = require(id);
        rules.delete(r);
        caches.routesChanged();
        LOG.infof("route rule %s deleted", id);
    }

    @Transactional
    public RouteRule require(String id) {
        RouteRule r = id == null ? null : rules.findById(id);
        if (r == null) {
            throw ProblemException.notFound("route rule " + id);
        }
        return r;
    }

    @Transactional
    public List<RouteRule> list() {
        return rules.all();
    }

    private void apply(RouteRule r, RouteRuleRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String prefix = request.prefix();
        if (prefix == null) {
            errors.add(new Problem.FieldError("prefix", "is required (destination digits, '' for every destination)"));
        } else if (!PREFIX.matcher(prefix.trim()).matches()) {
            errors.add(new Problem.FieldError("prefix", "must be up to 15 digits, optionally after '+'"));
        }
        String route = request.route();
        if (route == null || !ROUTE.matcher(route).matches()) {
            errors.add(new Problem.FieldError("route",
                    "must be smpp:<carrier>, http:<carrier>, gsm, email or lcr (carrier: letters, digits, . _ -)"));
        }
        String tenantId = request.tenantId() == null || request.tenantId().isBlank() ? null : request.tenantId();
        if (tenantId != null && tenants.findById(tenantId) == null) {
            errors.add(new Problem.FieldError("tenantId", "no such tenant"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        String p = prefix.trim();
        r.prefix = p.startsWith("+") ? p.substring(1) : p;
        r.route = route;
        r.tenantId = tenantId;
        r.priority = request.priority() == null ? 0 : request.priority();
        r.updatedAt = Clocks.now();
    }
}
