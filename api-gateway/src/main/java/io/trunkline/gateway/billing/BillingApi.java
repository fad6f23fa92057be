package io.trunkline.gateway.billing;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The part of billing-service's ops API ({@code /v1/ops/**}, operator token) the gateway reads for tenants. Built
 * by {@link BillingClient} with the base URL, timeouts and the token; every call names the tenant explicitly, and the
 * tenant id always comes from the caller's API key.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface BillingApi {

    @GET
    @Path("/v1/ops/accounts/{tenantId}/ledger")
    BillingModel.Page<BillingModel.LedgerEntry> ledger(@PathParam("tenantId") String tenantId,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/v1/ops/accounts/{tenantId}/cdrs")
    BillingModel.Page<BillingModel.Cdr> cdrs(@PathParam("tenantId") String tenantId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") int page, @QueryParam("size") int size);

    /** The usage export as JSON: every CDR that started in [from, to), oldest first (billing caps it at 100,000). */
    @GET
    @Path("/v1/ops/accounts/{tenantId}/usage")
    List<BillingModel.Cdr> usage(@PathParam("tenantId") String tenantId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format);

    @GET
    @Path("/v1/ops/invoices")
    List<BillingModel.Invoice> invoices(@QueryParam("tenantId") String tenantId);

    @GET
    @Path("/v1/ops/invoices/{id}")
    BillingModel.Invoice invoice(@PathParam("id") String id);

    @GET
    @Path("/v1/ops/invoices/{id}")
    @Produces("text/csv")
    String invoiceCsv(@PathParam("id") String id, @QueryParam("format") String format);

    /** The tenant's SMS price; 422 when no rate applies. */
    @GET
    @Path("/v1/quotes/sms")
    BillingQuotes.SmsQuote smsQuote(@QueryParam("tenantId") String tenantId,
            @QueryParam("destination") String destination, @QueryParam("segments") int segments);

    /** Least-cost answer: carriers for {@code service} to {@code destination}, cheapest first. */
    @GET
    @Path("/v1/routes/quote")
    BillingQuotes.RouteQuote routeQuote(@QueryParam("destination") String destination,
            @QueryParam("service") String service);
}
