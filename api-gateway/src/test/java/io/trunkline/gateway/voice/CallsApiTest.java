package io.trunkline.gateway.voice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.trunkline.events.CallStatus;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.EventType;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.gateway.GatewayDatabase;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * The tenant call API's own behaviour, with {@link VoiceStub} in voice's place: API-key authentication, the tenant
 * sent to voice taken from the key only (with the operator token), voice's answers and problems passed on, another
 * tenant's call or profile a 404, 503 (not 500, not a hang) when voice fails; and {@code call.status} steps of a call
 * placed here consumed once each with the call's own status callback kept for its webhook.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(VoiceStub.class)
class CallsApiTest {
    static final String OPERATOR = "Bearer dev-operator-token";
    static final String CALLBACK = "https://tenant.example/hooks/calls";

    @ConfigProperty(name = "trunkline.gateway.voice.url")
    String voiceUrl;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    GatewayDatabase db;

    @Inject
    EntityManager em;

    @BeforeEach
    @AfterEach
    void resetStub() {
        given().body("").post(voiceUrl + "/__stub/reset").then().statusCode(204);
    }

    @Test
    void everyEndpointNeedsAValidKeyOfAnActiveTenantAndNothingReachesVoiceOtherwise() {
        String[] t = tenantWithKey("Calls auth");
        List<String> paths = List.of("/v1/calls", "/v1/calls/" + UUID.randomUUID(), "/v1/follow-me-profiles",
                "/v1/follow-me-profiles/" + UUID.randomUUID());
        for (String path : paths) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"));
            given().header("Authorization", "Bearer tk_live_not-a-key").get(path).then().statusCode(401);
            // the operator token opens the tenant API only with X-Trunkline-Tenant (OperatorApiTest)
            given().header("Authorization", OPERATOR).get(path).then().statusCode(401);
        }
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body(click("+27115550001"))
                .post("/v1/calls").then().statusCode(401);
        given().header("Authorization", OPERATOR).post("/v1/operator/tenants/{id}/suspend", t[0]).then()
                .statusCode(200);
        tenant(t[1]).contentType(ContentType.JSON).body(click("+27115550001")).post("/v1/calls").then()
                .statusCode(403).body("type", endsWith("/tenant-suspended"));
        tenant(t[1]).get("/v1/follow-me-profiles").then().statusCode(403);
        assertEquals(List.of(), stubRequests(), "voice was asked nothing");
    }

    @Test
    void aCallIsPlacedForTheKeysTenantWithTheOperatorTokenAndItsCallbackKeptHere() {
        String[] a = tenantWithKey("Calls A");
        String[] b = tenantWithKey("Calls B");
        Map<String, Object> body = Map.of("agents", List.of("+27115550001"), "customers", List.of("+27821234567"),
                "reference", "web-callback-1", "status_callback", CALLBACK);
        // a forged tenant header is the caller's own business: voice hears the key's tenant only
        io.restassured.response.Response placed = tenant(a[1]).header("X-Trunkline-Tenant", b[0])
                .contentType(ContentType.JSON).body(body).post("/v1/calls");
        placed.then().statusCode(202).contentType(ContentType.JSON).body("status", equalTo("QUEUED"));
        String callId = placed.path("callId");
        assertNotNull(callId);
        assertTrue(placed.header("Location").endsWith("/v1/calls/" + callId), placed.header("Location"));
        assertFalse(placed.header("Location").contains(voiceUrl), "the gateway's own URL, not voice's");

        List<String[]> sent = stubRequests();
        assertEquals(1, sent.size());
        assertEquals("POST /v1/calls", sent.get(0)[0]);
        assertEquals(OPERATOR, sent.get(0)[1], "the gateway proves itself with the operator token");
        assertEquals(a[0], sent.get(0)[2], "the tenant of the key, not of the forged header");
        assertTrue(sent.get(0)[3].contains("\"callId\":\"" + callId + "\""), "voice uses the id recorded here");
        assertFalse(sent.get(0)[3].contains("hooks"), "voice gets no callback URL: the gateway sends the webhooks");
        assertTrue(sent.get(0)[3].contains("\"reference\":\"web-callback-1\""));

        Object[] row = callRow(callId);
        assertEquals(a[0], row[0]);
        assertEquals(CALLBACK, row[1]);
        assertEquals("CLICK_TO_CALL", row[2]);

        tenant(a[1]).get("/v1/calls/" + callId).then().statusCode(200)
                .body("callId", equalTo(callId)).body("timeline[0].status", equalTo("QUEUED"));
        tenant(b[1]).get("/v1/calls/" + callId).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(callId));
        tenant(a[1]).get("/v1/calls").then().statusCode(200).body("items.callId", equalTo(List.of(callId)));
        tenant(b[1]).get("/v1/calls").then().statusCode(200).body("items", hasSize(0));
        tenant(a[1]).queryParam("page", 2).queryParam("size", 5).get("/v1/calls").then().statusCode(200);
        assertEquals("GET /v1/calls?page=2&size=5", last(stubRequests())[0], "paging passed on");
        // not an id voice could have: a 404 without asking voice
        int before = stubRequests().size();
        tenant(a[1]).get("/v1/calls/not an id!").then().statusCode(404).contentType("application/problem+json");
        assertEquals(before, stubRequests().size());
    }

    @Test
    void voicesProblemsArePassedOnAndARefusedCallLeavesNothingHere() {
        String[] a = tenantWithKey("Calls refused");
        tenant(a[1]).contentType(ContentType.JSON).body(Map.of("customers", List.of("+27821234567")))
                .post("/v1/calls").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("agents"));
        assertEquals(0, callCount(a[0]), "no call recorded for a refused request");

        // checked here before voice is asked
        tenant(a[1]).contentType(ContentType.JSON).body(Map.of("agents", List.of("+27115550001"), "customers",
                List.of("+27821234567"), "status_callback", "ftp://tenant.example/x"))
                .post("/v1/calls").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status_callback"));
        tenant(a[1]).contentType(ContentType.JSON).body(Map.of("kind", "TELEPATHY")).post("/v1/calls").then()
                .statusCode(400).body("errors[0].field", equalTo("kind"));
        tenant(a[1]).contentType(ContentType.JSON).body("{\"agents\": [").post("/v1/calls").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(1, stubRequests().size(), "only the first request reached voice");
        assertEquals(0, callCount(a[0]));
    }

    @Test
    void followMeProfilesAreTheTenantsOwnThroughTheGateway() {
        String[] a = tenantWithKey("Profiles A");
        String[] b = tenantWithKey("Profiles B");
        String id = tenant(a[1]).contentType(ContentType.JSON)
                .body(Map.of("name", "office", "mode", "HUNT", "numbers", List.of("+27115551111"), "ringSeconds", 15))
                .post("/v1/follow-me-profiles").then().statusCode(201)
                .header("Location", not(containsString(voiceUrl)))
                .body("name", equalTo("office")).extract().path("profileId");
        tenant(a[1]).get("/v1/follow-me-profiles/" + id).then().statusCode(200).body("ringSeconds", equalTo(15));
        tenant(b[1]).get("/v1/follow-me-profiles/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        tenant(b[1]).contentType(ContentType.JSON).body(Map.of("name", "x", "numbers", List.of("+27115551111")))
                .put("/v1/follow-me-profiles/" + id).then().statusCode(404);
        tenant(b[1]).delete("/v1/follow-me-profiles/" + id).then().statusCode(404);
        tenant(a[1]).contentType(ContentType.JSON)
                .body(Map.of("name", "office", "mode", "RING_ALL", "numbers", List.of("+27115551111", "+27115552222")))
                .put("/v1/follow-me-profiles/" + id).then().statusCode(200).body("mode", equalTo("RING_ALL"));
        tenant(a[1]).get("/v1/follow-me-profiles").then().statusCode(200).body("profileId", equalTo(List.of(id)));
        tenant(b[1]).get("/v1/follow-me-profiles").then().statusCode(200).body("size()", equalTo(0));
        tenant(a[1]).delete("/v1/follow-me-profiles/" + id).then().statusCode(204);
        tenant(a[1]).get("/v1/follow-me-profiles/" + id).then().statusCode(404);
        for (String[] r : stubRequests()) {
            assertEquals(OPERATOR, r[1]);
            assertTrue(r[2].equals(a[0]) || r[2].equals(b[0]), r[2]);
        }
    }

    @Test
    void whenVoiceFailsOrIsSlowTheTenantGets503AndNothingHalfDone() {
        String[] a = tenantWithKey("Calls voice failing");
        for (String behaviour : List.of("error", "unauthorized", "silent")) {
            given().body(behaviour).post(voiceUrl + "/__stub/behaviour").then().statusCode(204);
            tenant(a[1]).get("/v1/follow-me-profiles").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", endsWith("/voice-unavailable"))
                    .body("detail", not(containsString("127.0.0.1")));
            tenant(a[1]).get("/v1/calls/" + UUID.randomUUID()).then().statusCode(503);
        }
        given().body("error").post(voiceUrl + "/__stub/behaviour").then().statusCode(204);
        tenant(a[1]).contentType(ContentType.JSON).body(click("+27115550002")).post("/v1/calls").then()
                .statusCode(503).body("type", endsWith("/voice-unavailable"));
        assertEquals(0, callCount(a[0]), "voice failed the call: no record of it");
        given().body("silent").post(voiceUrl + "/__stub/behaviour").then().statusCode(204);
        tenant(a[1]).contentType(ContentType.JSON).body(click("+27115550003")).post("/v1/calls").then()
                .statusCode(503).body("detail", containsString("did not answer within 2000 ms"));
        // voice may have placed it after all: the record stays so its steps still reach the tenant's callback
        assertEquals(1, callCount(a[0]));
    }

    @Test
    void callStatusStepsOfACallPlacedHereAreConsumedOnceEach() {
        String[] a = tenantWithKey("Calls status");
        String callId = tenant(a[1]).contentType(ContentType.JSON)
                .body(Map.of("agents", List.of("+27115550004"), "customers", List.of("+27821234568"),
                        "status_callback", CALLBACK))
                .post("/v1/calls").then().statusCode(202).extract().path("callId");
        Instant t0 = Instant.parse("2026-11-26T06:00:00Z");
        EventEnvelope<TrunklineEvent> queued = TestTopics.publish(bootstrap,
                new CallStatusChanged(callId, a[0], CallStatus.QUEUED, null, null, t0));
        EventEnvelope<TrunklineEvent> dialing = TestTopics.publish(bootstrap,
                new CallStatusChanged(callId, a[0], CallStatus.DIALING_AGENT, "+27115550004", null, t0.plusSeconds(1)));
        EventEnvelope<TrunklineEvent> done = TestTopics.publish(bootstrap,
                new CallStatusChanged(callId, a[0], CallStatus.COMPLETED, null, null, t0.plusSeconds(30)));
        db.awaitProcessed(done.headers().id());
        assertTrue(db.processed(queued.headers().id()) && db.processed(dialing.headers().id()));
        Object[] row = callRow(callId);
        assertEquals("COMPLETED", row[3], "the latest step seen");
        assertEquals(CALLBACK, row[1], "its webhooks go to the call's own callback");

        // a redelivered older step changes nothing; a call not placed here is taken without a record
        TestTopics.publish(bootstrap, queued);
        String other = UUID.randomUUID().toString();
        EventEnvelope<TrunklineEvent> foreign = TestTopics.publish(bootstrap,
                new CallStatusChanged(other, a[0], CallStatus.QUEUED, null, null, t0));
        db.awaitProcessed(foreign.headers().id());
        assertEquals("COMPLETED", callRow(callId)[3]);
        assertNull(callRow(other));
    }

    @Test
    void anUnreadableCallStatusGoesToTheDeadLetterTopic() {
        String id = TestTopics.publishUnreadable(bootstrap, EventType.CALL_STATUS_CHANGED);
        TestTopics.awaitDeadLettered(bootstrap, Topics.CALL_STATUS, id, java.time.Duration.ofSeconds(30));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static RequestSpecification tenant(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    static String[] tenantWithKey(String name) {
        String id = given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("name", name, "defaultRegion", "AU", "senderIds", List.of("Trunkline")))
                .post("/v1/operator/tenants").then().statusCode(201).extract().path("id");
        String key = given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("name", "calls")).post("/v1/operator/tenants/{id}/keys", id).then().statusCode(201)
                .extract().path("key");
        return new String[] { id, key };
    }

    private static Map<String, Object> click(String agent) {
        return Map.of("agents", List.of(agent), "customers", List.of("+27821234567"));
    }

    /** Each request voice got: {method + path, Authorization, X-Trunkline-Tenant, body}. */
    private List<String[]> stubRequests() {
        String text = given().get(voiceUrl + "/__stub/requests").then().statusCode(200).extract().asString();
        return text.isBlank() ? List.of()
                : Arrays.stream(text.split("\n")).map(l -> l.split(" \\| ", 4)).toList();
    }

    private static String[] last(List<String[]> list) {
        return list.get(list.size() - 1);
    }

    /** {tenant_id, status_callback, kind, last_status} of the call, or null. */
    private Object[] callRow(String callId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("SELECT tenant_id, status_callback, kind, last_status FROM voice_call "
                    + "WHERE call_id = ?1").setParameter(1, callId).getResultList();
            return rows.isEmpty() ? null : (Object[]) rows.get(0);
        });
    }

    private long callCount(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COUNT(*) FROM voice_call WHERE tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult()).longValue());
    }
}
