package io.trunkline.gateway.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.service.BroadcastService;
import io.trunkline.platform.rest.Problem;

@Path("/v1/broadcasts")
@TenantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "broadcasts")
@SecurityRequirement(name = GatewayApi.API_KEY)
public class BroadcastResource {
    private final BroadcastService broadcasts;
    private final CurrentTenant tenant;

    public BroadcastResource(BroadcastService broadcasts, CurrentTenant tenant) {
        this.broadcasts = broadcasts;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send one text or template to many numbers", description = "Up to 100,000 recipients inline "
            + "(`to`) or a contact list's members (`contact_list_id`). Answers at once: the broadcast and all its "
            + "recipients are stored before the 202, then sent in paced batches. Rows that cannot be sent (invalid "
            + "number, duplicate, opted out, missing template field, text too long) are reported per row and "
            + "counted, never dropped silently; the other rows are sent.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "inline", value = "{\"from\": \"Trunkline\", \"template\": \"Hi {{first_name|there}}, "
                    + "sale ends tonight\", \"to\": [\"+61412345678\", {\"number\": \"0412345679\", \"fields\": "
                    + "{\"first_name\": \"Ann\"}}]}"),
            @ExampleObject(name = "contact list", value = "{\"from\": \"Trunkline\", \"text\": \"Sale ends tonight\", "
                    + "\"contact_list_id\": \"5b0c7a3e-2f7d-4a55-9f0e-1c2d3e4f5a6b\", "
                    + "\"send_at\": \"2026-12-24T09:00:00Z\"}") }))
    @APIResponse(responseCode = "202", description = "Accepted; Location names the broadcast",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BroadcastView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request-level field (from, text, template, to, "
            + "contact_list_id, send_at, reference, status_callback); errors[] names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "402", description = "Insufficient funds or account blocked by billing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "contact_list_id names no list of this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @Parameter(description = "Makes the request safe to retry: the same key with the same body answers the "
                    + "same broadcast again (Idempotent-Replayed: true) and creates nothing; another body is a 409. "
                    + "Per tenant, kept as long as the broadcast.")
            @HeaderParam(BroadcastService.IDEMPOTENCY_HEADER) String idempotencyKey,
            @Context HttpHeaders headers,
            BroadcastRequest body) {
        if (idempotencyKey == null && headers.getRequestHeaders().containsKey(BroadcastService.IDEMPOTENCY_HEADER)) {
            idempotencyKey = ""; // present but empty: refused, not taken as "no key"
        }
        BroadcastService.Created c = broadcasts.create(tenant.get(), body, idempotencyKey);
        Response.ResponseBuilder r = Response.accepted(c.view()).location(URI.create("/v1/broadcasts/" + c.view().id()));
        if (c.replayed()) {
            r.header("Idempotent-Replayed", "true");
        }
        return r.build();
    }

    @GET
    @Operation(summary = "The tenant's broadcasts, newest first", description = "Each with its counts; the per-row "
            + "errors are on the single read.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BroadcastPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid cursor or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BroadcastPage list(
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) @QueryParam("size") String size) {
        return broadcasts.list(tenant.get(), cursor, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A broadcast with its progress", description = "counts follow the messages' statuses as "
            + "receipts arrive; errors shows the first per-row errors (errors_total says how many there are).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BroadcastView.class)))
    @APIResponse(responseCode = "404", description = "No such broadcast for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BroadcastView get(@PathParam("id") String id) {
        return broadcasts.get(tenant.get(), id);
    }

    @GET
    @Path("/{id}/errors")
    @Operation(summary = "A broadcast's per-row errors, by row")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BroadcastErrorPage.class)))
    @APIResponse(responseCode = "404", description = "No such broadcast for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BroadcastErrorPage errors(@PathParam("id") String id,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) @QueryParam("size") String size) {
        return broadcasts.errors(tenant.get(), id, cursor, size);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel what has not been sent", description = "Recipients not yet dispatched become "
            + "canceled; messages already created go on. Canceling a canceled broadcast answers it again.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BroadcastView.class)))
    @APIResponse(responseCode = "404", description = "No such broadcast for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Every recipient was dispatched already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BroadcastView cancel(@PathParam("id") String id) {
        return broadcasts.cancel(tenant.get(), id);
    }
}
