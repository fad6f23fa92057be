package io.trunkline.gateway.rest;

import java.net.URI;
import java.util.List;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.service.IdempotencyService;
import io.trunkline.gateway.service.MessageService;
import io.trunkline.gateway.service.QuoteService;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

@Path("/v1/messages")
@TenantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "messages")
@SecurityRequirement(name = GatewayApi.API_KEY)
@APIResponse(responseCode = "401", description = "Missing, unknown or revoked API key",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The tenant is suspended",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MessageResource {
    private final MessageService messages;
    private final CurrentTenant tenant;
    private final IdempotencyService idempotency;
    private final QuoteService quotes;

    public MessageResource(MessageService messages, CurrentTenant tenant, IdempotencyService idempotency,
            QuoteService quotes) {
        this.messages = messages;
        this.idempotency = idempotency;
        this.quotes = quotes;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send an SMS", description = "Validates the numbers and the text, chooses GSM-7 or UCS-2, "
            + "counts segments, admits against the balance, routes and queues the message. The message is durable "
            + "once this answers 202.")
    @APIResponse(responseCode = "202", description = "Accepted and queued; Location names the message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "402", description = "Insufficient funds or account blocked by billing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used with a different body, or its "
            + "first request is still in progress; errors[] names Idempotency-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response send(
            @Parameter(description = "Makes the request safe to retry: the same key with the same body answers the "
                    + "first answer again (Idempotent-Replayed: true) and sends nothing; another body is a 409. Per "
                    + "tenant, 1-255 visible ASCII characters, kept at least 24 h.")
            @HeaderParam(IdempotencyService.HEADER) String idempotencyKey,
            @Context HttpHeaders headers,
            SendMessageRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        if (idempotencyKey == null && headers.getRequestHeaders().containsKey(IdempotencyService.HEADER)) {
            idempotencyKey = ""; // present but empty: refused by the key check, not taken as "no key"
        }
        if (idempotencyKey == null) {
            SmsMessage m = messages.send(tenant.get(), body);
            return Response.accepted(MessageView.of(m)).location(URI.create("/v1/messages/" + m.id)).build();
        }
        IdempotencyService.Answer a = idempotency.send(tenant.get(), idempotencyKey, body);
        Response.ResponseBuilder r = Response.status(a.status()).type(MediaType.APPLICATION_JSON).entity(a.body())
                .location(URI.create(a.location()));
        if (a.replayed()) {
            r.header("Idempotent-Replayed", "true");
        }
        return r.build();
    }

    @POST
    @Path("/quote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quote an SMS without sending it", description = "Validates the body exactly as a send does "
            + "(the same 400s), and answers the encoding, segments, the route a send would take now and the tenant's "
            + "price from billing. When billing cannot answer or has no rate, price is null and warnings says why.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = QuoteView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public QuoteView quote(SendMessageRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        return quotes.quote(tenant.get(), body);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A message with its status timeline")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "404", description = "No such message for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MessageView get(@PathParam("id") String id) {
        MessageService.MessageWithHistory m = messages.get(tenant.get(), id);
        return MessageView.of(m.message(), m.history());
    }

    @GET
    @Operation(summary = "The tenant's messages, newest first")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MessagePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid status, page or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MessagePage list(
            @Parameter(description = "Only messages in this status (queued, sent, delivered, ...)") @QueryParam("status") String status,
            @Parameter(description = "Page number from 0", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) @QueryParam("size") String size) {
        MessageService.Page p = messages.list(tenant.get(), status, page, size);
        List<MessageView> items = p.items().stream().map(MessageView::of).toList();
        return new MessagePage(items, p.page(), p.size(), p.total());
    }
}
