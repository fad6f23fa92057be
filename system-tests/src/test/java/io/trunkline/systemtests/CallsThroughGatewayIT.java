package io.trunkline.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 7, point 6 over the packaged services: a tenant places a click-to-call and keeps follow-me profiles through
 * the gateway (its API key), which asks the real voice-service (driver none here: calls stay QUEUED) with the key's
 * tenant and the operator token; another tenant sees none of it, voice's problems come back as they are, and voice
 * itself refuses a forged tenant header without the operator token.
 */
@ExtendWith(SharedPlatform.class)
class CallsThroughGatewayIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String gateway;
    private static String voice;
    private static Tenant a;
    private static Tenant b;

    record Tenant(String id, String key) {
        RequestSpecification api() {
            return given().auth().oauth2(key);
        }
    }

    @BeforeAll
    static void tenants(PlatformProcesses platform) {
        gateway = platform.url("api-gateway");
        voice = platform.url("voice-service");
        a = tenant("Calls Reseller A");
        b = tenant("Calls Reseller B");
    }

    @Test
    void aTenantPlacesACallAndReadsItsTimelineAndAnotherTenantCannot() {
        Response placed = a.api().contentType(ContentType.JSON)
                .body(Map.of("agents", List.of("+27115550001"), "customers", List.of("+27821234567"),
                        "reference", "it-callback-1", "status_callback", "https://tenant-a.example/hooks/calls"))
                .post(gateway + "/v1/calls");
        placed.then().statusCode(202).body("status", equalTo("QUEUED"));
        String callId = placed.path("callId");
        assertTrue(placed.header("Location").endsWith("/v1/calls/" + callId), placed.header("Location"));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> a.api()
                .get(gateway + "/v1/calls/" + callId).then().statusCode(200)
                .body("callId", equalTo(callId))
                .body("reference", equalTo("it-callback-1"))
                .body("status", equalTo("QUEUED"))
                .body("timeline.status", hasItem("QUEUED")));
        b.api().get(gateway + "/v1/calls/" + callId).then().statusCode(404)
                .contentType("application/problem+json");
        a.api().get(gateway + "/v1/calls").then().statusCode(200).body("items.callId", hasItem(callId));
        b.api().get(gateway + "/v1/calls").then().statusCode(200).body("items.callId", not(hasItem(callId)));

        // voice's own validation, passed through
        a.api().contentType(ContentType.JSON)
                .body(Map.of("agents", List.of("0821234567"), "customers", List.of("+27821234567")))
                .post(gateway + "/v1/calls").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("agents[0]"));
    }

    @Test
    void followMeProfilesAreKeptPerTenantThroughTheGateway() {
        String id = a.api().contentType(ContentType.JSON)
                .body(Map.of("name", "office", "mode", "HUNT", "numbers", List.of("+27115551111"), "ringSeconds", 15))
                .post(gateway + "/v1/follow-me-profiles").then().statusCode(201).extract().path("profileId");
        a.api().get(gateway + "/v1/follow-me-profiles/" + id).then().statusCode(200).body("name", equalTo("office"));
        b.api().get(gateway + "/v1/follow-me-profiles/" + id).then().statusCode(404);
        b.api().delete(gateway + "/v1/follow-me-profiles/" + id).then().statusCode(404);
        a.api().contentType(ContentType.JSON)
                .body(Map.of("name", "office", "mode", "RING_ALL", "numbers", List.of("+27115551111", "+27115552222")))
                .put(gateway + "/v1/follow-me-profiles/" + id).then().statusCode(200).body("mode", equalTo("RING_ALL"));
        a.api().contentType(ContentType.JSON).body(Map.of("name", "x", "mode", "SOMETIMES",
                "numbers", List.of("+27115551111"))).post(gateway + "/v1/follow-me-profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("mode"));
        a.api().delete(gateway + "/v1/follow-me-profiles/" + id).then().statusCode(204);
        a.api().get(gateway + "/v1/follow-me-profiles/" + id).then().statusCode(404);
    }

    @Test
    void voiceRefusesAForgedTenantHeaderWithoutTheOperatorToken() {
        given().header("X-Trunkline-Tenant", a.id()).get(voice + "/v1/follow-me-profiles").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Trunkline-Tenant", a.id()).auth().oauth2(a.key()).get(voice + "/v1/calls").then()
                .statusCode(401);
    }

    private static Tenant tenant(String name) {
        String id = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "defaultRegion", "AU", "senderIds", List.of("Trunkline")))
                .post(gateway + "/v1/operator/tenants").then().statusCode(201).extract().path("id");
        String key = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "calls-it")).post(gateway + "/v1/operator/tenants/" + id + "/keys")
                .then().statusCode(201).extract().path("key");
        return new Tenant(id, key);
    }
}
