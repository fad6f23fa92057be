package io.trunkline.gateway.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.platform.rest.OperatorOnly;

/** OpenAPI description of the gateway's API; resources are discovered as usual. */
@OpenAPIDefinition(
        info = @Info(title = "Trunkline API gateway", version = "v1",
                description = "Tenants send SMS and read their status and account; the operator manages tenants and "
                        + "API keys. Every error is application/problem+json (RFC 9457) naming the offending fields."),
        tags = {
            @Tag(name = "messages", description = "Outbound SMS"),
            @Tag(name = "account", description = "The tenant's account and balance"),
            @Tag(name = "operator", description = "Tenant and API key administration (operator token)")
        })
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = GatewayApi.API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "A tenant API key: Authorization: Bearer tk_live_..."),
    @SecurityScheme(securitySchemeName = GatewayApi.OPERATOR, type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "The operator token (TRUNKLINE_OPERATOR_TOKEN)")
})
public class GatewayApi extends Application {
    public static final String API_KEY = "apiKey";
    public static final String OPERATOR = OperatorOnly.SECURITY_SCHEME;
}
