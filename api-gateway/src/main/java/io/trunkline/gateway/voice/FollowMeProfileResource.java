package io.trunkline.gateway.voice;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

/** The tenant's follow-me profiles, kept by voice-service; another tenant's profile is voice's 404. */
@Path("/v1/follow-me-profiles")
@TenantAuthenticated
@Tag(name = "calls")
@SecurityRequirement(name = GatewayApi.API_KEY)
@APIResponse(responseCode = "503", description = "Voice is unavailable; try again (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FollowMeProfileResource {
    private static final String EXAMPLE = "{\"name\":\"office\",\"mode\":\"HUNT\","
            + "\"numbers\":[\"+27115551111\",\"+27825552222\"],\"ringSeconds\":20}";

    private final VoiceClient voice;
    private final CurrentTenant tenant;
    private final ObjectMapper json;

    public FollowMeProfileResource(VoiceClient voice, CurrentTenant tenant, ObjectMapper json) {
        this.voice = voice;
        this.tenant = tenant;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a follow-me profile")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VoiceModel.ProfileRequest.class),
            examples = @ExampleObject(name = "hunt", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location is the profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VoiceModel.ProfileView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid (named in errors[])",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(VoiceModel.ProfileRequest body) {
        return CallResource.pass(voice.post(tenant.get().tenantId(), "/v1/follow-me-profiles", write(body),
                "the follow-me profile"));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's follow-me profiles, by name")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = VoiceModel.ProfileView.class)))
    public Response list() {
        return CallResource.pass(voice.get(tenant.get().tenantId(), "/v1/follow-me-profiles",
                "the follow-me profiles"));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One follow-me profile")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VoiceModel.ProfileView.class)))
    @APIResponse(responseCode = "404", description = "No such profile for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        return CallResource.pass(voice.get(tenant.get().tenantId(), path(id), "the follow-me profile"));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a follow-me profile")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VoiceModel.ProfileRequest.class),
            examples = @ExampleObject(name = "ring-all", value = EXAMPLE)))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VoiceModel.ProfileView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid (named in errors[])",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such profile for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") String id, VoiceModel.ProfileRequest body) {
        String path = path(id);
        return CallResource.pass(voice.put(tenant.get().tenantId(), path, write(body), "the follow-me profile"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a follow-me profile")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such profile for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        return CallResource.pass(voice.delete(tenant.get().tenantId(), path(id), "the follow-me profile"));
    }

    private static String path(String id) {
        if (!CallResource.ID.matcher(id).matches()) {
            throw ProblemException.notFound("follow-me profile (invalid id)");
        }
        return "/v1/follow-me-profiles/" + id;
    }

    private String write(Object body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a profile is required");
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request to voice", e);
        }
    }
}
