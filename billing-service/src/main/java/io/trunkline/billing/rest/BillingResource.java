package io.trunkline.billing.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.trunkline.billing.Charge;
import io.trunkline.billing.ChargeKind;
import io.trunkline.billing.Invoice;
import io.trunkline.billing.Money;
import io.trunkline.billing.RatedCdr;
import io.trunkline.billing.rating.RateCsv;
import io.trunkline.billing.repository.RatedCdrRepository;
import io.trunkline.billing.service.AccountService;
import io.trunkline.billing.service.AlertDelivery;
import io.trunkline.billing.service.ChargeService;
import io.trunkline.billing.service.InvoiceService;
import io.trunkline.billing.service.Rater;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.platform.rest.OperatorOnly;

/** Finance: charges, invoices (JSON and CSV), usage exports, and where low-balance alerts go. */
@Path("/v1/ops")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BillingResource {
    static final String CSV = "text/csv";
    static final int MAX_EXPORT = 100_000;

    private final ChargeService charges;
    private final InvoiceService invoices;
    private final AccountService accounts;
    private final RatedCdrRepository cdrs;
    private final AlertDelivery alerts;

    public BillingResource(ChargeService charges, InvoiceService invoices, AccountService accounts,
            RatedCdrRepository cdrs, AlertDelivery alerts) {
        this.charges = charges;
        this.invoices = invoices;
        this.accounts = accounts;
        this.cdrs = cdrs;
        this.alerts = alerts;
    }

    // ---- invoices ------------------------------------------------------------------------------------------------

    public record InvoiceBody(@NotNull @Pattern(regexp = Requests.TENANT_ID, message = Requests.TENANT_ID_MESSAGE) String tenantId,
            @NotNull @Pattern(regexp = "\\d{4}-\\d{2}", message = "must be a month YYYY-MM") String period) {
    }

    public record LineView(int line, String kind, String service, String destination, String description,
            long quantity, long units, String amount) {
    }

    public record InvoiceView(String id, String tenantId, String period, String status, String number,
            String currency, String usageTotal, String chargesTotal, String total, Instant generatedAt,
            Instant finalizedAt, List<LineView> lines) {
        static InvoiceView of(Invoice i, List<InvoiceService.Line> lines) {
            return new InvoiceView(i.id, i.tenantId, i.period, i.status, i.number, i.currency,
                    Money.format(i.usageTotal), Money.format(i.chargesTotal), Money.format(i.total), i.generatedAt,
                    i.finalizedAt, lines == null ? null : lines.stream().map(l -> new LineView(l.lineNo(), l.kind(),
                            l.service(), l.destination(), l.description(), l.quantity(), l.units(),
                            Money.format(l.amount()))).toList());
        }
    }

    /** Creates or regenerates the draft invoice of a tenant's month; 409 if it is final. */
    @POST
    @Path("invoices")
    public InvoiceView generate(@NotNull(message = "a JSON body is required") @Valid InvoiceBody body) {
        InvoiceService.Full f = invoices.generate(body.tenantId(), YearMonth.parse(body.period()));
        return InvoiceView.of(f.invoice(), f.lines());
    }

    /** Finalises (numbers) an invoice whose month has ended; finalising a final invoice changes nothing. */
    @POST
    @Path("invoices/{id}/finalize")
    public InvoiceView finalise(@PathParam("id") String id) {
        InvoiceService.Full f = invoices.finalise(id);
        return InvoiceView.of(f.invoice(), f.lines());
    }

    @GET
    @Path("invoices")
    public List<InvoiceView> list(@QueryParam("tenantId") String tenantId) {
        if (tenantId == null) {
            throw ProblemException.invalid("tenantId", "is required");
        }
        return invoices.list(tenantId).stream().map(i -> InvoiceView.of(i, null)).toList();
    }

    @GET
    @Path("invoices/{id}")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    public Response invoice(@PathParam("id") String id, @QueryParam("format") String format,
            @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        InvoiceService.Full f = invoices.get(id);
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.startsWith(CSV));
        if (!csv) {
            return Response.ok(InvoiceView.of(f.invoice(), f.lines()), MediaType.APPLICATION_JSON).build();
        }
        Invoice i = f.invoice();
        StringBuilder sb = new StringBuilder("invoice,number,tenant,period,status,line,kind,service,destination,description,quantity,units,amount,currency\n");
        for (InvoiceService.Line l : f.lines()) {
            sb.append(i.id).append(',').append(nz(i.number)).append(',').append(i.tenantId).append(',')
                    .append(i.period).append(',').append(i.status).append(',').append(l.lineNo()).append(',')
                    .append(l.kind()).append(',').append(nz(l.service())).append(',').append(nz(l.destination()))
                    .append(',').append(RateCsv.quote(l.description())).append(',').append(l.quantity()).append(',')
                    .append(l.units()).append(',').append(Money.format(l.amount())).append(',').append(i.currency)
                    .append('\n');
        }
        sb.append(i.id).append(',').append(nz(i.number)).append(',').append(i.tenantId).append(',').append(i.period)
                .append(',').append(i.status).append(",,total,,,Total,,,").append(Money.format(i.total)).append(',')
                .append(i.currency).append('\n');
        return Response.ok(sb.toString(), CSV).header("Content-Disposition",
                "attachment; filename=\"" + (i.number != null ? i.number : "draft-" + i.id) + ".csv\"").build();
    }

    /** Unrated CDRs of every tenant (no rate matched, or no FX rate), oldest first: for finance to fix and re-rate. */
    @GET
    @Path("cdrs/unrated")
    public List<Views.CdrView> unrated(@QueryParam("size") String sizeParam) {
        int size = Requests.intParam("size", sizeParam, 100, 1, 1000);
        return cdrs.unrated(size).stream().map(Views.CdrView::of).toList();
    }

    private static LocalDate date(String field, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date YYYY-MM-DD");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
