package io.trunkline.gateway.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.service.TenantLimitService;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.platform.rest.OperatorOnly;

/** The operator's per-tenant rate limit of single sends. */
@Path("/v1/operator/tenants/{id}/limits")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
@SecurityRequirement(name = GatewayApi.OPERATOR)
@APIResponse(responseCode = "404", description = "No such tenant",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TenantLimitResource {
    private final TenantLimitService limits;

    public TenantLimitResource(TenantLimitService limits) {
        this.limits = limits;
    }

    @GET
    @Operation(summary = "The tenant's rate limit", description = "The operator's override, or the configured default "
            + "(source tells which).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantLimitView.class)))
    public TenantLimitView get(@PathParam("id") String id) {
        return TenantLimitView.of(limits.get(id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the tenant's rate limit", description = "Token bucket per tenant and gateway instance: "
            + "messagesPerSecond tokens a second up to burst; each single send (POST /v1/messages, POST "
            + "/v1/verifications, /cgi-bin/sendsms) takes one, and without one it is refused with 429 and Retry-After. "
            + "Applies from the next send on this instance, within trunkline.gateway.rate-limit.refresh-after on others.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantLimitRequest.class),
            examples = @ExampleObject(name = "50 per second, bursts of 100",
                    value = "{\"messagesPerSecond\": 50, \"burst\": 100}")))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantLimitView.class)))
    @APIResponse(responseCode = "400", description = "Invalid limits; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantLimitView set(@PathParam("id") String id, TenantLimitRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        return TenantLimitView.of(limits.set(id, body.messagesPerSecond(), body.burst()));
    }

    @DELETE
    @Operation(summary = "Remove the tenant's override", description = "The configured default applies again; "
            + "answers the limit that now applies.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantLimitView.class)))
    public TenantLimitView reset(@PathParam("id") String id) {
        return TenantLimitView.of(limits.reset(id));
    }
}
