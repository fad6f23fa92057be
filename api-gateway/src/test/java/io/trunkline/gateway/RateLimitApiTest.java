package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.operator;
import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

/** The per-tenant rate limit of single sends and its operator API, over the real database and broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class RateLimitApiTest {
    static final Map<String, String> HEY_JUDE = Map.of("to", "+61412345678", "from", "Trunkline", "text", "Hey Jude");
    /** More sends than a 1/s bucket of 3 can take even on a slow machine (one token a second comes back). */
    static final int ATTEMPTS = 30;

    @Inject
    GatewayDatabase db;

    static Response putLimits(String tenantId, String json) {
        return operator().contentType(ContentType.JSON).body(json).put("/v1/operator/tenants/{id}/limits", tenantId);
    }

    /** Sends until the first 429 (or ATTEMPTS); returns {accepted, the 429 or null}. */
    static Object[] sendUntilRefused(String key) {
        int accepted = 0;
        for (int i = 0; i < ATTEMPTS; i++) {
            Response r = send(key, HEY_JUDE);
            if (r.statusCode() == 429) {
                return new Object[] { accepted, r };
            }
            assertEquals(202, r.statusCode(), r.asString());
            accepted++;
        }
        return new Object[] { accepted, null };
    }

    @Test
    void aBurstBeyondTheBucketGets429WithRetryAfterAndStoresNothing() {
        String[] t = tenantWithKey("Limit burst");
        putLimits(t[0], "{\"messagesPerSecond\": 1, \"burst\": 3}").then().statusCode(200)
                .body("messagesPerSecond", equalTo(1)).body("burst", equalTo(3)).body("source", equalTo("tenant"));

        Object[] result = sendUntilRefused(t[1]);
        int accepted = (Integer) result[0];
        Response refused = (Response) result[1];
        assertNotNull(refused, "a 1/s bucket of 3 must refuse within " + ATTEMPTS + " sends");
        assertTrue(accepted >= 3, "the whole burst is admitted first: " + accepted);
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", endsWith("/rate-limited"))
                .body("status", equalTo(429));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1, "Retry-After in whole seconds, at least 1: " + retryAfter);
        assertEquals(accepted, db.messageCount(t[0]), "the refused send stored nothing");
        assertEquals(accepted, db.acceptedEventCount(t[0]), "and published nothing");
    }

    @Test
    void theLimitIsPerTenant() {
        String[] a = tenantWithKey("Limit A");
        String[] b = tenantWithKey("Limit B");
        putLimits(a[0], "{\"messagesPerSecond\": 1, \"burst\": 2}").then().statusCode(200);
        assertNotNull(sendUntilRefused(a[1])[1], "A is over its limit");
        send(b[1], HEY_JUDE).then().statusCode(202);
        send(b[1], HEY_JUDE).then().statusCode(202);
        send(b[1], HEY_JUDE).then().statusCode(202);
    }

    @Test
    void aQuoteIsNotLimited() {
        String[] t = tenantWithKey("Limit quote");
        putLimits(t[0], "{\"messagesPerSecond\": 1, \"burst\": 1}").then().statusCode(200);
        assertNotNull(sendUntilRefused(t[1])[1]);
        tenant(t[1]).contentType(ContentType.JSON).body(HEY_JUDE).post("/v1/messages/quote").then().statusCode(200);
    }

    @Test
    void theOperatorOverrideAppliesAndCanBeRemoved() {
        String[] t = tenantWithKey("Limit override");
        operator().get("/v1/operator/tenants/{id}/limits", t[0]).then().statusCode(200)
                .body("source", equalTo("default")).body("messagesPerSecond", equalTo(100))
                .body("burst", equalTo(200));
        // the default bucket (200) takes a handful of sends without a refusal
        for (int i = 0; i < 5; i++) {
            send(t[1], HEY_JUDE).then().statusCode(202);
        }
        // burst defaults to the rate
        putLimits(t[0], "{\"messagesPerSecond\": 1}").then().statusCode(200).body("burst", equalTo(1));
        Object[] result = sendUntilRefused(t[1]);
        assertNotNull(result[1], "the override applies from the next send");

        operator().delete("/v1/operator/tenants/{id}/limits", t[0]).then().statusCode(200)
                .body("source", equalTo("default")).body("messagesPerSecond", equalTo(100));
        operator().get("/v1/operator/tenants/{id}/limits", t[0]).then().statusCode(200).body("source", equalTo("default"));
        send(t[1], HEY_JUDE).then().statusCode(202);
    }

    @Test
    void badLimitsAre400NamingTheFields() {
        String id = GatewayClient.createTenant("Limit bad");
        putLimits(id, "{\"messagesPerSecond\": 0, \"burst\": -1}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("messagesPerSecond", "burst"));
        putLimits(id, "{\"burst\": 10}").then().statusCode(400).body("errors[0].field", equalTo("messagesPerSecond"));
        putLimits(id, "{\"messagesPerSecond\": 2000000}").then().statusCode(400)
                .body("errors[0].field", equalTo("messagesPerSecond"));
        putLimits(id, "{\"messagesPerSecond\": \"fast\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("messagesPerSecond"));
        operator().get("/v1/operator/tenants/{id}/limits", id).then().statusCode(200).body("source", equalTo("default"));
    }

    @Test
    void limitsNeedTheOperatorAndAKnownTenant() {
        putLimits("no-such-tenant", "{\"messagesPerSecond\": 5}").then().statusCode(404)
                .contentType("application/problem+json");
        String[] t = tenantWithKey("Limit auth");
        given().contentType(ContentType.JSON).body("{\"messagesPerSecond\": 5}")
                .put("/v1/operator/tenants/{id}/limits", t[0]).then().statusCode(401);
        tenant(t[1]).contentType(ContentType.JSON).body("{\"messagesPerSecond\": 5}")
                .put("/v1/operator/tenants/{id}/limits", t[0]).then().statusCode(401);
    }
}
