package io.trunkline.gateway.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.smallrye.common.annotation.NonBlocking;
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
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.TenantPrincipal;
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
public class MessageResource {
    private final MessageService messages;
    private final CurrentTenant tenant;
    private final IdempotencyService idempotency;
    private final QuoteService quotes;
    private final WorkerFallbacks workers;

    public MessageResource(MessageService messages, CurrentTenant tenant, IdempotencyService idempotency,
            QuoteService quotes, WorkerFallbacks workers) {
        this.messages = messages;
        this.idempotency = idempotency;
        this.quotes = quotes;
        this.tenant = tenant;
        this.workers = workers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send an SMS", description = "Validates the numbers and the text, chooses GSM-7 or UCS-2, "
            + "counts segments, admits against the balance, routes and queues the message. The message is durable "
            + "once this answers 202. With send_at (RFC 3339, in the future, at most 35 days ahead) the message is "
            + "scheduled instead: it is queued when due, and can be canceled until then; its validity then counts from "
            + "send_at.")
    @APIResponse(responseCode = "202", description = "Accepted: queued, or scheduled with send_at; Location names the "
            + "message",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "402", description = "Insufficient funds or account blocked by billing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The Idempotency-Key was used with a different body, or its "
            + "first request is still in progress; errors[] names Idempotency-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @NonBlocking
    public CompletionStage<Response> send(
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
        TenantPrincipal t = tenant.get();
        if (idempotencyKey != null) {
            String key = idempotencyKey;
            return workers.run("send", () -> idempotent(t, key, body)).toCompletionStage();
        }
        // on the event loop while the accept caches hold what the send needs, else again on a worker thread;
        // answered when the group-commit writer has stored it, no thread held meanwhile
        return workers.inMemoryOrOnWorker("send", () -> messages.sendAsync(t, body))
                .thenApply(m -> Response.accepted(MessageView.of(m)).location(URI.create("/v1/messages/" + m.id)).build());
    }

    /** A send with an Idempotency-Key (it reads and writes the key's record): on a worker thread. */
    private Response idempotent(TenantPrincipal t, String key, SendMessageRequest body) {
        IdempotencyService.Answer a = idempotency.send(t, key, body);
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

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a scheduled message", description = "Possible while the message is scheduled; it is "
            + "then canceled and never sent. Once it was dispatched (queued or later) the answer is 409 "
            + "not-cancelable. A cancel and the dispatch of the same message never both happen.")
    @APIResponse(responseCode = "200", description = "The message, now canceled, with its timeline",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MessageView.class),
                    examples = @ExampleObject(name = "canceled", value = "{\"id\":\"5f0c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f\","
                            + "\"status\":\"canceled\",\"to\":\"+61412345678\",\"from\":\"Trunkline\","
                            + "\"text\":\"Merry Christmas\",\"encoding\":\"GSM7\",\"segments\":1,"
                            + "\"route\":\"smpp:sandbox\",\"send_at\":\"2026-12-24T09:00:00Z\","
                            + "\"createdAt\":\"2026-11-26T05:00:00Z\",\"updatedAt\":\"2026-11-26T06:00:00Z\","
                            + "\"timeline\":[{\"status\":\"scheduled\",\"at\":\"2026-11-26T05:00:00Z\","
                            + "\"channel\":\"gateway\"},{\"status\":\"canceled\",\"at\":\"2026-11-26T06:00:00Z\","
                            + "\"channel\":\"gateway\"}]}")))
    @APIResponse(responseCode = "404", description = "No such message for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not-cancelable: the message is no longer scheduled; errors[] "
            + "names status", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public MessageView cancel(@PathParam("id") String id) {
        MessageService.MessageWithHistory m = messages.cancel(tenant.get(), id);
        return MessageView.of(m.message(), m.history());
    }

    @GET
    @Operation(summary = "The tenant's messages, newest first", description = "Filters combine with AND. Cursor "
            + "paging: pass next_cursor as cursor for the next (older) page; pages stay stable while new messages "
            + "arrive. next_cursor is null on the last page.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MessagePage.class),
            examples = @ExampleObject(name = "page", value = "{\"items\":[{\"id\":\"5f0c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f\","
                    + "\"status\":\"delivered\",\"to\":\"+61412345678\",\"from\":\"Trunkline\",\"text\":\"Hey Jude\","
                    + "\"encoding\":\"GSM7\",\"segments\":1,\"route\":\"smpp:sandbox\",\"reference\":\"order-42\","
                    + "\"createdAt\":\"2026-11-26T05:00:00Z\",\"updatedAt\":\"2026-11-26T05:00:02Z\"}],"
                    + "\"next_cursor\":\"MTc2NDEzMzIwMDAwMDo1ZjBjMmQxZS04YTRiLTRjM2QtOWUyZi0xYTJiM2M0ZDVlNmY\"}")))
    @APIResponse(responseCode = "400", description = "A bad filter, limit or cursor; errors[] names each parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MessagePage list(
            @Parameter(description = "Only these statuses, comma separated (scheduled, queued, sending, sent, delivered, "
                    + "partially_delivered, undelivered, failed, expired, canceled, unknown)", example = "delivered,sent")
            @QueryParam("status") String status,
            @Parameter(description = "Only to this number (E.164, or national in the tenant's region)",
                    example = "+61412345678") @QueryParam("to") String to,
            @Parameter(description = "Only from this sender (E.164 or the alphanumeric sender id)", example = "Trunkline")
            @QueryParam("from") String from,
            @Parameter(description = "Created at or after: RFC 3339, or a date (midnight UTC)", example = "2026-11-01")
            @QueryParam("date_from") String dateFrom,
            @Parameter(description = "Created before (exclusive): RFC 3339, or a date (midnight UTC)",
                    example = "2026-12-01T00:00:00Z") @QueryParam("date_to") String dateTo,
            @Parameter(description = "Only with this reference (exact)", example = "order-42")
            @QueryParam("reference") String reference,
            @Parameter(description = "Page size, 1 to trunkline.gateway.max-page-size (100)",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) @QueryParam("limit") String limit,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        List<Problem.FieldError> removed = new ArrayList<>();
        for (String old : List.of("page", "size")) {
            if (uri.getQueryParameters().containsKey(old)) {
                removed.add(new Problem.FieldError(old, "is not supported: page with limit and cursor (next_cursor)"));
            }
        }
        if (!removed.isEmpty()) {
            throw new ProblemException(Problem.invalid(removed));
        }
        MessageService.Slice p = messages.list(tenant.get(), new MessageService.ListParams(status, to, from, dateFrom,
                dateTo, reference, limit, cursor));
        return new MessagePage(p.items().stream().map(MessageView::of).toList(), p.nextCursor());
    }
}
