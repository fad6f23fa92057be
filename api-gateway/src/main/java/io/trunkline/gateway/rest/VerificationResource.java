package io.trunkline.gateway.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.Verification;
import io.trunkline.gateway.service.VerificationService;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

@Path("/v1/verifications")
@TenantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "verifications", description = "Verification codes (OTP) by SMS or voice call")
@SecurityRequirement(name = GatewayApi.API_KEY)
public class VerificationResource {
    private static final String CREATE_EXAMPLE = "{\"to\":\"+61412345678\",\"channel\":\"sms\",\"code_length\":6,"
            + "\"ttl\":600,\"locale\":\"en\",\"reference\":\"signup-42\"}";
    private static final String VIEW_EXAMPLE = "{\"id\":\"0b6f3f9e-8d1c-4c53-9a55-3c0e6f7d2a10\",\"to\":\"+61412345678\","
            + "\"channel\":\"sms\",\"status\":\"pending\",\"locale\":\"en\",\"code_length\":6,\"attempts_left\":5,"
            + "\"expires_at\":\"2026-11-26T05:20:00Z\",\"reference\":\"signup-42\","
            + "\"message_id\":\"5d0c1a8e-1f7a-4b8e-9d55-6a3f2b1c0e99\",\"created_at\":\"2026-11-26T05:10:00Z\","
            + "\"updated_at\":\"2026-11-26T05:10:00Z\"}";

    private final VerificationService verifications;
    private final CurrentTenant tenant;

    public VerificationResource(VerificationService verifications, CurrentTenant tenant) {
        this.verifications = verifications;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a verification: send a code", description = "Draws a random numeric code, keeps only "
            + "its hash and sends it by SMS (a message billed like any other) or by a call that reads the digits. A "
            + "pending verification to the same number is canceled. The code is never part of any answer.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VerificationRequest.class),
            examples = @ExampleObject(name = "sms", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Started; Location names the verification",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VerificationView.class),
                    examples = @ExampleObject(name = "pending", value = VIEW_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "402", description = "Insufficient funds or account blocked by billing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "A fraud limit (per number, per prefix or per account) refused "
            + "it; type verification-rate-limited, errors[] names to (or tenant)",
            headers = @Header(name = "Retry-After", description = "Seconds until the limit admits one more",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(VerificationRequest body) {
        Verification v = verifications.start(tenant.get(), body);
        return Response.status(201).entity(VerificationView.of(v)).location(URI.create("/v1/verifications/" + v.id))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A verification's status (never the code)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(responseCode = "404", description = "No such verification for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VerificationView get(@PathParam("id") String id) {
        return VerificationView.of(verifications.get(tenant.get(), id));
    }

    @POST
    @Path("/{id}/check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a code", description = "The right code approves the verification. A wrong one uses "
            + "an attempt; the last allowed wrong one moves it to max_attempts_reached. A verification that is not "
            + "pending (approved, canceled, expired, max_attempts_reached) refuses every code with 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VerificationCheckRequest.class),
            examples = @ExampleObject(name = "code", value = "{\"code\":\"482913\"}")))
    @APIResponse(responseCode = "200", description = "Approved, or a wrong code (valid false)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VerificationCheckView.class), examples = {
                        @ExampleObject(name = "approved", value = "{\"id\":\"0b6f3f9e-8d1c-4c53-9a55-3c0e6f7d2a10\","
                                + "\"status\":\"approved\",\"valid\":true,\"attempts_left\":0,"
                                + "\"expires_at\":\"2026-11-26T05:20:00Z\"}"),
                        @ExampleObject(name = "wrong", value = "{\"id\":\"0b6f3f9e-8d1c-4c53-9a55-3c0e6f7d2a10\","
                                + "\"status\":\"pending\",\"valid\":false,\"attempts_left\":4,"
                                + "\"expires_at\":\"2026-11-26T05:20:00Z\"}") }))
    @APIResponse(responseCode = "400", description = "code missing or not digits; errors[] names code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such verification for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not pending any more; type verification-not-pending",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VerificationCheckView check(@PathParam("id") String id, VerificationCheckRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        VerificationService.CheckResult r = verifications.check(tenant.get(), id, body.code());
        return VerificationCheckView.of(r.verification(), r.valid());
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a pending verification", description = "Its code is refused from now on.")
    @APIResponse(responseCode = "200", description = "Canceled", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(responseCode = "404", description = "No such verification for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not pending any more; type verification-not-pending",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VerificationView cancel(@PathParam("id") String id) {
        return VerificationView.of(verifications.cancel(tenant.get(), id));
    }
}
