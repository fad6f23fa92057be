package io.trunkline.billing.service;

import java.time.Instant;
import java.util.Optional;

import io.trunkline.events.CdrService;

/**
 * Where rates come from. The walking skeleton has one flat card ({@link DefaultRateCard}); the rating engine will
 * provide per-tenant plans and per-destination rates by supplying another bean of this type, which replaces the
 * default one.
 */
public interface RateCard {

    /**
     * The rate for {@code service} to {@code destination} for a tenant whose account is kept in {@code currency}, as
     * it applied at {@code at}; empty if none applies (the CDR is then stored unrated, never dropped).
     */
    Optional<Rate> find(String tenantId, CdrService service, String destination, String currency, Instant at);
}
