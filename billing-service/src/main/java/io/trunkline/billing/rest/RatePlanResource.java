package io.trunkline.billing.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.trunkline.billing.FailedPolicy;
import io.trunkline.billing.Money;
import io.trunkline.billing.PlanKind;
import io.trunkline.billing.RatePlan;
import io.trunkline.billing.rating.RateCsv;
import io.trunkline.billing.service.RateBook;
import io.trunkline.billing.service.RatePlanService;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.platform.rest.OperatorOnly;

/** Finance's rate plans (sell) and carrier cards (buy), their CSV rates, tenants' plans and the FX table. */
@Path("/v1/ops")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RatePlanResource {
    static final String PLAN_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String CSV = "text/csv";

    private final RatePlanService service;
    private final RateBook book;

    public RatePlanResource(RatePlanService service, RateBook book) {
        this.service = service;
        this.book = book;
    }

    public record PlanBody(@NotNull @Pattern(regexp = "sell|buy", message = "must be sell or buy") String kind,
            @Size(max = 128) String carrier,
            @NotNull @Pattern(regexp = Requests.CURRENCY, message = Requests.CURRENCY_MESSAGE) String currency,
            @Pattern(regexp = "not-billed|billed", message = "must be not-billed or billed") String failedPolicy,
            @Size(max = 255) String description) {
    }

    public record PlanView(String id, String kind, String carrier, String currency, String failedPolicy,
            String description, int rates, long version) {
        static PlanView of(RatePlan p) {
            return new PlanView(p.id, p.kind, p.carrier, p.currency, p.failedPolicy, p.description, p.rateCount,
                    p.version);
        }
    }

    @PUT
    @Path("rate-plans/{id}")
    public Response put(@PathParam("id") @Pattern(regexp = PLAN_ID, message = "must be 1-64 letters, digits or . _ -") String id,
            @NotNull(message = "a JSON body is required") @Valid PlanBody body) {
        boolean created = service.put(id, new RatePlanService.PlanSpec(PlanKind.ofCode(body.kind()), body.carrier(),
                body.currency(), body.failedPolicy() == null ? null : FailedPolicy.ofCode(body.failedPolicy()),
                body.description()));
        book.refresh();
        return Response.status(created ? 201 : 200).entity(PlanView.of(service.get(id))).build();
    }

    @GET
    @Path("rate-plans")
    public List<PlanView> list() {
        return service.list().stream().map(PlanView::of).toList();
    }

    @GET
    @Path("rate-plans/{id}")
    public PlanView get(@PathParam("id") String id) {
        return PlanView.of(service.get(id));
    }

    /**
     * Imports rates as CSV (see {@link RateCsv}); {@code mode=replace} (default) drops the plan's other rates,
     * {@code merge} keeps them. All or nothing: a file with bad rows is refused with 422 naming each one.
     */
    @POST
    @Path("rate-plans/{id}/rates")
    @Consumes({ CSV, MediaType.TEXT_PLAIN })
    public RatePlanService.Imported importRates(@PathParam("id") String id, String csv,
            @QueryParam("mode") @DefaultValue("replace") String mode) {
        if (!mode.equals("replace") && !mode.equals("merge")) {
            throw ProblemException.invalid("mode", "must be replace or merge");
        }
        RatePlanService.Imported result = service.importCsv(id, csv, mode.equals("replace"));
        book.refresh();
        return result;
    }

    @GET
    @Path("rate-plans/{id}/rates")
    @Produces(CSV)
    public Response exportRates(@PathParam("id") String id) {
        service.get(id);
        return Response.ok(RateCsv.format(book.rates(id)))
                .header("Content-Disposition", "attachment; filename=\"" + id + "-rates.csv\"").build();
    }

    public record FxBody(@NotNull @Pattern(regexp = Requests.CURRENCY, message = Requests.CURRENCY_MESSAGE) String from,
            @NotNull @Pattern(regexp = Requests.CURRENCY, message = Requests.CURRENCY_MESSAGE) String to,
            @NotNull @Digits(integer = 9, fraction = 10) BigDecimal rate) {
    }

    public record FxView(String from, String to, String rate) {
    }

    /** Sets 1 {@code from} = {@code rate} {@code to}. */
    @PUT
    @Path("fx")
    public FxView putFx(@NotNull(message = "a JSON body is required") @Valid FxBody body) {
        service.putFx(body.from(), body.to(), body.rate());
        book.refresh();
        return new FxView(body.from(), body.to(), body.rate().toPlainString());
    }

    @GET
    @Path("fx")
    public List<FxView> fx() {
        return service.fxRates().stream()
                .map(r -> new FxView((String) r[0], (String) r[1], ((BigDecimal) r[2]).stripTrailingZeros().toPlainString()))
                .toList();
    }

    static String money(BigDecimal v) {
        return Money.formatPrice(v);
    }
}
