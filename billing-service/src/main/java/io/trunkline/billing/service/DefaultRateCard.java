package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.events.CdrService;

/**
 * One flat rate per service for every tenant and destination, from {@code trunkline.billing.default-rates.*}. Only
 * accounts in the card's currency can be rated by it. A {@link DefaultBean}: the rating engine's card replaces it.
 */
@DefaultBean
@ApplicationScoped
public class DefaultRateCard implements RateCard {
    public static final String PLAN = "default";

    private final BillingConfig.DefaultRates rates;

    public DefaultRateCard(BillingConfig config) {
        this.rates = config.defaultRates();
    }

    @Override
    public Optional<Rate> find(String tenantId, CdrService service, String destination, String currency, Instant at) {
        if (!rates.currency().equals(currency)) {
            return Optional.empty();
        }
        BigDecimal price = switch (service) {
            case SMS_OUT -> rates.smsOut();
            case SMS_IN -> rates.smsIn();
            case CALL_OUT -> rates.callOut();
            case CALL_IN -> rates.callIn();
        };
        return Optional.of(new Rate(PLAN, service, currency, price, Rate.unitOf(service)));
    }
}
