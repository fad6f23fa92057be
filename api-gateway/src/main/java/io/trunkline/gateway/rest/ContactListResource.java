package io.trunkline.gateway.rest;

import java.net.URI;

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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.trunkline.gateway.Contact;
import io.trunkline.gateway.service.ContactListService;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

@Path("/v1/contact-lists")
@TenantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "contact lists")
@SecurityRequirement(name = GatewayApi.API_KEY)
public class ContactListResource {
    private final ContactListService lists;
    private final CurrentTenant tenant;
    private final ObjectMapper json;

    public ContactListResource(ContactListService lists, CurrentTenant tenant, ObjectMapper json) {
        this.lists = lists;
        this.tenant = tenant;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a contact list")
    @APIResponse(responseCode = "201", description = "Created; Location names the list",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactListView.class)))
    @APIResponse(responseCode = "400", description = "Invalid name; errors[] names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The tenant has a list of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(ContactListRequest body) {
        ContactListView v = ContactListView.of(lists.create(tenant.get(), body == null ? null : body.name()));
        return Response.created(URI.create("/v1/contact-lists/" + v.id())).entity(v).build();
    }

    @GET
    @Operation(summary = "The tenant's contact lists by name")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContactListPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid cursor or size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactListPage list(
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) @QueryParam("size") String size) {
        ContactListService.CursorPage<ContactListService.ListWithSize> p = lists.page(tenant.get(), cursor, size);
        return new ContactListPage(p.items().stream().map(ContactListView::of).toList(), p.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A contact list with its member count")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContactListView.class)))
    @APIResponse(responseCode = "404", description = "No such list for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactListView get(@PathParam("id") String id) {
        return ContactListView.of(lists.get(tenant.get(), id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a contact list")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContactListView.class)))
    @APIResponse(responseCode = "400", description = "Invalid name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such list for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another of the tenant's lists has that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactListView rename(@PathParam("id") String id, ContactListRequest body) {
        return ContactListView.of(lists.rename(tenant.get(), id, body == null ? null : body.name()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a contact list and its members", description = "Broadcasts already accepted for "
            + "the list keep their own snapshot of it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such list for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        lists.delete(tenant.get(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/contacts")
    @Operation(summary = "The list's members by number")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContactListContactPage.class)))
    @APIResponse(responseCode = "404", description = "No such list for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactListContactPage contacts(@PathParam("id") String id,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20")) @QueryParam("size") String size) {
        ContactListService.CursorPage<Contact> p = lists.contacts(tenant.get(), id, cursor, size);
        return new ContactListContactPage(p.items().stream()
                .map(c -> ContactListContactView.of(c, ContactListContactView.fields(json, c.fields))).toList(),
                p.nextCursor());
    }

    @POST
    @Path("/{id}/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add one contact")
    @APIResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContactListContactView.class)))
    @APIResponse(responseCode = "400", description = "Invalid number or fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such list for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The number is on the list already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@PathParam("id") String id, ContactListContactRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        Contact c = lists.add(tenant.get(), id, body.number(), body.fields());
        return Response.created(URI.create("/v1/contact-lists/" + id + "/contacts/" + c.number))
                .entity(ContactListContactView.of(c, ContactListContactView.fields(json, c.fields))).build();
    }

    @DELETE
    @Path("/{id}/contacts/{number}")
    @Operation(summary = "Remove one contact", description = "The number as E.164 (URL-encode the +) or national.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such list for this tenant, or the number is not on it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response remove(@PathParam("id") String id, @PathParam("number") String number) {
        lists.remove(tenant.get(), id, number);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/import")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @Operation(summary = "Import contacts from CSV", description = "A header row with a `number` column and any "
            + "template field columns (e.g. number,first_name). National numbers are read in the tenant's default "
            + "region. Partial import: every valid row is stored even when others fail; each row not imported "
            + "(invalid number, wrong column count, duplicate in the file or on the list already) is in errors with "
            + "its row number. Numbers already on the list are left unchanged.")
    @RequestBody(content = @Content(mediaType = "text/csv", examples = @ExampleObject(name = "contacts",
            value = "number,first_name\n+61412345678,Ann\n0412345679,Bob\n")))
    @APIResponse(responseCode = "200", description = "Counts and the per-row report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContactListImportView.class)))
    @APIResponse(responseCode = "400", description = "Empty body, no number column, or too many rows",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such list for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactListImportView importCsv(@PathParam("id") String id, String csv) {
        return lists.importCsv(tenant.get(), id, csv);
    }
}
