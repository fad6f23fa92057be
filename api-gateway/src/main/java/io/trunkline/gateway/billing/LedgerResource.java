package io.trunkline.gateway.billing;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.config.GatewayConfig;
import io.trunkline.gateway.rest.CurrentTenant;
import io.trunkline.gateway.rest.GatewayApi;
import io.trunkline.gateway.rest.TenantAuthenticated;
import io.trunkline.platform.rest.Problem;

/** The tenant's account ledger, read from billing-service for the tenant of the API key. */
@Path("/v1/account/ledger")
@TenantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "billing", description = "The tenant's ledger, usage and invoices, from billing")
@SecurityRequirement(name = GatewayApi.API_KEY)
@APIResponse(responseCode = "503", description = "Billing is unavailable; try again (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LedgerResource {
    static final int DEFAULT_PAGE_SIZE = 20;

    private final BillingClient billing;
    private final CurrentTenant tenant;
    private final GatewayConfig config;

    public LedgerResource(BillingClient billing, CurrentTenant tenant, GatewayConfig config) {
        this.billing = billing;
        this.tenant = tenant;
        this.config = config;
    }

    @GET
    @Operation(summary = "Every change to the tenant's balance, newest first",
            description = "Top-ups, adjustments, charges for messages and calls, fees and settings changes. Empty "
                    + "until billing has opened the tenant's account.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantBillingViews.LedgerPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantBillingViews.LedgerPage ledger(
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) @QueryParam("page") String pageParam,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) @QueryParam("size") String sizeParam) {
        int page = BillingParams.intParam("page", pageParam, 0, 0, 1_000_000);
        int size = BillingParams.intParam("size", sizeParam, DEFAULT_PAGE_SIZE, 1, config.maxPageSize());
        return billing.ledger(tenant.get().tenantId(), page, size)
                .map(p -> new TenantBillingViews.LedgerPage(
                        p.items().stream().map(TenantBillingViews.LedgerItem::of).toList(), page, size, p.total()))
                .orElse(new TenantBillingViews.LedgerPage(List.of(), page, size, 0));
    }
}
