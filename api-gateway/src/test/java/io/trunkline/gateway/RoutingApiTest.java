package io.trunkline.gateway;

import static io.restassured.RestAssured.given;
import static io.trunkline.gateway.GatewayClient.operator;
import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.Topics;
import io.trunkline.gateway.billing.BillingStub;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * Operator routing rules and the routing decision at acceptance, with {@link BillingStub} as billing's least-cost
 * answer. Every rule a test creates is deleted after it, so other tests keep the default route.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(BillingStub.class)
class RoutingApiTest {
    static final String MOBILE = "+61412345678";
    static final String LANDLINE = "+61291234567";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "trunkline.gateway.billing-url")
    String billingUrl;

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void resetStub() {
        given().body("").post(billingUrl + "/__stub/reset").then().statusCode(204);
    }

    @AfterEach
    void deleteRules() {
        for (String id : created) {
            operator().delete("/v1/operator/routes/{id}", id);
        }
        given().body("").post(billingUrl + "/__stub/reset").then().statusCode(204);
    }

    String rule(String prefix, String tenantId, String route, Integer priority) {
        Map<String, Object> body = new HashMap<>();
        body.put("prefix", prefix);
        body.put("route", route);
        if (tenantId != null) {
            body.put("tenantId", tenantId);
        }
        if (priority != null) {
            body.put("priority", priority);
        }
        String id = operator().contentType(ContentType.JSON).body(body).post("/v1/operator/routes")
                .then().statusCode(201).extract().path("id");
        created.add(id);
        return id;
    }

    static String routeOf(String apiKey, String to) {
        return send(apiKey, Map.of("to", to, "from", "Trunkline", "text", "route me")).then().statusCode(202)
                .extract().path("route");
    }

    @Test
    void operatorManagesRules() {
        String[] t = tenantWithKey("Routes CRUD");
        given().get("/v1/operator/routes").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + t[1]).get("/v1/operator/routes").then().statusCode(401);

        String id = rule("+4420", t[0], "http:acme-http", 5);
        operator().get("/v1/operator/routes/{id}", id).then().statusCode(200)
                .body("prefix", equalTo("4420")).body("tenantId", equalTo(t[0]))
                .body("route", equalTo("http:acme-http")).body("priority", equalTo(5));
        operator().contentType(ContentType.JSON)
                .body(Map.of("prefix", "4421", "route", "email", "priority", 1))
                .put("/v1/operator/routes/{id}", id).then().statusCode(200)
                .body("prefix", equalTo("4421")).body("tenantId", equalTo(null)).body("route", equalTo("email"));
        operator().get("/v1/operator/routes").then().statusCode(200).body("id", hasItem(id));
        operator().delete("/v1/operator/routes/{id}", id).then().statusCode(204);
        operator().get("/v1/operator/routes/{id}", id).then().statusCode(404).contentType("application/problem+json");
        operator().get("/v1/operator/routes").then().statusCode(200).body("id", not(hasItem(id)));

        operator().contentType(ContentType.JSON)
                .body(Map.of("prefix", "61x", "route", "carrier-pigeon", "tenantId", "no-such-tenant"))
                .post("/v1/operator/routes").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("prefix", "route", "tenantId"));
        operator().contentType(ContentType.JSON).body(Map.of("route", "smpp:"))
                .post("/v1/operator/routes").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("prefix", "route"));
    }

    @Test
    void longestPrefixThenTenantThenPriorityDecideAndTheRouteTravelsOnSmsAccepted() {
        String[] a = tenantWithKey("Routes A");
        String[] b = tenantWithKey("Routes B");
        rule("61", null, "http:global61", null);
        rule("6141", null, "smpp:global6141", null);
        rule("61", a[0], "gsm", null);
        rule("612", a[0], "smpp:low", 1);
        rule("612", a[0], "smpp:high", 9);

        assertEquals("smpp:global6141", routeOf(a[1], MOBILE), "a longer global prefix beats the tenant's shorter one");
        assertEquals("smpp:high", routeOf(a[1], LANDLINE), "the higher priority among equal prefixes");
        assertEquals("gsm", routeOf(a[1], "+61731234567"), "the tenant's 61 beats the global 61");
        assertEquals("http:global61", routeOf(b[1], "+61731234567"), "another tenant gets the global rule");
        assertEquals("smpp:sandbox", routeOf(b[1], "+6421234567"), "no rule: the default route");

        String id = send(a[1], Map.of("to", LANDLINE, "from", "Trunkline", "text", "on the event")).then()
                .statusCode(202).body("route", equalTo("smpp:high")).extract().path("id");
        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.messageId().equals(id), Duration.ofSeconds(30));
        assertEquals("smpp:high", seen.get(seen.size() - 1).payload().route());
        GatewayClient.tenant(a[1]).get("/v1/messages/{id}", id).then().statusCode(200)
                .body("route", equalTo("smpp:high"));
    }

    @Test
    void lcrTakesBillingsCheapestCarrierAndFallsBackToTheDefault() {
        String[] t = tenantWithKey("Routes LCR");
        rule("61", t[0], "lcr", null);

        assertEquals("smpp:cheapco", routeOf(t[1], MOBILE));
        String asked = given().get(billingUrl + "/__stub/requests").asString();
        assertTrue(asked.contains("GET /v1/routes/quote?destination=%2B61412345678&service=sms-out | Bearer "
                + "dev-operator-token"), asked);

        given().body("dearco").post(billingUrl + "/__stub/carriers").then().statusCode(204);
        assertEquals("smpp:dearco", routeOf(t[1], MOBILE));

        given().body("").post(billingUrl + "/__stub/carriers").then().statusCode(204);
        assertEquals("smpp:sandbox", routeOf(t[1], MOBILE), "no carrier: the default route");

        given().body("error").post(billingUrl + "/__stub/behaviour").then().statusCode(204);
        assertEquals("smpp:sandbox", routeOf(t[1], MOBILE), "billing failing: the default route");

        given().body("close").post(billingUrl + "/__stub/behaviour").then().statusCode(204);
        assertEquals("smpp:sandbox", routeOf(t[1], MOBILE), "billing unreachable: the default route");
    }
}
