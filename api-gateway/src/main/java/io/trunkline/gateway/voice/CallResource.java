package io.trunkline.gateway.voice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trunkline.gateway.rest.CurrentTenant;
import io.trunkline.gateway.rest.GatewayApi;
import io.trunkline.gateway.rest.TenantAuthenticated;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Calls (click-to-call, SMS-to-call, follow-me, speech broadcast), placed and read on voice-service for the tenant
 * of the API key. Voice's answers and problems are passed on as they are; another tenant's call is voice's 404.
 */
@Path("/v1/calls")
@TenantAuthenticated
@Tag(name = "calls")
@SecurityRequirement(name = GatewayApi.API_KEY)
@APIResponse(responseCode = "503", description = "Voice is unavailable; try again (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CallResource {
    /** Call ids are UUIDs; anything else cannot be one and is not passed on. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final VoiceClient voice;
    private final CallService calls;
    private final CurrentTenant tenant;
    private final ObjectMapper json;

    public CallResource(VoiceClient voice, CallService calls, CurrentTenant tenant, ObjectMapper json) {
        this.voice = voice;
        this.calls = calls;
        this.tenant = tenant;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place a call",
            description = "Click-to-call: the agent is called first and, once answered, the customer, then both are "
                    + "bridged. Each step is reported as a signed CALL_STATUS webhook to status_callback (else the "
                    + "tenant's default URL) and shown in GET /v1/calls/{id}.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VoiceModel.CallRequest.class),
            examples = @ExampleObject(name = "click-to-call", value = "{\"agents\":[\"+27115550001\"],"
                    + "\"customers\":[\"+27821234567\"],\"reference\":\"web-callback-42\","
                    + "\"status_callback\":\"https://example.com/hooks/calls\"}")))
    @APIResponse(responseCode = "202", description = "Queued; Location is the call",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VoiceModel.CallAccepted.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid (named in errors[])",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response place(VoiceModel.CallRequest body) {
        CallService.check(body);
        String tenantId = tenant.get().tenantId();
        String callId = UUID.randomUUID().toString();
        Map<String, Object> forward = new LinkedHashMap<>();
        forward.put("callId", callId);
        forward.put("kind", body.kind());
        forward.put("agents", body.agents());
        forward.put("customers", body.customers());
        forward.put("callerId", body.callerId());
        forward.put("speechText", body.speechText());
        forward.put("voice", body.voice());
        forward.put("profileId", body.profileId());
        forward.put("reference", body.reference());
        forward.put("deadline", body.deadline());
        // statusCallback stays here: the gateway sends the call's signed webhooks, voice sends none
        forward.values().removeIf(v -> v == null);
        calls.record(callId, tenantId, body);
        VoiceClient.Answer answer;
        try {
            answer = voice.post(tenantId, "/v1/calls", write(forward), "the call");
        } catch (VoiceUnavailableException e) {
            if (!e.maybeDone()) {
                calls.forget(callId);
            }
            throw e;
        }
        if (!answer.ok()) {
            calls.forget(callId);
        }
        return pass(answer);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's calls, newest first")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VoiceModel.CallPage.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@Parameter(description = "0-based page") @QueryParam("page") Integer page,
            @Parameter(description = "1 to 100, default 20") @QueryParam("size") Integer size) {
        StringBuilder q = new StringBuilder("/v1/calls");
        if (page != null || size != null) {
            q.append('?');
            if (page != null) {
                q.append("page=").append(page);
            }
            if (size != null) {
                q.append(page != null ? "&" : "").append("size=").append(size);
            }
        }
        return pass(voice.get(tenant.get().tenantId(), q.toString(), "the call list"));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One call with its timeline and legs")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VoiceModel.CallView.class)))
    @APIResponse(responseCode = "404", description = "No such call for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        if (!ID.matcher(id).matches()) {
            throw ProblemException.notFound("call (invalid id)");
        }
        return pass(voice.get(tenant.get().tenantId(), "/v1/calls/" + id, "the call"));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request to voice", e);
        }
    }

    /** Voice's answer as the tenant's: status, body and type unchanged, Location on the gateway's own host. */
    static Response pass(VoiceClient.Answer answer) {
        Response.ResponseBuilder r = Response.status(answer.status());
        if (answer.body() != null && !answer.body().isEmpty()) {
            r.entity(answer.body()).type(answer.contentType() == null ? MediaType.APPLICATION_JSON
                    : answer.contentType());
        }
        if (answer.location() != null) {
            r.location(java.net.URI.create(answer.location()));
        }
        return r.build();
    }
}
