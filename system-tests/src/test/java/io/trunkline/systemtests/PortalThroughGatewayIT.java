package io.trunkline.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The portal over the packaged services: a tenant's staff member signs in on portal-service, sees the account the
 * gateway keeps for that tenant, and sends a message from the page; the message is the tenant's (its API key finds
 * it, marked with the portal user) and is delivered; another tenant's staff member sees none of it.
 */
@ExtendWith(SharedPlatform.class)
class PortalThroughGatewayIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "a long portal password";
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form_token\" value=\"([0-9a-f]{64})\"");
    private static final Pattern NONCE = Pattern.compile("name=\"nonce\" value=\"([0-9a-f-]{36})\"");
    private static String gateway;
    private static String portal;

    @BeforeAll
    static void urls(PlatformProcesses platform) {
        gateway = platform.url("api-gateway");
        portal = platform.url("portal-service");
    }

    record Staff(String tenantId, String key, String userId, String session) {
        RequestSpecification page() {
            return given().redirects().follow(false).cookie("trunkline_session", session);
        }
    }

    @Test
    void aTenantsStaffSendFromThePortalAndOnlyThatTenantSeesIt() {
        Staff a = staff("Portal Reseller A");
        Staff b = staff("Portal Reseller B");

        String home = a.page().get(portal + "/").then().statusCode(200)
                .body(containsString("Portal Reseller A")).extract().asString();
        String text = "Sent from the portal " + UUID.randomUUID();
        a.page().contentType(ContentType.URLENC).formParam("form_token", group(FORM_TOKEN, home))
                .formParam("nonce", group(NONCE, home)).formParam("to", "+61412345678").formParam("from", "Trunkline")
                .formParam("text", text).post(portal + "/messages").then().log().ifValidationFails().statusCode(303)
                .header("Location", containsString("/?sent="));

        List<Map<String, Object>> mine = given().auth().oauth2(a.key()).get(gateway + "/v1/messages?limit=10")
                .then().statusCode(200).extract().jsonPath().getList("items.findAll { it.text == '" + text + "' }");
        assertEquals(1, mine.size(), "the message is the tenant's own");
        assertEquals("portal:" + a.userId(), mine.get(0).get("reference"));
        String id = (String) mine.get(0).get("id");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().auth().oauth2(a.key())
                .get(gateway + "/v1/messages/" + id).then().statusCode(200).body("status", equalTo("delivered")));
        a.page().get(portal + "/").then().statusCode(200).body(containsString(text)).body(containsString("delivered"));

        given().auth().oauth2(b.key()).get(gateway + "/v1/messages/" + id).then().statusCode(404);
        b.page().get(portal + "/").then().statusCode(200).body(containsString("Portal Reseller B"))
                .body(not(containsString(text)));
    }

    private static Staff staff(String name) {
        String id = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "defaultRegion", "AU", "senderIds", List.of("Trunkline")))
                .post(gateway + "/v1/operator/tenants").then().statusCode(201).extract().path("id");
        String key = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "portal-it")).post(gateway + "/v1/operator/tenants/" + id + "/keys")
                .then().statusCode(201).extract().path("key");
        String email = "staff-" + UUID.randomUUID() + "@portal.example";
        String userId = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "role", "TENANT_USER", "tenantId", id))
                .post(portal + "/v1/ops/users").then().statusCode(201).extract().path("id");
        Response in = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("email", email)
                .formParam("password", PASSWORD).post(portal + "/login");
        assertEquals(303, in.statusCode(), in.asString());
        return new Staff(id, key, userId, in.getCookie("trunkline_session"));
    }

    private static String group(Pattern p, String html) {
        Matcher m = p.matcher(html);
        assertTrue(m.find(), p + " in " + html);
        return m.group(1);
    }
}
