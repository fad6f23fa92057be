package io.trunkline.billing.rest;

import java.time.Instant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;

import io.trunkline.billing.Charge;
import io.trunkline.billing.ChargeKind;
import io.trunkline.billing.Money;
import io.trunkline.billing.RatedCdr;
import io.trunkline.billing.rating.RateCsv;
import io.trunkline.billing.service.AlertDelivery;
import io.trunkline.billing.service.ChargeService;
import io.trunkline.billing.service.RateBook;
import io.trunkline.billing.service.RatePlanService;
import io.trunkline.billing.service.Rater;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.trunkline.billing.repository.LedgerRepository;
import io.trunkline.billing.repository.RatedCdrRepository;
import io.trunkline.billing.service.AccountService;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.platform.rest.OperatorOnly;

/** The operator's view of tenant accounts: balances, top-ups, adjustments, settings, the ledger and CDRs. */
@Path("/v1/ops/accounts/{tenantId}")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {
    static final String OPERATOR_HEADER = "X-Operator";
    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_PAGE_SIZE = 50;

    static final String CSV = "text/csv";
    static final int MAX_EXPORT = BillingResource.MAX_EXPORT;

    private final AccountService accounts;
    private final LedgerRepository ledger;
    private final RatedCdrRepository cdrs;
    private final RatePlanService plans;
    private final RateBook book;
    private final ChargeService charges;
    private final AlertDelivery alerts;

    public AccountResource(AccountService accounts, LedgerRepository ledger, RatedCdrRepository cdrs,
            RatePlanService plans, RateBook book, ChargeService charges, AlertDelivery alerts) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.cdrs = cdrs;
        this.plans = plans;
        this.book = book;
        this.charges = charges;
        this.alerts = alerts;
    }

    /** Credits the account (opening it if needed); 201, or 200 when the reference was already applied. */
    @POST
    @Path("topups")
    public Response topUp(
            @PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId,
            @NotNull(message = "a JSON body is required") @Valid Requests.TopUp body,
            @HeaderParam(OPERATOR_HEADER) String operator) {
        AccountService.Movement m = accounts.topUp(tenantId, body.amount(), body.currency(), body.reference(),
                body.note(), Requests.actor(operator));
        return Response.status(m.replayed() ? Response.Status.OK : Response.Status.CREATED)
                .entity(Views.MovementView.of(m)).build();
    }

    /** A signed correction with a required note; 201, or 200 when its reference was already applied. */
    @POST
    @Path("adjustments")
    public Response adjust(
            @PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId,
            @NotNull(message = "a JSON body is required") @Valid Requests.Adjustment body,
            @HeaderParam(OPERATOR_HEADER) String operator) {
        if (body.amount().signum() == 0) {
            throw ProblemException.invalid("amount", "must not be zero");
        }
        AccountService.Movement m = accounts.adjust(tenantId, body.amount(), body.currency(), body.reference(),
                body.note(), Requests.actor(operator));
        return Response.status(m.replayed() ? Response.Status.OK : Response.Status.CREATED)
                .entity(Views.MovementView.of(m)).build();
    }

    /** Credit limit, prepaid, low-balance threshold, currency (only before any activity); opens the account if new. */
    @PUT
    public Response configure(
            @PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId,
            @NotNull(message = "a JSON body is required") @Valid Requests.Settings body,
            @HeaderParam(OPERATOR_HEADER) String operator) {
        if (!body.unknownFields().isEmpty()) {
            throw ProblemException.invalid(body.unknownFields().get(0), "is not a setting (creditLimit, prepaid, "
                    + "lowBalanceThreshold, currency, note)");
        }
        boolean existed = accounts.find(tenantId).isPresent();
        AccountService.Movement m = accounts.configure(tenantId, new AccountService.Settings(body.getCreditLimit(),
                body.getPrepaid(), body.lowBalanceThresholdGiven(), body.getLowBalanceThreshold(), body.getCurrency(),
                body.getNote()), Requests.actor(operator));
        return Response.status(existed ? Response.Status.OK : Response.Status.CREATED)
                .entity(Views.MovementView.of(m)).build();
    }

    @GET
    public Views.AccountView get(
            @PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId) {
        return Views.AccountView.of(accounts.get(tenantId));
    }

    /** Every change to the account, newest first. */
    @GET
    @Path("ledger")
    public Views.PageView<Views.LedgerEntryView> ledger(
            @PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId,
            @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        int page = Requests.intParam("page", pageParam, 0, 0, 1_000_000);
        int size = Requests.intParam("size", sizeParam, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        accounts.get(tenantId);
        return new Views.PageView<>(ledger.page(tenantId, page, size).stream().map(Views.LedgerEntryView::of).toList(),
                page, size, ledger.countFor(tenantId));
    }

    /** Rated CDRs that started in [from, to), newest first. */
    @GET
    @Path("cdrs")
    public Views.PageView<Views.CdrView> cdrs(
            @PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId,
            @QueryParam("from") String fromParam, @QueryParam("to") String toParam,
            @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        Instant from = Requests.instantParam("from", fromParam);
        Instant to = Requests.instantParam("to", toParam);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        int page = Requests.intParam("page", pageParam, 0, 0, 1_000_000);
        int size = Requests.intParam("size", sizeParam, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        accounts.get(tenantId);
        return new Views.PageView<>(cdrs.page(tenantId, from, to, page, size).stream().map(Views.CdrView::of).toList(),
                page, size, cdrs.count(tenantId, from, to));
    }

    public record TenantPlanBody(@Size(max = 64) String planId) {
    }

    /** The tenant's sell plan; {@code null} or {@code "default"} goes back to the flat default plan. */
    @PUT
    @Path("plan")
    public Map<String, String> assign(
            @PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId,
            @NotNull(message = "a JSON body is required") TenantPlanBody body) {
        plans.assign(tenantId, body.planId());
        RateBook.Snapshot s = book.refresh();
        return Map.of("tenantId", tenantId, "planId", s.planFor(tenantId).id());
    }

    @GET
    @Path("plan")
    public Map<String, String> plan(
            @PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId) {
        return Map.of("tenantId", tenantId, "planId", book.snapshot().planFor(tenantId).id());
    }

    // ---- charges -------------------------------------------------------------------------------------------------

    public record ChargeBody(@NotNull @Pattern(regexp = "once|monthly", message = "must be once or monthly") String kind,
            @NotBlank @Size(max = 255) String description,
            @NotNull @Positive @Digits(integer = 15, fraction = 4, message = Requests.AMOUNT_DIGITS_MESSAGE) BigDecimal amount,
            @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date YYYY-MM-DD") String startDate,
            @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date YYYY-MM-DD") String endDate) {
    }

    public record ChargeView(String id, String tenantId, String kind, String description, String amount,
            String startDate, String endDate, boolean active) {
        static ChargeView of(Charge c) {
            return new ChargeView(c.id, c.tenantId, c.kind, c.description, Money.format(c.amount), c.startDate,
                    c.endDate, c.active);
        }
    }

    @POST
    @Path("charges")
    public Response createCharge(@PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId,
            @NotNull(message = "a JSON body is required") @Valid ChargeBody body) {
        Charge c = charges.create(tenantId, ChargeKind.ofCode(body.kind()), body.description(), body.amount(),
                date("startDate", body.startDate()), body.endDate() == null ? null : date("endDate", body.endDate()));
        return Response.status(201).entity(ChargeView.of(c)).build();
    }

    @GET
    @Path("charges")
    public List<ChargeView> listCharges(@PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId) {
        return charges.list(tenantId).stream().map(ChargeView::of).toList();
    }

    @DELETE
    @Path("charges/{chargeId}")
    public ChargeView stopCharge(@PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId, @PathParam("chargeId") String chargeId) {
        return ChargeView.of(charges.deactivate(tenantId, chargeId));
    }

    // ---- usage export --------------------------------------------------------------------------------------------

    /** A tenant's CDRs that started in [from, to), oldest first, as CSV ({@code format=csv}, default) or JSON. */
    @GET
    @Path("usage")
    @Produces({ CSV, MediaType.APPLICATION_JSON })
    public Response usage(@PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId, @QueryParam("from") String fromParam,
            @QueryParam("to") String toParam, @QueryParam("format") String format) {
        Instant from = Requests.instantParam("from", fromParam);
        Instant to = Requests.instantParam("to", toParam);
        if (from == null) {
            throw ProblemException.invalid("from", "is required");
        }
        if (to == null) {
            throw ProblemException.invalid("to", "is required");
        }
        if (!from.isBefore(to)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        accounts.get(tenantId);
        List<RatedCdr> rows = cdrs.export(tenantId, from, to, MAX_EXPORT);
        if ("json".equals(format)) {
            return Response.ok(rows.stream().map(Views.CdrView::of).toList(), MediaType.APPLICATION_JSON).build();
        }
        StringBuilder sb = new StringBuilder("cdr_id,started_at,service,destination,segments,billable_seconds,"
                + "billed_seconds,status,plan,prefix,units,rate_currency,rate_amount,fx_rate,amount,currency,carrier,buy_cost,margin\n");
        for (RatedCdr c : rows) {
            sb.append(RateCsv.quote(c.cdrId)).append(',').append(c.startedAt).append(',').append(Rater.code(c.service))
                    .append(',').append(RateCsv.quote(c.destination)).append(',').append(c.segments).append(',')
                    .append(c.billableSeconds).append(',').append(c.billedSeconds == null ? "" : c.billedSeconds)
                    .append(',').append(c.status.code()).append(',').append(nz(c.ratePlan)).append(',')
                    .append(nz(c.ratePrefix)).append(',').append(c.units).append(',').append(nz(c.rateCurrency))
                    .append(',').append(nz(Money.format(c.rateAmount))).append(',')
                    .append(c.fxRate == null ? "" : c.fxRate.stripTrailingZeros().toPlainString()).append(',')
                    .append(Money.format(c.amount)).append(',').append(c.currency).append(',')
                    .append(RateCsv.quote(c.carrier)).append(',').append(nz(Money.format(c.buyCost))).append(',')
                    .append(nz(Money.format(c.margin))).append('\n');
        }
        return Response.ok(sb.toString(), CSV).header("Content-Disposition",
                "attachment; filename=\"usage-" + tenantId + ".csv\"").build();
    }

    // ---- alert targets -------------------------------------------------------------------------------------------

    public record AlertTargetBody(
            @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") @Size(max = 500) String webhookUrl,
            @Size(min = 16, max = 128, message = "must be 16-128 characters") String webhookSecret,
            @Email @Size(max = 255) String email) {
    }

    /** Where the tenant's low-balance alerts go; the threshold is the account's {@code lowBalanceThreshold}. */
    @PUT
    @Path("alert-target")
    public AlertTargetBody putTarget(@PathParam("tenantId") @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId,
            @NotNull(message = "a JSON body is required") @Valid AlertTargetBody body) {
        accounts.get(tenantId);
        if (body.webhookUrl() != null && body.webhookSecret() == null) {
            throw ProblemException.invalid("webhookSecret", "is required with a webhookUrl (calls are signed)");
        }
        alerts.putTarget(tenantId, new AlertDelivery.Target(body.webhookUrl(), body.webhookSecret(), body.email()));
        return new AlertTargetBody(body.webhookUrl(), body.webhookSecret() == null ? null : "********", body.email());
    }

    private static LocalDate date(String field, String v) {
        try {
            return LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date YYYY-MM-DD");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
