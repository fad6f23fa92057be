package io.trunkline.billing.rest;

import java.time.Instant;

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

/** The operator's view of tenant accounts: balances, top-ups, adjustments, settings, the ledger and CDRs. */
@Path("/v1/ops/accounts/{tenantId}")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {
    static final String OPERATOR_HEADER = "X-Operator";
    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_PAGE_SIZE = 50;

    private final AccountService accounts;
    private final LedgerRepository ledger;
    private final RatedCdrRepository cdrs;

    public AccountResource(AccountService accounts, LedgerRepository ledger, RatedCdrRepository cdrs) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.cdrs = cdrs;
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
}
