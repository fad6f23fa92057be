package io.trunkline.gateway.rest;

import java.net.URI;
import java.util.List;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.InboundNumber;
import io.trunkline.gateway.service.InboundNumberService;
import io.trunkline.gateway.service.InboundQueryService;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.OperatorOnly;

/** The operator's receiving numbers, their keywords, and every inbound message (the catch-all of unmatched ones). */
@Path("/v1/operator")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
@SecurityRequirement(name = GatewayApi.OPERATOR)
public class OperatorInboundNumberResource {
    private final InboundNumberService numbers;
    private final InboundQueryService inbound;

    public OperatorInboundNumberResource(InboundNumberService numbers, InboundQueryService inbound) {
        this.numbers = numbers;
        this.inbound = inbound;
    }

    @POST
    @Path("/inbound-numbers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign a receiving number", description = "With tenantId the number is exclusive to that "
            + "tenant; without, it is shared and keywords assigned here route its messages.")
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InboundNumberView.class)))
    @APIResponse(responseCode = "400", description = "Invalid number; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(InboundNumberRequest body) {
        InboundNumber n = numbers.create(body);
        return Response.created(URI.create("/v1/operator/inbound-numbers/" + n.id)).entity(InboundNumberView.of(n))
                .build();
    }

    @GET
    @Path("/inbound-numbers")
    @Operation(summary = "All receiving numbers")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InboundNumberView.class, type = org.eclipse.microprofile.openapi
                    .annotations.enums.SchemaType.ARRAY)))
    public List<InboundNumberView> list() {
        return numbers.list().stream().map(InboundNumberView::of).toList();
    }

    @GET
    @Path("/inbound-numbers/{id}")
    @Operation(summary = "One receiving number")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InboundNumberView.class)))
    @APIResponse(responseCode = "404", description = "No such number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InboundNumberView get(@PathParam("id") String id) {
        return InboundNumberView.of(numbers.require(id));
    }

    @PUT
    @Path("/inbound-numbers/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a receiving number's assignment", description = "Owner, kind, default app "
            + "(an app on this number) and description.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InboundNumberView.class)))
    @APIResponse(responseCode = "400", description = "Invalid; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InboundNumberView update(@PathParam("id") String id, InboundNumberRequest body) {
        return InboundNumberView.of(numbers.update(id, body));
    }

    @DELETE
    @Path("/inbound-numbers/{id}")
    @Operation(summary = "Withdraw a receiving number", description = "Its keywords go with it; refused while "
            + "tenants' apps are attached.")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Apps are attached (number-in-use)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        numbers.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/inbound-numbers/{id}/keywords")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign a keyword (with aliases) on the number to a tenant", description = "Words are "
            + "matched in any case and are unique per number; STOP and JOIN words cannot be keywords.")
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KeywordView.class)))
    @APIResponse(responseCode = "400", description = "Invalid; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The keyword or an alias is taken on this number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addKeyword(@PathParam("id") String id, KeywordRequest body) {
        KeywordView k = numbers.addKeyword(id, body);
        return Response.created(URI.create("/v1/operator/inbound-numbers/" + id + "/keywords/" + k.id())).entity(k)
                .build();
    }

    @GET
    @Path("/inbound-numbers/{id}/keywords")
    @Operation(summary = "The keywords on a number")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KeywordView.class, type = org.eclipse.microprofile.openapi
                    .annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<KeywordView> keywords(@PathParam("id") String id) {
        return numbers.keywords(id);
    }

    @DELETE
    @Path("/inbound-numbers/{id}/keywords/{keywordId}")
    @Operation(summary = "Withdraw a keyword and its aliases")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such number or keyword",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An app is attached (keyword-in-use)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deleteKeyword(@PathParam("id") String id, @PathParam("keywordId") String keywordId) {
        numbers.deleteKeyword(id, keywordId);
        return Response.noContent().build();
    }

    @GET
    @Path("/inbound")
    @Operation(summary = "Every stored inbound message, newest first", description = "unmatched=true: only those "
            + "no tenant matched (unknown receiving number, no keyword and no default app): the catch-all.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InboundPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter; errors[] names each",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InboundPage inbound(
            @Parameter(description = "Only unmatched messages") @QueryParam("unmatched") boolean unmatched,
            @Parameter(description = "Sender (E.164)") @QueryParam("from") String from,
            @Parameter(description = "Receiving number as received") @QueryParam("to") String to,
            @Parameter(description = "RFC 3339, inclusive") @QueryParam("since") String since,
            @Parameter(description = "RFC 3339, exclusive") @QueryParam("until") String until,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1-100 (default 50)") @QueryParam("limit") String limit) {
        return inbound.operatorList(unmatched, new InboundQueryService.Query(from, to, null, since, until, cursor,
                limit));
    }
}
