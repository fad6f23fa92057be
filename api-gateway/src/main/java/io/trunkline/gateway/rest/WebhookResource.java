package io.trunkline.gateway.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.trunkline.gateway.WebhookDelivery;
import io.trunkline.gateway.service.WebhookService;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/** The tenant's webhook settings, signing secret and delivery log (docs/webhooks.md). */
@Path("/v1/webhooks")
@TenantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Signed callbacks to the tenant: settings, secret, delivery log and replay")
@SecurityRequirement(name = GatewayApi.API_KEY)
public class WebhookResource {
    static final String DELIVERY_EXAMPLE = "{\"id\":\"5b7e7c1e-6a0e-4a53-9d0c-6c1b2f0d9a11\",\"kind\":\"message_status\","
            + "\"eventType\":\"message.status\",\"url\":\"https://hooks.example.com/sms-status\",\"status\":\"delivered\","
            + "\"attemptCount\":3,\"lastHttpStatus\":200,\"createdAt\":\"2026-11-26T05:00:00.120Z\","
            + "\"finishedAt\":\"2026-11-26T05:01:31.502Z\",\"body\":{\"id\":\"0f6b...\",\"type\":\"message.status\","
            + "\"tenant_id\":\"…\",\"created_at\":\"2026-11-26T05:00:00.120Z\",\"data\":{\"message_id\":\"…\","
            + "\"status\":\"delivered\"}},\"attempts\":[{\"attempt\":1,\"at\":\"2026-11-26T05:00:00.400Z\","
            + "\"durationMs\":31,\"httpStatus\":500},{\"attempt\":2,\"at\":\"2026-11-26T05:00:31.002Z\","
            + "\"durationMs\":10004,\"error\":\"timeout: no answer within PT10S\"},{\"attempt\":3,"
            + "\"at\":\"2026-11-26T05:01:31.470Z\",\"durationMs\":32,\"httpStatus\":200}]}";

    private final WebhookService webhooks;
    private final CurrentTenant tenant;
    private final ObjectMapper json;

    public WebhookResource(WebhookService webhooks, CurrentTenant tenant, ObjectMapper json) {
        this.webhooks = webhooks;
        this.tenant = tenant;
        this.json = json;
    }

    @GET
    @Path("/settings")
    @Operation(summary = "The default webhook URL per kind", description = "The signing secret itself is never shown "
            + "here: only whether one exists and when it was made.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookSettingsView.class)))
    public WebhookSettingsView settings() {
        return WebhookSettingsView.of(webhooks.settings(tenant.get().tenantId()), null);
    }

    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the default webhook URLs", description = "Replaces all four URLs (absent or null = "
            + "none). A message's own status_callback wins over messageStatusUrl. The first call makes the tenant's "
            + "signing secret and shows it in secret, once.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookSettingsView.class)))
    @APIResponse(responseCode = "400", description = "A URL that is not absolute http(s); errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad URL", value = "{\"type\":\"https://trunkline.io/problems/"
                            + "invalid-request\",\"title\":\"Invalid request\",\"status\":400,\"detail\":"
                            + "\"messageStatusUrl: must be an absolute http or https URL\",\"errors\":[{\"field\":"
                            + "\"messageStatusUrl\",\"message\":\"must be an absolute http or https URL\"}]}")))
    public WebhookSettingsView update(WebhookSettingsRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        WebhookService.SettingsAnswer a = webhooks.updateSettings(tenant.get().tenantId(), new WebhookService.Urls(
                body.messageStatusUrl(), body.inboundMessageUrl(), body.callStatusUrl(), body.verificationUrl()));
        return WebhookSettingsView.of(a.settings(), a.newSecret());
    }

    @POST
    @Path("/secret/rotate")
    @Operation(summary = "Make a new signing secret", description = "The new secret signs every try from now on "
            + "(retries included) and is shown only in this answer. Without a body the old secret stops at once (a "
            + "leaked secret). With {\"previousSecretValidFor\":\"PT24H\"} (ISO-8601, up to P7D) the old one keeps "
            + "signing too, as a second v1 in Trunkline-Signature, until previousSecretExpiresAt: deploy the new "
            + "secret to the receivers meanwhile, and none of the webhooks in between is refused.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookSecretView.class)))
    @APIResponse(responseCode = "400", description = "previousSecretValidFor is not an ISO-8601 duration from PT0S to P7D",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookRotateRequest.class)))
    public WebhookSecretView rotate(String body) {
        // read as text: a bare POST (no body, no Content-Type), as before the overlap existed, must stay a 200
        WebhookService.SettingsAnswer a = webhooks.rotateSecret(tenant.get().tenantId(),
                WebhookRotateRequest.read(json, body).previousValidity());
        return new WebhookSecretView(a.newSecret(), a.settings().secretCreatedAt, a.settings().previousSecretExpiresAt);
    }

    @GET
    @Path("/deliveries")
    @Operation(summary = "The delivery log, newest first", description = "Cursor pagination: pass nextCursor of a "
            + "page as cursor to get the next one.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookDeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid status, limit or cursor; errors[] names the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookDeliveryPage deliveries(
            @Parameter(description = "Only deliveries in this state",
                    schema = @Schema(enumeration = { "pending", "retrying", "delivered", "dead" }))
            @QueryParam("status") String status,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        WebhookService.DeliveryPage p = webhooks.list(tenant.get().tenantId(), status, limit, cursor);
        return new WebhookDeliveryPage(p.items().stream().map(WebhookDeliveryView::of).toList(), p.nextCursor());
    }

    @GET
    @Path("/deliveries/{id}")
    @Operation(summary = "One delivery with its body and every try")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookDeliveryView.class),
            examples = @ExampleObject(name = "delivered on the third try", value = DELIVERY_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such delivery for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookDeliveryView delivery(@PathParam("id") String id) {
        WebhookService.DeliveryWithAttempts d = webhooks.get(tenant.get().tenantId(), id);
        return WebhookDeliveryView.of(d.delivery(), d.attempts());
    }

    @POST
    @Path("/deliveries/{id}/replay")
    @Operation(summary = "Send a delivery's body again", description = "Queues a new delivery (new id, its own tries "
            + "and 24 h) of the same body to the same URL, whatever became of the first; replayOf names it.")
    @APIResponse(responseCode = "202", description = "Queued; Location names the new delivery",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookDeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such delivery for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replay(@PathParam("id") String id) {
        WebhookDelivery d = webhooks.replay(tenant.get().tenantId(), id);
        return Response.accepted(WebhookDeliveryView.of(d))
                .location(URI.create("/v1/webhooks/deliveries/" + d.id)).build();
    }
}
