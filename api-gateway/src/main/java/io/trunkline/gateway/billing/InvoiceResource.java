package io.trunkline.gateway.billing;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.rest.CurrentTenant;
import io.trunkline.gateway.rest.GatewayApi;
import io.trunkline.gateway.rest.TenantAuthenticated;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/** The tenant's invoices, read from billing-service; another tenant's invoice is a 404 like a missing one. */
@Path("/v1/invoices")
@TenantAuthenticated
@Tag(name = "billing")
@SecurityRequirement(name = GatewayApi.API_KEY)
@APIResponse(responseCode = "503", description = "Billing is unavailable; try again (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class InvoiceResource {
    /** Billing's invoice ids are UUIDs; anything else cannot be one and is not passed on. */
    private static final Pattern INVOICE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final BillingClient billing;
    private final CurrentTenant tenant;

    public InvoiceResource(BillingClient billing, CurrentTenant tenant) {
        this.billing = billing;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's invoices, newest period first (without lines)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantBillingViews.InvoiceSummary.class)))
    public List<TenantBillingViews.InvoiceSummary> list() {
        String tenantId = tenant.get().tenantId();
        return billing.invoices(tenantId).stream()
                .filter(i -> tenantId.equals(i.tenantId()))
                .map(TenantBillingViews.InvoiceSummary::of).toList();
    }

    @GET
    @Path("/{id}")
    @Produces({ MediaType.APPLICATION_JSON, BillingParams.CSV })
    @Operation(summary = "One invoice with its lines, as JSON or CSV (?format=csv or Accept: text/csv)")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantBillingViews.InvoiceView.class)),
        @Content(mediaType = BillingParams.CSV) })
    @APIResponse(responseCode = "404", description = "No such invoice for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id,
            @Parameter(description = "json or csv (else the Accept header decides)") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = BillingParams.csv(format, accept);
        if (!INVOICE_ID.matcher(id).matches()) {
            throw notFound(id);
        }
        String tenantId = tenant.get().tenantId();
        BillingModel.Invoice invoice = billing.invoice(id)
                .filter(i -> tenantId.equals(i.tenantId()))
                .orElseThrow(() -> notFound(id));
        if (!csv) {
            return Response.ok(TenantBillingViews.InvoiceView.of(invoice), MediaType.APPLICATION_JSON).build();
        }
        // the owner is checked above; billing renders the CSV finance gets, so both are the same file
        String body = billing.invoiceCsv(invoice.id()).orElseThrow(() -> notFound(id));
        String name = invoice.number() != null ? invoice.number() : "draft-" + invoice.id();
        return Response.ok(body, BillingParams.CSV)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("invoice " + (INVOICE_ID.matcher(id).matches() ? id : "(invalid id)"));
    }
}
