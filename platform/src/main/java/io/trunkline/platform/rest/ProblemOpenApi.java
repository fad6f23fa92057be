package io.trunkline.platform.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * How {@link Problem} answers appear in a service's OpenAPI document: one {@code Problem} schema in the components and
 * responses that refer to it with an example, so every service's build-time filters describe errors alike.
 */
public final class ProblemOpenApi {
    public static final String SCHEMA = "Problem";

    private ProblemOpenApi() {
    }

    /** The document's components, created when it has none. */
    public static Components components(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        return api.getComponents();
    }

    /** Adds the {@code Problem} schema (RFC 9457 with {@code errors[]}) unless the document has one. */
    public static void addSchema(Components components) {
        if (components.getSchemas() != null && components.getSchemas().containsKey(SCHEMA)) {
            return;
        }
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", string())
                .addProperty("message", string());
        components.addSchema(SCHEMA, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", string())
                .addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string())
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(fieldError)));
    }

    /** A problem+json response referring to the {@code Problem} schema, with one example named {@code slug}. */
    public static APIResponse response(String description, String slug, int status, String title, String detail) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problem.TYPE_BASE + slug);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        MediaType mt = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + SCHEMA))
                .addExample(slug, OASFactory.createExample().value(example));
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, mt));
    }

    /** Adds {@code response} under {@code code} unless the operation declares that code itself. */
    public static void addIfAbsent(APIResponses responses, String code, APIResponse response) {
        if (responses.getAPIResponses() == null || !responses.getAPIResponses().containsKey(code)) {
            responses.addAPIResponse(code, response);
        }
    }

    private static Schema string() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }
}
