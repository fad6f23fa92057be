package io.trunkline.gateway.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.service.BalanceService;
import io.trunkline.platform.rest.Problem;

@Path("/v1/account")
@TenantAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "account")
@SecurityRequirement(name = GatewayApi.API_KEY)
public class AccountResource {
    private final BalanceService balances;
    private final CurrentTenant tenant;

    public AccountResource(BalanceService balances, CurrentTenant tenant) {
        this.balances = balances;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "The tenant and its latest balance", description = "Money is a decimal string. The balance "
            + "fields are null until billing has published the tenant's first balance.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The tenant is suspended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccountView get() {
        TenantPrincipal t = tenant.get();
        return AccountView.of(t, balances.latest(t.tenantId()));
    }
}
