package io.trunkline.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.service.InboundQueryService;
import io.trunkline.platform.rest.Problem;

/** The tenant's received messages. */
@Path("/v1/inbound")
@TenantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inbound")
@SecurityRequirement(name = GatewayApi.API_KEY)
public class InboundResource {
    private final InboundQueryService inbound;
    private final CurrentTenant tenant;

    public InboundResource(InboundQueryService inbound, CurrentTenant tenant) {
        this.inbound = inbound;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "The tenant's inbound messages, newest first", description = "Cursor pagination: pass "
            + "nextCursor as cursor; null nextCursor = the last page. Only the tenant's own messages.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InboundPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter, cursor or limit; errors[] names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InboundPage list(
            @Parameter(description = "Sender (E.164)", example = "+61412345678") @QueryParam("from") String from,
            @Parameter(description = "Receiving number as received") @QueryParam("to") String to,
            @Parameter(description = "Matched keyword, any case", example = "BG") @QueryParam("keyword") String keyword,
            @Parameter(description = "Received at or after (RFC 3339)") @QueryParam("since") String since,
            @Parameter(description = "Received before (RFC 3339)") @QueryParam("until") String until,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1-100 (default 50)") @QueryParam("limit") String limit) {
        return inbound.list(tenant.get().tenantId(),
                new InboundQueryService.Query(from, to, keyword, since, until, cursor, limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One inbound message")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InboundView.class)))
    @APIResponse(responseCode = "404", description = "No such message for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InboundView get(@PathParam("id") String id) {
        return inbound.get(tenant.get().tenantId(), id);
    }
}
