package io.trunkline.gateway.rest;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.config.KannelConfig;
import io.trunkline.gateway.service.KannelSendService;

/**
 * Kannel's {@code /cgi-bin/sendsms} for systems that already speak it: the same send as {@code POST /v1/messages},
 * answered in Kannel's plain-text style. Query (and form) values are read raw, so {@code text} is decoded with the
 * request's {@code charset}, not as UTF-8 by the framework.
 */
@Path("/cgi-bin/sendsms")
@Tag(name = "kannel", description = "Kannel-compatible sendsms (plain-text answers)")
public class KannelSendSmsResource {
    static final String TEXT = MediaType.TEXT_PLAIN + ";charset=UTF-8";
    /** The accepted message's id (Kannel's own answer has none; clients that know it can read it here). */
    public static final String MESSAGE_ID_HEADER = "X-Trunkline-Message-Id";
    /** Kannel parameters that were accepted but have no effect on this gateway, comma-separated. */
    public static final String IGNORED_HEADER = "X-Trunkline-Ignored";

    private final KannelSendService kannel;
    private final KannelConfig config;
    private final WorkerFallbacks workers;

    public KannelSendSmsResource(KannelSendService kannel, KannelConfig config, WorkerFallbacks workers) {
        this.kannel = kannel;
        this.config = config;
        this.workers = workers;
    }

    @GET
    @Produces(TEXT)
    @Operation(summary = "Send an SMS, Kannel style", description = "username = the tenant id (or the API key's id), "
            + "password = the API key. Parameters as in Kannel's user guide (SMS Push, send-sms); see "
            + "docs/admission-and-kannel.md for which are honoured, ignored or refused. Answers Kannel's texts.")
    @Parameters({
        @Parameter(name = "username", in = ParameterIn.QUERY, required = true, description = "Tenant id or API key id (alias: user)"),
        @Parameter(name = "password", in = ParameterIn.QUERY, required = true, description = "The API key (alias: pass)"),
        @Parameter(name = "from", in = ParameterIn.QUERY, required = true, description = "E.164 number or an allowed alphanumeric sender id"),
        @Parameter(name = "to", in = ParameterIn.QUERY, required = true, description = "One receiver, E.164 or national in the tenant's region", example = "+61412345678"),
        @Parameter(name = "text", in = ParameterIn.QUERY, required = true, description = "Percent-encoded bytes of the text in charset", example = "Hey Jude"),
        @Parameter(name = "charset", in = ParameterIn.QUERY, description = "Charset of text; default UTF-8 (UTF-16BE with coding=2); UCS-2 means UTF-16BE"),
        @Parameter(name = "coding", in = ParameterIn.QUERY, description = "0 = automatic (GSM-7, else UCS-2), 2 = UCS-2; 1 (8-bit) is refused",
                schema = @Schema(type = SchemaType.INTEGER, enumeration = { "0", "2" })),
        @Parameter(name = "validity", in = ParameterIn.QUERY, description = "Minutes the message may wait for delivery",
                schema = @Schema(type = SchemaType.INTEGER)),
        @Parameter(name = "binfo", in = ParameterIn.QUERY, description = "Billing info: stored as the message's reference"),
        @Parameter(name = "mclass", in = ParameterIn.QUERY, description = "0-3; checked, not applied", schema = @Schema(type = SchemaType.INTEGER)),
        @Parameter(name = "dlr-mask", in = ParameterIn.QUERY, description = "0-31; checked, not applied (every status is tracked)",
                schema = @Schema(type = SchemaType.INTEGER)),
        @Parameter(name = "dlr-url", in = ParameterIn.QUERY, description = "Ignored: status via GET /v1/messages/{id} or webhooks"),
        @Parameter(name = "smsc", in = ParameterIn.QUERY, description = "Ignored: the operator's routing rules choose the route"),
        @Parameter(name = "udh", in = ParameterIn.QUERY, description = "Refused (400): the gateway builds concatenation headers itself")
    })
    @APIResponse(responseCode = "202", description = "Accepted and durably queued",
            headers = { @Header(name = MESSAGE_ID_HEADER, description = "The message id (GET /v1/messages/{id})"),
                @Header(name = IGNORED_HEADER, description = "Parameters accepted but without effect") },
            content = @Content(mediaType = MediaType.TEXT_PLAIN, examples = @ExampleObject(name = "accepted",
                    value = KannelSendService.ACCEPTED)))
    @APIResponse(responseCode = "400", description = "Bad parameters, in Kannel's words",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, examples = @ExampleObject(name = "no receiver",
                    value = "Missing receiver number, rejected")))
    @APIResponse(responseCode = "402", description = "Insufficient funds", content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "403", description = "Wrong username or password, or a suspended account",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, examples = @ExampleObject(name = "auth",
                    value = KannelSendService.AUTH_FAILED)))
    @APIResponse(responseCode = "429", description = "Over the tenant's rate limit; Retry-After in seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @NonBlocking
    public CompletionStage<Response> get(@Context UriInfo uri) {
        Map<String, String> params = KannelSendService.rawParams(uri.getRequestUri().getRawQuery());
        // on the event loop while the accept caches hold what the send needs, else again on a worker thread
        return workers.inMemoryOrOnWorker("sendsms", () -> send(params));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(TEXT)
    @Operation(summary = "Send an SMS, Kannel style (form)", description = "The GET's parameters as an "
            + "application/x-www-form-urlencoded body (query parameters fill in what the body lacks).")
    @APIResponse(responseCode = "202", description = "Accepted and durably queued",
            content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "400", description = "Bad parameters, in Kannel's words",
            content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @APIResponse(responseCode = "403", description = "Wrong username or password, or a suspended account",
            content = @Content(mediaType = MediaType.TEXT_PLAIN))
    @Blocking
    public CompletionStage<Response> post(@Context UriInfo uri, String form) {
        Map<String, String> params = KannelSendService.rawParams(form);
        KannelSendService.rawParams(uri.getRequestUri().getRawQuery()).forEach(params::putIfAbsent);
        return send(params);
    }

    /** Answered once the message is stored (or refused); the worker thread is not held meanwhile. */
    private CompletionStage<Response> send(Map<String, String> params) {
        if (!config.enabled()) {
            throw new NotFoundException();
        }
        try {
            return kannel.send(params).handle((a, failure) -> failure == null ? accepted(a) : refused(failure));
        } catch (KannelSendService.Refusal e) {
            return CompletableFuture.completedFuture(refused(e));
        }
    }

    private static Response accepted(KannelSendService.Accepted a) {
        Response.ResponseBuilder r = Response.accepted(KannelSendService.ACCEPTED).type(TEXT)
                .header(MESSAGE_ID_HEADER, a.message().id)
                .location(URI.create("/v1/messages/" + a.message().id));
        if (!a.ignored().isEmpty()) {
            r.header(IGNORED_HEADER, String.join(",", a.ignored()));
        }
        return r.build();
    }

    private static Response refused(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (!(cause instanceof KannelSendService.Refusal e)) {
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        }
        Response.ResponseBuilder r = Response.status(e.status()).type(TEXT).entity(e.getMessage());
        if (e.retryAfter() != null) {
            r.header("Retry-After", e.retryAfter());
        }
        return r.build();
    }
}
