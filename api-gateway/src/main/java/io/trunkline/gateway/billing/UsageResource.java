package io.trunkline.gateway.billing;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

/** The tenant's rated CDRs (usage), read from billing-service for the tenant of the API key. */
@Path("/v1/usage")
@TenantAuthenticated
@Tag(name = "billing")
@SecurityRequirement(name = GatewayApi.API_KEY)
@APIResponse(responseCode = "503", description = "Billing is unavailable; try again (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UsageResource {
    static final String CSV_HEADER = "cdr_id,started_at,service,source,destination,segments,billable_seconds,"
            + "billed_seconds,success,status,status_reason,plan,prefix,units,unit_price,rate_currency,rate_amount,"
            + "fx_rate,amount,currency\n";

    private final BillingClient billing;
    private final CurrentTenant tenant;
    private final GatewayConfig config;

    public UsageResource(BillingClient billing, CurrentTenant tenant, GatewayConfig config) {
        this.billing = billing;
        this.tenant = tenant;
        this.config = config;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, BillingParams.CSV })
    @Operation(summary = "The tenant's rated messages and calls in [from, to)",
            description = "JSON: a page, newest first. CSV (?format=csv or Accept: text/csv): the whole range, oldest "
                    + "first, at most 100,000 rows. from and to default to the current UTC month.")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantBillingViews.UsagePage.class)),
        @Content(mediaType = BillingParams.CSV) })
    @APIResponse(responseCode = "400", description = "Invalid from, to, format, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response usage(
            @Parameter(description = "Start (inclusive) on startedAt: 2026-11-01 or 2026-11-01T00:00:00Z") @QueryParam("from") String fromParam,
            @Parameter(description = "End (exclusive)") @QueryParam("to") String toParam,
            @Parameter(description = "json or csv (else the Accept header decides)") @QueryParam("format") String format,
            @Parameter(description = "Page number from 0 (JSON)", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) @QueryParam("page") String pageParam,
            @Parameter(description = "Page size, 1 to 100 (JSON)", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) @QueryParam("size") String sizeParam,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = BillingParams.csv(format, accept);
        Instant[] range = BillingParams.range(fromParam, toParam, Instant.now());
        String from = range[0].toString();
        String to = range[1].toString();
        String tenantId = tenant.get().tenantId();
        if (csv) {
            StringBuilder sb = new StringBuilder(CSV_HEADER);
            for (BillingModel.Cdr c : billing.usageExport(tenantId, from, to)) {
                appendCsv(sb, c);
            }
            return Response.ok(sb.toString(), BillingParams.CSV)
                    .header("Content-Disposition", "attachment; filename=\"usage-" + from.substring(0, 10) + "-"
                            + to.substring(0, 10) + ".csv\"")
                    .build();
        }
        int page = BillingParams.intParam("page", pageParam, 0, 0, 1_000_000);
        int size = BillingParams.intParam("size", sizeParam, LedgerResource.DEFAULT_PAGE_SIZE, 1, config.maxPageSize());
        TenantBillingViews.UsagePage body = billing.cdrs(tenantId, from, to, page, size)
                .map(p -> new TenantBillingViews.UsagePage(
                        p.items().stream().map(TenantBillingViews.UsageRecord::of).toList(), page, size, p.total(),
                        from, to))
                .orElse(new TenantBillingViews.UsagePage(List.of(), page, size, 0, from, to));
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private static void appendCsv(StringBuilder sb, BillingModel.Cdr c) {
        Object[] fields = { c.cdrId(), c.startedAt(), c.service(), c.source(), c.destination(), c.segments(),
            c.billableSeconds(), c.billedSeconds(), c.success(), c.status(), c.statusReason(), c.ratePlan(),
            c.ratePrefix(), c.units(), c.unitPrice(), c.rateCurrency(), c.rateAmount(), c.fxRate(), c.amount(),
            c.currency() };
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(BillingParams.csvField(fields[i]));
        }
        sb.append('\n');
    }
}
