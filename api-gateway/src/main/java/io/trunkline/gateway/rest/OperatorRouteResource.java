package io.trunkline.gateway.rest;

import java.net.URI;
import java.util.List;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.RouteRule;
import io.trunkline.gateway.service.RoutingService;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.OperatorOnly;

/** The operator's routing rules, applied to each message once, when it is accepted. */
@Path("/v1/operator/routes")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator")
@SecurityRequirement(name = GatewayApi.OPERATOR)
public class OperatorRouteResource {
    private final RoutingService routing;

    public OperatorRouteResource(RoutingService routing) {
        this.routing = routing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a routing rule", description = "The longest matching prefix wins, then a tenant's "
            + "rule over a global one, then the higher priority. No rule: the configured default route.")
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RouteRuleView.class)))
    @APIResponse(responseCode = "400", description = "Invalid rule; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(RouteRuleRequest body) {
        RouteRule r = routing.create(body);
        return Response.created(URI.create("/v1/operator/routes/" + r.id)).entity(RouteRuleView.of(r)).build();
    }

    @GET
    @Operation(summary = "All routing rules")
    public List<RouteRuleView> list() {
        return routing.list().stream().map(RouteRuleView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One routing rule")
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RouteRuleView get(@PathParam("id") String id) {
        return RouteRuleView.of(routing.require(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a routing rule")
    @APIResponse(responseCode = "400", description = "Invalid rule; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RouteRuleView update(@PathParam("id") String id, RouteRuleRequest body) {
        return RouteRuleView.of(routing.update(id, body));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a routing rule")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        routing.delete(id);
        return Response.noContent().build();
    }
}
