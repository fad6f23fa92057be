package io.trunkline.gateway.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.billing.BillingClient;
import io.trunkline.gateway.billing.BillingQuotes;
import io.trunkline.gateway.billing.BillingUnavailableException;
import io.trunkline.gateway.rest.QuoteView;
import io.trunkline.gateway.rest.SendMessageRequest;

/**
 * The quote before a send: the send's own validation (same 400s), its encoding and segments, the route the send would
 * take now, and billing's price for the tenant. Billing down or without a rate does not fail the quote: the price is
 * null and {@code warnings} says why. Nothing is stored or sent, and the balance is not checked.
 */
@ApplicationScoped
public class QuoteService {
    public static final String BILLING_UNAVAILABLE = "billing-unavailable";
    public static final String NO_RATE = "no-rate";

    private final MessageService messages;
    private final RoutingService routing;
    private final BillingClient billing;

    public QuoteService(MessageService messages, RoutingService routing, BillingClient billing) {
        this.messages = messages;
        this.routing = routing;
        this.billing = billing;
    }

    public QuoteView quote(TenantPrincipal tenant, SendMessageRequest request) {
        MessageService.Validated v = messages.validate(tenant, request);
        List<String> warnings = new ArrayList<>();
        RoutingService.Decision route = routing.decide(tenant.tenantId(), v.to());
        if (route.warning() != null) {
            warnings.add(route.warning());
        }
        QuoteView.Price price = null;
        try {
            Optional<BillingQuotes.SmsQuote> q = billing.smsQuote(tenant.tenantId(), v.to(), v.seg().segments());
            if (q.isPresent()) {
                price = new QuoteView.Price(q.get().currency(), q.get().unitPrice(), q.get().total());
            } else {
                warnings.add(NO_RATE + ": billing has no rate for this destination");
            }
        } catch (BillingUnavailableException e) {
            warnings.add(BILLING_UNAVAILABLE + ": " + e.getMessage());
        }
        return new QuoteView(v.seg().encoding().name(), v.seg().segments(), route.route(), price, warnings);
    }
}
