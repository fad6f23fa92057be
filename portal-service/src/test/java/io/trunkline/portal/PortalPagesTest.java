package io.trunkline.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.trunkline.portal.rest.PortalPages;

@QuarkusTest
@QuarkusTestResource(GatewayStandIn.class)
class PortalPagesTest {
    static final String PASSWORD = "correct horse battery";
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form_token\" value=\"([0-9a-f]{64})\"");
    private static final Pattern NONCE = Pattern.compile("name=\"nonce\" value=\"([0-9a-f-]{36})\"");

    @Inject
    EntityManager em;

    static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + GatewayStandIn.TOKEN);
    }

    static String user(String role, String tenantId) {
        String email = "staff-" + UUID.randomUUID() + "@tenant.example";
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("role", role);
        if (tenantId != null) {
            body.put("tenantId", tenantId);
        }
        operator().contentType(ContentType.JSON).body(body).post("/v1/ops/users").then().statusCode(201)
                .body("email", equalTo(email)).body("role", equalTo(role)).body("$", not(hasKey("passwordHash")));
        return email;
    }

    static Response signIn(String email, String password) {
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("email", email).formParam("password", password).post("/login");
    }

    static String session(String email) {
        Response r = signIn(email, PASSWORD);
        assertEquals(303, r.statusCode(), r.asString());
        return r.getCookie(PortalPages.SESSION_COOKIE);
    }

    static RequestSpecification as(String session) {
        return given().redirects().follow(false).cookie(PortalPages.SESSION_COOKIE, session);
    }

    static String group(Pattern p, String html) {
        Matcher m = p.matcher(html);
        assertTrue(m.find(), p + " in " + html);
        return m.group(1);
    }

    @Test
    void aTenantsStaffSignsInSeesTheAccountSendsAndSignsOut() {
        String email = user("TENANT_USER", "tenant-a");
        Response in = signIn(email, PASSWORD);
        in.then().statusCode(303).header("Location", endsWith("/"));
        String cookie = in.getHeader("Set-Cookie");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure"),
                cookie);
        String session = in.getCookie(PortalPages.SESSION_COOKIE);

        String home = as(session).get("/").then().statusCode(200).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .body(containsString("Name of tenant-a")).body(containsString("12.5000 USD"))
                .extract().asString();
        String formToken = group(FORM_TOKEN, home);
        String nonce = group(NONCE, home);

        for (int i = 0; i < 2; i++) { // the same form twice (a double click, a reload): one message
            as(session).contentType(ContentType.URLENC).formParam("form_token", formToken).formParam("nonce", nonce)
                    .formParam("to", "+61412345678").formParam("from", "Trunkline").formParam("text", "From <b>the</b> portal")
                    .post("/messages").then().statusCode(303).header("Location", containsString("/?sent="));
        }
        List<GatewayStandIn.Seen> sends = GatewayStandIn.seen("POST", "/v1/messages").stream()
                .filter(s -> s.body().path("text").asText().equals("From <b>the</b> portal")).toList();
        assertEquals(2, sends.size());
        for (GatewayStandIn.Seen s : sends) {
            assertEquals("tenant-a", s.tenant(), "the portal acts for the user's own tenant");
            assertEquals("Bearer " + GatewayStandIn.TOKEN, s.authorization());
            assertEquals("portal-" + nonce, s.idempotencyKey());
        }
        assertEquals(1, GatewayStandIn.MESSAGES.get("tenant-a").stream()
                .filter(m -> m.get("text").equals("From <b>the</b> portal")).count());
        as(session).get("/").then().statusCode(200)
                .body(containsString("From &lt;b&gt;the&lt;/b&gt; portal")).body(not(containsString("<b>the</b>")));

        as(session).contentType(ContentType.URLENC).formParam("form_token", formToken).post("/logout")
                .then().statusCode(303).header("Location", endsWith("/login"))
                .header("Set-Cookie", containsString("Max-Age=0"));
        as(session).get("/").then().statusCode(303).header("Location", endsWith("/login"));
    }

    @Test
    void eachTenantsStaffSeeOnlyThatTenantsMessages() {
        String a = session(user("TENANT_ADMIN", "tenant-a"));
        String b = session(user("TENANT_USER", "tenant-b"));
        String home = as(a).get("/").then().statusCode(200).extract().asString();
        as(a).contentType(ContentType.URLENC).formParam("form_token", group(FORM_TOKEN, home))
                .formParam("nonce", group(NONCE, home)).formParam("to", "+61412345679").formParam("from", "Trunkline")
                .formParam("text", "Only for A").post("/messages").then().statusCode(303);

        as(a).get("/").then().statusCode(200).body(containsString("Only for A"));
        as(b).get("/").then().statusCode(200).body(containsString("Name of tenant-b"))
                .body(not(containsString("Only for A")));
        assertTrue(GatewayStandIn.SEEN.stream().filter(s -> s.path().startsWith("/v1/") && !s.path().startsWith("/v1/operator"))
                .allMatch(s -> s.tenant() != null), "every tenant call names its tenant");
    }

    @Test
    void aRefusedSendShowsEachFieldAndKeepsWhatWasTyped() {
        String s = session(user("TENANT_USER", "tenant-a"));
        String home = as(s).get("/").then().statusCode(200).extract().asString();
        as(s).contentType(ContentType.URLENC).formParam("form_token", group(FORM_TOKEN, home))
                .formParam("nonce", group(NONCE, home)).formParam("to", "bad").formParam("from", "Trunkline")
                .formParam("text", "Keep this text").post("/messages").then().statusCode(400)
                .body(containsString("to: is not a valid phone number")).body(containsString(">Keep this text</textarea>"));
    }

    @Test
    void aFormWithoutTheSessionsFormTokenIsRefusedAndSendsNothing() {
        String s = session(user("TENANT_USER", "tenant-a"));
        int before = GatewayStandIn.seen("POST", "/v1/messages").size();
        as(s).contentType(ContentType.URLENC).formParam("to", "+61412345670").formParam("from", "Trunkline")
                .formParam("text", "forged").post("/messages").then().statusCode(403);
        String other = session(user("TENANT_USER", "tenant-a"));
        String otherToken = group(FORM_TOKEN, as(other).get("/").asString());
        as(s).contentType(ContentType.URLENC).formParam("form_token", otherToken).formParam("to", "+61412345670")
                .formParam("from", "Trunkline").formParam("text", "forged").post("/messages").then().statusCode(403);
        assertEquals(before, GatewayStandIn.seen("POST", "/v1/messages").size());
        // signing out needs it too: a cross-site form cannot end the session
        as(s).contentType(ContentType.URLENC).post("/logout").then().statusCode(303);
        as(s).get("/").then().statusCode(200);
    }

    @Test
    void wrongPasswordsLockTheAccountAndEveryFailureReadsTheSame() {
        String email = user("TENANT_USER", "tenant-a");
        String unknown = signIn("nobody-" + UUID.randomUUID() + "@tenant.example", PASSWORD).then().statusCode(401)
                .extract().asString();
        assertTrue(unknown.contains("The e-mail or password is wrong"), unknown);
        for (int i = 0; i < 5; i++) {
            signIn(email, "wrong password " + i).then().statusCode(401);
        }
        String locked = signIn(email, PASSWORD).then().statusCode(401).extract().asString();
        assertEquals(strip(unknown), strip(locked).replace(email, "nobody"), "a locked account reads like any failure");

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE portal_user SET locked_until = ?1 WHERE email = ?2")
                .setParameter(1, Instant.now().minusSeconds(1)).setParameter(2, email).executeUpdate());
        signIn(email, PASSWORD).then().statusCode(303);
    }

    private static String strip(String html) {
        return html.replaceAll("value=\"[^\"]*\"", "");
    }

    @Test
    void anIdleSessionEndsAndADeletedUsersSessionsWithIt() {
        String email = user("TENANT_USER", "tenant-b");
        String s = session(email);
        as(s).get("/").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE portal_session SET last_seen_at = ?1 "
                + "WHERE user_id = (SELECT id FROM portal_user WHERE email = ?2)")
                .setParameter(1, Instant.now().minusSeconds(31 * 60)).setParameter(2, email).executeUpdate());
        as(s).get("/").then().statusCode(303).header("Location", endsWith("/login"));

        String again = session(email);
        String id = operator().queryParam("tenantId", "tenant-b").get("/v1/ops/users").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.email == '" + email + "' }.id", String.class).get(0);
        operator().delete("/v1/ops/users/{id}", id).then().statusCode(204);
        as(again).get("/").then().statusCode(303);
        operator().delete("/v1/ops/users/{id}", id).then().statusCode(404);
    }

    @Test
    void theOperatorsStaffSeeTheTenants() {
        String s = session(user("OPERATOR", null));
        String home = as(s).get("/").then().statusCode(200).extract().asString();
        assertTrue(home.contains("Name of tenant-a") && home.contains("Name of tenant-b"), home);
        assertFalse(home.contains("action=\"/messages\""), "no send form without a tenant");
    }

    @Test
    void usersAreCreatedOnlyByTheOperatorAndValidatedNamingEachField() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/ops/users").then().statusCode(401);
        operator().contentType(ContentType.JSON).body(Map.of()).post("/v1/ops/users").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("email", "password", "role"));
        operator().contentType(ContentType.JSON).body(Map.of("email", "not-an-address", "password", "short",
                "role", "KING")).post("/v1/ops/users").then().statusCode(400)
                .body("errors.field", hasItems("email", "password", "role"));
        operator().contentType(ContentType.JSON).body(Map.of("email", "op-" + UUID.randomUUID() + "@op.example",
                "password", PASSWORD, "role", "OPERATOR", "tenantId", "tenant-a")).post("/v1/ops/users").then()
                .statusCode(400).body("errors[0].field", equalTo("tenantId"));
        operator().contentType(ContentType.JSON).body(Map.of("email", "t-" + UUID.randomUUID() + "@t.example",
                "password", PASSWORD, "role", "TENANT_USER", "tenantId", "no-such-tenant")).post("/v1/ops/users")
                .then().statusCode(400).body("errors[0].field", equalTo("tenantId"))
                .body("errors[0].message", containsString("no tenant"));
        String email = user("TENANT_USER", "tenant-a");
        operator().contentType(ContentType.JSON).body(Map.of("email", email.toUpperCase(), "password", PASSWORD,
                "role", "TENANT_USER", "tenantId", "tenant-b")).post("/v1/ops/users").then().statusCode(409);
        Object hash = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT password_hash FROM portal_user WHERE email = ?1").setParameter(1, email).getSingleResult());
        assertNotNull(hash);
        assertTrue(hash.toString().startsWith("$2a$"), "a bcrypt hash, never the password: " + hash);
    }

    @Test
    void signedOutVisitorsAreSentToSignIn() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/login"));
        given().get("/login").then().statusCode(200).body(containsString("name=\"password\""));
        given().redirects().follow(false).cookie(PortalPages.SESSION_COOKIE, "made-up").get("/").then().statusCode(303);
    }
}
