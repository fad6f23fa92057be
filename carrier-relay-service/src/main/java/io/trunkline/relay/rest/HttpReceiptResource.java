package io.trunkline.relay.rest;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.trunkline.platform.rest.ProblemException;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.service.ReceiptService;
import io.trunkline.relay.smpp.DeliveryReceipt;

/**
 * Delivery receipts from HTTP carriers: {@code GET /v1/carriers/{name}/receipts?id=..&status=..&err=..} or the same
 * as a form POST (parameter names per carrier: {@code receipt-id-param}, ...). The carrier's status is mapped to a
 * stat word by {@code receipt-status-map}; the receipt is then applied exactly like an SMPP receipt (an unknown id
 * is kept as an orphan). Answers 200 {@code OK} once the effect is committed, so a carrier that retries on error
 * never loses a receipt.
 */
@Path("/v1/carriers/{name}/receipts")
public class HttpReceiptResource {
    private final RelayConfig config;
    private final ReceiptService receipts;

    public HttpReceiptResource(RelayConfig config, ReceiptService receipts) {
        this.config = config;
        this.receipts = receipts;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A delivery receipt from an HTTP carrier, as query parameters")
    public String get(@PathParam("name") String name, @jakarta.ws.rs.core.Context UriInfo uri) {
        return apply(name, uri.getQueryParameters());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A delivery receipt from an HTTP carrier, as a form")
    public String post(@PathParam("name") String name, MultivaluedMap<String, String> form,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        form.putAll(uri.getQueryParameters());
        return apply(name, form);
    }

    private String apply(String name, MultivaluedMap<String, String> params) {
        RelayConfig.HttpCarrier c = config.httpCarriers().get(name);
        if (c == null) {
            throw ProblemException.notFound("HTTP carrier " + name);
        }
        if (c.receiptToken().isPresent() && !c.receiptToken().get().equals(params.getFirst("token"))) {
            throw ProblemException.unauthorized("a valid token parameter is required");
        }
        String id = params.getFirst(c.receiptIdParam());
        String status = params.getFirst(c.receiptStatusParam());
        if (id == null || id.isBlank() || status == null || status.isBlank()) {
            throw ProblemException.invalid(id == null || id.isBlank() ? c.receiptIdParam() : c.receiptStatusParam(),
                    "is required");
        }
        Map<String, String> map = c.receiptStatusMap();
        String stat = map.getOrDefault(status, map.getOrDefault(status.toLowerCase(), status.toUpperCase()));
        String err = params.getFirst(c.receiptErrorParam());
        DeliveryReceipt r = new DeliveryReceipt(null, id, stat, null, err, null, null, null, null,
                "http receipt " + params);
        return receipts.onReceipt(name, r).name();
    }
}
