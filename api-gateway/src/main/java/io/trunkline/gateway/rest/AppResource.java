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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.service.AppService;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/** The tenant's inbound apps: collect, poll, auto-reply, forward, call-back, subscribe. */
@Path("/v1/apps")
@TenantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "apps")
@SecurityRequirement(name = GatewayApi.API_KEY)
public class AppResource {
    static final String CSV = "text/csv";

    private final AppService apps;
    private final CurrentTenant tenant;

    public AppResource(AppService apps, CurrentTenant tenant) {
        this.apps = apps;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an app on a receiving number (and keyword)", description = "config is checked for "
            + "the type; every offending field is named config.<field>.")
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AppView.class)))
    @APIResponse(responseCode = "400", description = "Invalid; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The keyword (or the number's default) already has an app",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(AppRequest body) {
        AppView a = apps.create(tenant.get(), body);
        return Response.created(URI.create("/v1/apps/" + a.id())).entity(a).build();
    }

    @GET
    @Operation(summary = "The tenant's apps, oldest first")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AppView.class, type = SchemaType.ARRAY)))
    public List<AppView> list() {
        return apps.list(tenant.get());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One app")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AppView.class)))
    @APIResponse(responseCode = "404", description = "No such app for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AppView get(@PathParam("id") String id) {
        return apps.get(tenant.get(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an app", description = "Its dataset, votes and reply log stay.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AppView.class)))
    @APIResponse(responseCode = "400", description = "Invalid; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such app for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The keyword (or the number's default) already has an app",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AppView update(@PathParam("id") String id, AppRequest body) {
        return apps.update(tenant.get(), id, body);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an app with its dataset, votes and reply log")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such app for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        apps.delete(tenant.get(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/dataset")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Operation(summary = "A collect app's dataset, oldest first", description = "JSON pages (cursor pagination), or "
            + "with format=csv the whole dataset as CSV: received_at, sender, then the pattern's fields.")
    @APIResponse(responseCode = "200", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetPage.class)),
        @Content(mediaType = CSV, example = "received_at,sender,number,note\r\n"
                + "2026-11-26T05:00:00Z,+61412345678,7.2,after lunch\r\n") })
    @APIResponse(responseCode = "400", description = "Invalid format, cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such app for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not a collect app (wrong-app-type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response dataset(@PathParam("id") String id,
            @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
            @Parameter(description = "Only this sender's rows (E.164)") @QueryParam("sender") String sender,
            @Parameter(description = "nextCursor of the previous page (JSON only)") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1-100 (default 50; JSON only)") @QueryParam("limit") String limit) {
        if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
            return Response.ok(apps.dataset(tenant.get(), id, sender, cursor, limit), MediaType.APPLICATION_JSON)
                    .build();
        }
        if (!format.equalsIgnoreCase("csv")) {
            throw ProblemException.invalid("format", "must be json or csv");
        }
        return Response.ok(apps.datasetCsv(tenant.get(), id, sender), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"dataset-" + id + ".csv\"").build();
    }

    @GET
    @Path("/{id}/tally")
    @Operation(summary = "A poll's live tally")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PollTally.class)))
    @APIResponse(responseCode = "404", description = "No such app for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not a poll (wrong-app-type)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PollTally tally(@PathParam("id") String id) {
        return apps.tally(tenant.get(), id);
    }
}
