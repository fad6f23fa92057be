package io.trunkline.gateway.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.SenderId;
import io.trunkline.gateway.Tenant;
import io.trunkline.gateway.repository.TenantRepository;
import io.trunkline.gateway.rest.CreateTenantRequest;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/** Tenants, as the operator manages them. */
@ApplicationScoped
public class TenantService {
    private static final Logger LOG = Logger.getLogger(TenantService.class);
    static final int MAX_NAME = 100;
    static final int MAX_SENDER_IDS = 100;

    private final TenantRepository tenants;
    private final AcceptCaches caches;
    private final PhoneNumbers numbers;

    public TenantService(TenantRepository tenants, PhoneNumbers numbers, AcceptCaches caches) {
        this.caches = caches;
        this.tenants = tenants;
        this.numbers = numbers;
    }

    @Transactional
    public Tenant create(CreateTenantRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? null : request.name().trim();
        if (name == null || name.isEmpty()) {
            errors.add(new Problem.FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new Problem.FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        String region = PhoneNumbers.normaliseRegion(request.defaultRegion());
        if (region == null || region.isEmpty()) {
            errors.add(new Problem.FieldError("defaultRegion", "is required"));
        } else if (!numbers.isSupportedRegion(region)) {
            errors.add(new Problem.FieldError("defaultRegion", "is not a supported ISO 3166-1 alpha-2 region: " + region));
        }
        Set<String> senderIds = new LinkedHashSet<>();
        List<String> requested = request.senderIds() == null ? List.of() : request.senderIds();
        if (requested.size() > MAX_SENDER_IDS) {
            errors.add(new Problem.FieldError("senderIds", "must have at most " + MAX_SENDER_IDS + " entries"));
        } else {
            for (int i = 0; i < requested.size(); i++) {
                String s = requested.get(i);
                if (SenderId.isAlphanumeric(s)) {
                    senderIds.add(s);
                } else if (SenderId.looksE164(s) && numbers.possibleE164(s).isPresent()) {
                    senderIds.add(numbers.possibleE164(s).get());
                } else {
                    errors.add(new Problem.FieldError("senderIds/" + i, "must be an E.164 number or an alphanumeric "
                            + "sender id of 1-" + SenderId.MAX_ALPHANUMERIC + " letters, digits, spaces or . - _ &"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        Tenant t = new Tenant();
        t.id = UUID.randomUUID().toString();
        t.name = name;
        t.defaultRegion = region;
        t.status = Tenant.Status.ACTIVE;
        t.senderIds = new ArrayList<>(senderIds);
        t.createdAt = Clocks.now();
        t.updatedAt = t.createdAt;
        tenants.persist(t);
        LOG.infof("tenant %s (%s) created", t.id, t.name);
        return t;
    }

    @Transactional
    public List<Tenant> list() {
        return tenants.listOldestFirst();
    }

    /** The tenant, or a 404 problem. */
    @Transactional
    public Tenant require(String id) {
        Tenant t = id == null ? null : tenants.findById(id);
        if (t == null) {
            throw ProblemException.notFound("tenant " + id);
        }
        return t;
    }

    @Transactional
    public Tenant setStatus(String id, Tenant.Status status) {
        Tenant t = require(id);
        if (t.status != status) {
            t.status = status;
            t.updatedAt = Clocks.now();
            caches.keysChanged();
            LOG.infof("tenant %s is now %s", t.id, status);
        }
        return t;
    }
}
