package io.trunkline.gateway.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.Tenant;
import io.trunkline.gateway.service.ApiKeyService;
import io.trunkline.gateway.service.TenantService;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.platform.rest.OperatorOnly;

/** The operator's administration of tenants and their API keys. */
@Path("/v1/operator/tenants")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
@SecurityRequirement(name = GatewayApi.OPERATOR)
public class OperatorTenantResource {
    private final TenantService tenants;
    private final ApiKeyService keys;

    public OperatorTenantResource(TenantService tenants, ApiKeyService keys) {
        this.tenants = tenants;
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant")
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateTenantRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        Tenant t = tenants.create(body);
        return Response.created(URI.create("/v1/operator/tenants/" + t.id)).entity(TenantView.of(t)).build();
    }

    @GET
    @Operation(summary = "All tenants, oldest first")
    public List<TenantView> list() {
        return tenants.list().stream().map(TenantView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One tenant")
    @APIResponse(responseCode = "404", description = "No such tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantView get(@PathParam("id") String id) {
        return TenantView.of(tenants.require(id));
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend a tenant", description = "Its API keys then get 403 until it is activated again.")
    @APIResponse(responseCode = "404", description = "No such tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantView suspend(@PathParam("id") String id) {
        return TenantView.of(tenants.setStatus(id, Tenant.Status.SUSPENDED));
    }

    @POST
    @Path("/{id}/activate")
    @Operation(summary = "Activate a suspended tenant")
    @APIResponse(responseCode = "404", description = "No such tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantView activate(@PathParam("id") String id) {
        return TenantView.of(tenants.setStatus(id, Tenant.Status.ACTIVE));
    }

    @POST
    @Path("/{id}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key", description = "The answer holds the key itself; it is never shown again "
            + "(only its SHA-256 hash is stored).")
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreatedKeyView.class)))
    @APIResponse(responseCode = "404", description = "No such tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createKey(@PathParam("id") String id, CreateKeyRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        ApiKeyService.CreatedKey k = keys.create(id, body.name());
        CreatedKeyView view = new CreatedKeyView(k.key().id, k.key().name, k.secret(), k.key().keyPrefix,
                k.key().createdAt);
        return Response.created(URI.create("/v1/operator/tenants/" + id + "/keys/" + k.key().id)).entity(view)
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/{id}/keys")
    @Operation(summary = "The tenant's API keys, without secrets")
    public List<KeyView> keys(@PathParam("id") String id) {
        return keys.list(id).stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("/{id}/keys/{keyId}")
    @Operation(summary = "Revoke an API key", description = "Takes effect at once; revoking twice is harmless.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such tenant or key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response revoke(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        keys.revoke(id, keyId);
        return Response.noContent().build();
    }
}
