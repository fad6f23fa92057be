package io.trunkline.billing.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.trunkline.billing.Money;
import io.trunkline.billing.ServiceCode;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.billing.service.Rater;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.platform.rest.OperatorOnly;

/** Least-cost answers for the gateway's routing decision. */
@Path("/v1/routes")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {
    private final Rater rater;
    private final String defaultCurrency;

    public RouteResource(Rater rater, BillingConfig config) {
        this.rater = rater;
        this.defaultCurrency = config.newAccount().currency();
    }

    public record CarrierView(String carrier, String plan, String prefix, String destination, String currency,
            String price, String connectFee, int initialBlock, int increment, String comparablePrice) {
    }

    public record RouteQuoteView(String destination, String service, String currency, List<CarrierView> carriers) {
    }

    /**
     * The carriers whose buy cards have an effective rate for {@code service} (default {@code sms-out}) to
     * {@code destination}, cheapest first; {@code comparablePrice} is one segment (SMS) or one minute plus the connect
     * fee (calls) in {@code currency} (default: the default account currency), null if there is no FX rate.
     */
    @GET
    @Path("quote")
    public RouteQuoteView quote(@QueryParam("destination") String destination, @QueryParam("service") String service,
            @QueryParam("currency") String currency) {
        if (destination == null || !destination.matches(QuoteResource.DESTINATION)) {
            throw ProblemException.invalid("destination",
                    destination == null ? "is required" : "must be a phone number such as +61412345678");
        }
        ServiceCode code;
        try {
            code = service == null ? ServiceCode.SMS_OUT : ServiceCode.ofCode(service);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid("service", e.getMessage()));
        }
        String cur = currency == null ? defaultCurrency : currency;
        if (!cur.matches(Requests.CURRENCY)) {
            throw ProblemException.invalid("currency", Requests.CURRENCY_MESSAGE);
        }
        List<CarrierView> carriers = rater.routes(destination, code.cdrService(), cur).stream()
                .map(o -> new CarrierView(o.carrier(), o.plan(), o.rate().prefix(), o.rate().destination(),
                        o.rate().currency(), Money.formatPrice(o.rate().price()), Money.formatPrice(o.rate().connectFee()),
                        o.rate().initialBlock(), o.rate().increment(),
                        o.comparable() == null ? null : Money.formatPrice(o.comparable())))
                .toList();
        return new RouteQuoteView(destination, code.code(), cur, carriers);
    }
}
