package io.trunkline.portal.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.trunkline.platform.rest.OperatorOnly;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.portal.PortalUser;
import io.trunkline.portal.service.PortalUserService;

/** The operator's administration of portal users (bearer {@code TRUNKLINE_OPERATOR_TOKEN}). */
@Path("/v1/ops/users")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalUserResource {
    private final PortalUserService users;

    public PortalUserResource(PortalUserService users) {
        this.users = users;
    }

    @POST
    @Operation(summary = "Create a portal user", description = "role OPERATOR (no tenantId), TENANT_ADMIN or "
            + "TENANT_USER (tenantId of an existing tenant, checked with the api-gateway); a password of at least 12 "
            + "characters. 409 when the e-mail is taken.")
    public Response create(PortalUserRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        PortalUser u = users.create(body.email(), body.password(), body.role(), body.tenantId());
        return Response.created(URI.create("/v1/ops/users/" + u.id)).entity(PortalUserView.of(u)).build();
    }

    @GET
    @Operation(summary = "Portal users, of one tenant with tenantId")
    public List<PortalUserView> list(@QueryParam("tenantId") String tenantId) {
        return users.list(tenantId).stream().map(PortalUserView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a portal user and end its sessions")
    public Response delete(@PathParam("id") String id) {
        users.delete(id);
        return Response.noContent().build();
    }
}
