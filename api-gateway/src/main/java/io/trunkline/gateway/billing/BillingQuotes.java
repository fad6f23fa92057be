package io.trunkline.gateway.billing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** billing-service's price and least-cost answers as the gateway reads them (decimal strings as billing wrote them). */
public final class BillingQuotes {
    private BillingQuotes() {
    }

    /** {@code GET /v1/quotes/sms}: the tenant's price in its account currency. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SmsQuote(String currency, String unitPrice, long segments, String total) {
    }

    /** {@code GET /v1/routes/quote}: carriers with an effective buy rate, cheapest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RouteQuote(String destination, String service, String currency, List<Carrier> carriers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Carrier(String carrier, String plan, String prefix, String currency, String price,
            String comparablePrice) {
    }
}
