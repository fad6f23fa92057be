package io.trunkline.gateway.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.trunkline.platform.rest.ProblemOpenApi;

/**
 * Completes the generated OpenAPI document where annotations on each resource would repeat themselves: contact,
 * the two bearer schemes and which paths need which, the problem+json answers every tenant or operator call can get
 * (401, 403 on tenant paths, 429 on the rate-limited sends, 503 on a single send, 500), and request examples for {@code POST /v1/messages}. Runs at build time,
 * so the document costs nothing per request; what a resource declares itself is never overwritten.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiDefinition implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getInfo() == null) {
            api.setInfo(OASFactory.createInfo());
        }
        // the title is quarkus.smallrye-openapi.info-title (application.properties), which wins over any filter
        if (api.getInfo().getVersion() == null || api.getInfo().getVersion().isBlank()) {
            api.getInfo().setVersion("v1");
        }
        api.getInfo().setDescription(DESCRIPTION);
        if (api.getInfo().getContact() == null) {
            api.getInfo().setContact(OASFactory.createContact().name("Your Trunkline operator")
                    .email("operator@example.com"));
        }
        Components components = ProblemOpenApi.components(api);
        securitySchemes(components);
        ProblemOpenApi.addSchema(components);
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                operation(path, e.getKey(), e.getValue());
            }
        });
    }

    private static void securitySchemes(Components components) {
        if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(GatewayApi.API_KEY)) {
            components.addSecurityScheme(GatewayApi.API_KEY, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("A tenant API key: Authorization: Bearer tk_live_..."));
        }
        if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(GatewayApi.OPERATOR)) {
            components.addSecurityScheme(GatewayApi.OPERATOR, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("The operator token (TRUNKLINE_OPERATOR_TOKEN)"));
        }
    }

    private static void operation(String path, PathItem.HttpMethod method, Operation op) {
        boolean operator = path.startsWith("/v1/operator/") || path.equals("/v1/operator");
        boolean tenant = !operator && path.startsWith("/v1/");
        if ((operator || tenant) && (op.getSecurity() == null || op.getSecurity().isEmpty())) {
            SecurityRequirement req = OASFactory.createSecurityRequirement()
                    .addScheme(operator ? GatewayApi.OPERATOR : GatewayApi.API_KEY);
            op.setSecurity(List.of(req));
        }
        if (!(operator || tenant)) {
            return;
        }
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        ProblemOpenApi.addIfAbsent(responses, "401", ProblemOpenApi.response(operator ? "Missing or wrong operator token"
                : "Missing, unknown or revoked API key", "unauthorized", 401, "Unauthorized",
                "an API key is needed: Authorization: Bearer <API key>"));
        if (tenant) {
            ProblemOpenApi.addIfAbsent(responses, "403", ProblemOpenApi.response("The tenant is suspended", "tenant-suspended", 403,
                    "Tenant suspended", "the account is suspended by the operator; the API is not available until it "
                            + "is activated again"));
        }
        ProblemOpenApi.addIfAbsent(responses, "500", ProblemOpenApi.response("Unexpected server error", "internal-error", 500,
                "Internal server error", "an unexpected error; the request may be retried with its Idempotency-Key"));
        if (method == PathItem.HttpMethod.POST && RateLimitFilter.LIMITED.contains(path)) {
            APIResponse tooMany = ProblemOpenApi.response("Over the tenant's rate limit (messages per second); retry after "
                    + "Retry-After seconds. Nothing was stored.", "rate-limited", 429, "Too many requests",
                    "this account may send 50 messages per second (bursts of 100); retry after 1 s");
            tooMany.addHeader("Retry-After", OASFactory.createHeader().description("Whole seconds to wait, at least 1")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))));
            ProblemOpenApi.addIfAbsent(responses, "429", tooMany);
        }
        if (method == PathItem.HttpMethod.POST && path.equals("/v1/messages")) {
            APIResponse busy = ProblemOpenApi.response("More sends are waiting to be stored than the gateway queues, or the database "
                    + "is unavailable; nothing was accepted. Retry after Retry-After seconds.", "unavailable", 503,
                    "Service unavailable", "more messages are waiting to be stored than the gateway queues (20000)");
            busy.addHeader("Retry-After", OASFactory.createHeader().description("Whole seconds to wait")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))));
            ProblemOpenApi.addIfAbsent(responses, "503", busy);
            sendExamples(op);
        }
    }

    private static void sendExamples(Operation op) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return;
        }
        Content content = op.getRequestBody().getContent();
        MediaType json = content.getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        if (json == null || (json.getExamples() != null && !json.getExamples().isEmpty())) {
            return;
        }
        json.addExample("simple", OASFactory.createExample().summary("A text to an E.164 number")
                .value(Map.of("to", "+61412345678", "from", "Trunkline", "text", "Your code is 4821")));
        json.addExample("national", OASFactory.createExample().summary("A national number in the tenant's region, "
                + "with a reference, a status callback and a validity")
                .value(new LinkedHashMap<>(Map.of("to", "0412 345 678", "from", "+61400000001",
                        "text", "Your parcel arrives today between 2 and 4 pm", "reference", "order-1234",
                        "status_callback", "https://example.com/sms/status", "validity", 3600))));
        json.addExample("unicode", OASFactory.createExample().summary("UCS-2: a character outside GSM-7")
                .value(Map.of("to", "+61412345678", "from", "Trunkline", "text", "Grüße 👋")));
    }

    private static final String DESCRIPTION = "Tenants send SMS and read their status and account; the operator "
            + "manages tenants, API keys, routing and limits.\n\n"
            + "Authentication: tenants `Authorization: Bearer <API key>` (scheme `" + GatewayApi.API_KEY + "`); the "
            + "operator API `/v1/operator/**` `Authorization: Bearer <operator token>` (scheme `" + GatewayApi.OPERATOR
            + "`); the operator token with `X-Trunkline-Tenant: <tenant id>` acts for that tenant on the tenant API. "
            + "`/cgi-bin/sendsms` is Kannel-compatible and takes username/password parameters.\n\n"
            + "Every error is `application/problem+json` (RFC 9457) with `errors[]` naming each offending field. "
            + "Single sends are rate limited per tenant (429 with `Retry-After`). A 202 means the message is durably "
            + "stored and its event is on its way.";
}
