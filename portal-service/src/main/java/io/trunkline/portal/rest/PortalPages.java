package io.trunkline.portal.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.trunkline.portal.PortalUser;
import io.trunkline.portal.config.PortalConfig;
import io.trunkline.portal.service.GatewayClient;
import io.trunkline.portal.service.PortalUserService;
import io.trunkline.portal.service.SessionService;

/**
 * The portal's pages, rendered on the server: sign-in and sign-out, and a home page with the tenant's account, its
 * recent messages and a send form (a tenant's staff), or the tenants (the operator's staff). Every tenant datum comes
 * from the api-gateway for the signed-in user's own tenant ({@link GatewayClient}); a form is accepted only with the
 * session's form token, and a send carries an idempotency key so a resubmitted form sends once.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PortalPages {
    private static final Logger LOG = Logger.getLogger(PortalPages.class);
    public static final String SESSION_COOKIE = "trunkline_session";
    static final String SIGN_IN_FAILED = "The e-mail or password is wrong, or the account is locked for a while "
            + "after too many attempts.";
    static final int RECENT = 20;

    private final PortalUserService users;
    private final SessionService sessions;
    private final GatewayClient gateway;
    private final PortalConfig config;

    public PortalPages(PortalUserService users, SessionService sessions, GatewayClient gateway, PortalConfig config) {
        this.users = users;
        this.sessions = sessions;
        this.gateway = gateway;
        this.config = config;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String error, String email);

        static native TemplateInstance home(Home page);
    }

    /** What the home page shows; null or empty parts are left out. */
    public record Home(String email, String role, String formToken, String nonce, boolean operator, Account account,
            List<MessageRow> messages, List<TenantRow> tenants, String notice, String unavailable,
            List<String> errors, String to, String from, String text) {
    }

    public record Account(String name, String balance, String available, String currency, boolean blocked) {
    }

    public record MessageRow(String createdAt, String to, String from, String text, String status) {
    }

    public record TenantRow(String id, String name, String status) {
    }

    @GET
    @Path("login")
    @Operation(hidden = true)
    public Response loginPage(@CookieParam(SESSION_COOKIE) String token) {
        if (sessions.resolve(token).isPresent()) {
            return seeOther("/");
        }
        return page(200, Templates.login(null, ""));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("email") String email, @FormParam("password") String password) {
        Optional<PortalUser> user = users.signIn(email, password);
        if (user.isEmpty()) {
            return page(401, Templates.login(SIGN_IN_FAILED, email == null ? "" : email));
        }
        String token = sessions.open(user.get());
        return Response.seeOther(URI.create("/")).cookie(sessionCookie(token, (int) config.sessionMaxAge().toSeconds()))
                .build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOut(@CookieParam(SESSION_COOKIE) String token, @FormParam("form_token") String formToken) {
        if (token != null && SessionService.isFormToken(token, formToken)) {
            sessions.close(token);
        }
        return Response.seeOther(URI.create("/login")).cookie(sessionCookie("", 0)).build();
    }

    @GET
    @Operation(hidden = true)
    public Response home(@CookieParam(SESSION_COOKIE) String token, @QueryParam("sent") String sent) {
        Optional<SessionService.Signed> signed = sessions.resolve(token);
        if (signed.isEmpty()) {
            return seeOther("/login");
        }
        String notice = sent == null ? null : "Message " + sent + " accepted; its status follows below.";
        return page(200, Templates.home(homeOf(signed.get(), notice, List.of(), "", "", "")));
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response send(@CookieParam(SESSION_COOKIE) String token, @FormParam("form_token") String formToken,
            @FormParam("nonce") String nonce, @FormParam("to") String to, @FormParam("from") String from,
            @FormParam("text") String text) {
        Optional<SessionService.Signed> signed = sessions.resolve(token);
        if (signed.isEmpty()) {
            return seeOther("/login");
        }
        if (!SessionService.isFormToken(token, formToken)) {
            return Response.status(403).type(MediaType.TEXT_PLAIN)
                    .entity("The form is not from this session; reload the page and send again.").build();
        }
        PortalUser u = signed.get().user();
        if (u.tenantId == null) {
            return Response.status(403).type(MediaType.TEXT_PLAIN)
                    .entity("The operator's staff send as a tenant through the API.").build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to);
        body.put("from", from);
        body.put("text", text);
        body.put("reference", "portal:" + u.id);
        String key = nonce == null || nonce.isBlank() || nonce.length() > 64 ? null : "portal-" + nonce;
        GatewayClient.Answer a;
        try {
            a = gateway.post(u.tenantId, "/v1/messages", body, key);
        } catch (GatewayClient.Unavailable e) {
            LOG.warnf("send for portal user %s: %s", u.id, e.getMessage());
            return page(503, Templates.home(homeOf(signed.get(), null,
                    List.of("the platform did not answer; try again"), to, from, text)));
        }
        if (a.ok()) {
            return seeOther("/?sent=" + GatewayClient.enc(a.body().path("id").asText()));
        }
        return page(a.status() >= 500 ? 503 : 400,
                Templates.home(homeOf(signed.get(), null, reasons(a.body()), to, from, text)));
    }

    private Home homeOf(SessionService.Signed s, String notice, List<String> errors, String to, String from,
            String text) {
        PortalUser u = s.user();
        String formToken = SessionService.formToken(s.token());
        String nonce = UUID.randomUUID().toString();
        try {
            if (u.tenantId == null) {
                return new Home(u.email, u.role.name(), formToken, nonce, true, null, List.of(), tenants(), notice,
                        null, errors, to, from, text);
            }
            return new Home(u.email, u.role.name(), formToken, nonce, false, account(u.tenantId),
                    messages(u.tenantId), List.of(), notice, null, errors, to, from, text);
        } catch (GatewayClient.Unavailable e) {
            LOG.warnf("home page for portal user %s: %s", u.id, e.getMessage());
            return new Home(u.email, u.role.name(), formToken, nonce, u.tenantId == null, null, List.of(), List.of(),
                    notice, "The platform is not answering; the account and messages cannot be shown just now.",
                    errors, to, from, text);
        }
    }

    private Account account(String tenantId) {
        GatewayClient.Answer a = gateway.get(tenantId, "/v1/account", Map.of());
        if (!a.ok()) {
            return null;
        }
        JsonNode b = a.body();
        return new Account(b.path("name").asText(""), text(b, "balance"), text(b, "available"), text(b, "currency"),
                b.path("blocked").asBoolean(false));
    }

    private List<MessageRow> messages(String tenantId) {
        GatewayClient.Answer a = gateway.get(tenantId, "/v1/messages", Map.of("limit", String.valueOf(RECENT)));
        List<MessageRow> rows = new ArrayList<>();
        if (a.ok()) {
            for (JsonNode m : a.body().path("items")) {
                rows.add(new MessageRow(text(m, "createdAt"), text(m, "to"), text(m, "from"), text(m, "text"),
                        text(m, "status")));
            }
        }
        return rows;
    }

    private List<TenantRow> tenants() {
        GatewayClient.Answer a = gateway.operatorGet("/v1/operator/tenants");
        List<TenantRow> rows = new ArrayList<>();
        if (a.ok()) {
            for (JsonNode t : a.body().isArray() ? a.body() : a.body().path("items")) {
                rows.add(new TenantRow(text(t, "id"), text(t, "name"), text(t, "status")));
            }
        }
        return rows;
    }

    /** The gateway's refusal as lines a person reads: each field's message, else the detail. */
    static List<String> reasons(JsonNode problem) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : problem.path("errors")) {
            out.add(e.path("field").asText() + ": " + e.path("message").asText());
        }
        if (out.isEmpty()) {
            out.add(problem.path("detail").asText("the platform refused the message"));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private NewCookie sessionCookie(String value, int maxAge) {
        return new NewCookie.Builder(SESSION_COOKIE).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure(config.secureCookie()).sameSite(NewCookie.SameSite.STRICT).build();
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).header("Cache-Control", "no-store").build();
    }

    /** A page, never cached, never framed, with nothing but its own origin's resources. */
    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render())
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy",
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'")
                .build();
    }
}
