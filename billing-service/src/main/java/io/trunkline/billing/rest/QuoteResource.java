package io.trunkline.billing.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.trunkline.billing.Account;
import io.trunkline.billing.Money;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.billing.service.AccountService;
import io.trunkline.billing.service.Rater;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.platform.rest.OperatorOnly;

/** Prices for the gateway, before it accepts a message. */
@Path("/v1/quotes")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
public class QuoteResource {
    static final String DESTINATION = "\\+?[0-9]{3,15}";

    private final Rater rater;
    private final AccountService accounts;
    private final String defaultCurrency;

    public QuoteResource(Rater rater, AccountService accounts, BillingConfig config) {
        this.rater = rater;
        this.accounts = accounts;
        this.defaultCurrency = config.newAccount().currency();
    }

    /** What {@code segments} outbound SMS segments to {@code destination} cost the tenant, in its account's currency. */
    @GET
    @Path("sms")
    public Views.QuoteView sms(@QueryParam("tenantId") String tenantId, @QueryParam("destination") String destination,
            @QueryParam("segments") String segmentsParam) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (tenantId == null || !tenantId.matches(Requests.TENANT_ID)) {
            errors.add(new Problem.FieldError("tenantId", tenantId == null ? "is required" : Requests.TENANT_ID_MESSAGE));
        }
        if (destination == null || !destination.matches(DESTINATION)) {
            errors.add(new Problem.FieldError("destination",
                    destination == null ? "is required" : "must be a phone number such as +61412345678"));
        }
        int segments = 1;
        try {
            segments = Requests.intParam("segments", segmentsParam, 1, 1, 255);
        } catch (ProblemException e) {
            errors.addAll(e.problem().errors());
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        String currency = accounts.find(tenantId).map(a -> a.currency).orElse(defaultCurrency);
        int n = segments;
        Rater.Quote quote = rater.quoteSms(tenantId, destination, n, currency).orElseThrow(() -> new ProblemException(
                Problem.of(422, "no-rate", "No rate", "no sms-out rate in " + currency + " for tenant " + tenantId)));
        return new Views.QuoteView(quote.currency(), Money.formatPrice(quote.unitPrice()), quote.units(),
                Money.format(quote.total()), quote.plan(), quote.rate().prefix(), quote.rate().currency(),
                quote.fxRate().stripTrailingZeros().toPlainString());
    }
}
