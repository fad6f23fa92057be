package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.gateway.service.WebhookDispatcher;
import io.trunkline.gateway.service.WebhookService;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

/** The tenant's webhook API (settings, secret, delivery log) and the enqueue seam other features call. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class WebhookApiTest {
    static WebhookReceiver receiver;

    @Inject
    WebhookService webhooks;

    @Inject
    WebhookDatabase hooks;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    static Response put(String apiKey, Map<String, ?> body) {
        return tenant(apiKey).contentType(ContentType.JSON).body(body).put("/v1/webhooks/settings");
    }

    /** What an inbound-message feature does: queue in its own transaction, the URL left to the tenant's default. */
    void enqueueInbound(String tenantId, String url, String text) {
        QuarkusTransaction.requiringNew().run(() -> webhooks.enqueue(tenantId, WebhookService.Kind.INBOUND_MESSAGE,
                "message.inbound", url, Map.of("from", "+61412345678", "text", text)));
    }

    @Test
    void settingsAreEmptyThenSetAndTheSecretIsShownOnce() {
        String[] t = tenantWithKey("Hooks settings");
        tenant(t[1]).get("/v1/webhooks/settings").then().statusCode(200)
                .body("messageStatusUrl", nullValue())
                .body("secretSet", equalTo(false))
                .body("$", not(hasKey("secret")));

        Map<String, Object> body = new HashMap<>();
        body.put("messageStatusUrl", "https://hooks.example.com/status");
        body.put("inboundMessageUrl", "http://hooks.example.com:8443/in?x=1");
        Response first = put(t[1], body);
        first.then().statusCode(200)
                .body("messageStatusUrl", equalTo("https://hooks.example.com/status"))
                .body("inboundMessageUrl", equalTo("http://hooks.example.com:8443/in?x=1"))
                .body("callStatusUrl", nullValue())
                .body("verificationUrl", nullValue())
                .body("secretSet", equalTo(true))
                .body("secretCreatedAt", notNullValue())
                .body("secret", startsWith("whsec_"));
        String secret = first.path("secret");
        String stored = hooks.storedSecret(t[0]);
        assertFalse(stored.contains(secret.substring(6)), "the secret is not stored in clear");

        tenant(t[1]).get("/v1/webhooks/settings").then().statusCode(200)
                .body("messageStatusUrl", equalTo("https://hooks.example.com/status"))
                .body("secretSet", equalTo(true))
                .body("$", not(hasKey("secret")));
        // a second PUT replaces every URL and shows no secret
        put(t[1], Map.of("callStatusUrl", "https://calls.example.com/cb")).then().statusCode(200)
                .body("messageStatusUrl", nullValue())
                .body("callStatusUrl", equalTo("https://calls.example.com/cb"))
                .body("$", not(hasKey("secret")));

        Response rotated = tenant(t[1]).post("/v1/webhooks/secret/rotate");
        rotated.then().statusCode(200).body("secret", startsWith("whsec_")).body("createdAt", notNullValue());
        assertNotEquals(secret, rotated.path("secret"));
        assertNotEquals(stored, hooks.storedSecret(t[0]));
    }

    @Test
    void invalidUrlsAre400NamingEachFieldAndChangeNothing() {
        String[] t = tenantWithKey("Hooks invalid");
        put(t[1], Map.of("messageStatusUrl", "https://ok.example.com/s")).then().statusCode(200);
        Map<String, Object> bad = new HashMap<>();
        bad.put("messageStatusUrl", "ftp://example.com/x");
        bad.put("inboundMessageUrl", "/relative/path");
        bad.put("callStatusUrl", "https://" + "a".repeat(2048) + ".example.com");
        bad.put("verificationUrl", "https://fine.example.com/v");
        put(t[1], bad).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("messageStatusUrl", "inboundMessageUrl", "callStatusUrl"));
        put(t[1], Map.of("verificationUrl", "not a url at all")).then().statusCode(400)
                .body("errors[0].field", equalTo("verificationUrl"));
        tenant(t[1]).contentType(ContentType.JSON).body("{\"messageStatusUrl\": 12,").put("/v1/webhooks/settings")
                .then().statusCode(400).contentType("application/problem+json");
        tenant(t[1]).get("/v1/webhooks/settings").then()
                .body("messageStatusUrl", equalTo("https://ok.example.com/s"))
                .body("verificationUrl", nullValue());
    }

    @Test
    void theApiNeedsATenantKey() {
        given().get("/v1/webhooks/settings").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer tk_live_nope").get("/v1/webhooks/deliveries").then().statusCode(401);
        given().post("/v1/webhooks/secret/rotate").then().statusCode(401);
    }

    @Test
    void enqueueUsesTheTenantDefaultOfTheKindOrQueuesNothing() {
        String[] t = tenantWithKey("Hooks seam");
        enqueueInbound(t[0], null, "no default yet");
        assertEquals(0, hooks.deliveryCount(t[0]), "no URL: nothing stored");

        put(t[1], Map.of("inboundMessageUrl", receiver.url("/inbound"), "messageStatusUrl", receiver.url("/status")))
                .then().statusCode(200);
        enqueueInbound(t[0], null, "to the default");
        enqueueInbound(t[0], receiver.url("/explicit"), "to its own URL");
        List<WebhookReceiver.Received> in = receiver.awaitAt("/inbound", 1);
        assertTrue(in.get(0).body().contains("\"text\":\"to the default\""), in.get(0).body());
        assertEquals("message.inbound", in.get(0).header(WebhookDispatcher.EVENT));
        assertTrue(receiver.awaitAt("/explicit", 1).get(0).body().contains("to its own URL"));
        assertTrue(receiver.at("/status").isEmpty(), "another kind's URL is not used");
        assertEquals(2, hooks.deliveryCount(t[0]));

        // enqueue joins the caller's transaction: rolled back with it, nothing is queued
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                webhooks.enqueue(t[0], WebhookService.Kind.INBOUND_MESSAGE, "message.inbound", null, Map.of());
                throw new IllegalStateException("the caller's change fails");
            });
        } catch (RuntimeException expected) {
            // the caller's failure, as such or wrapped by the transaction
        }
        assertEquals(2, hooks.deliveryCount(t[0]));
    }

    @Test
    void theLogPagesWithACursorAndFiltersByStatus() {
        String[] t = tenantWithKey("Hooks paging");
        put(t[1], Map.of("inboundMessageUrl", receiver.url("/paging"))).then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            enqueueInbound(t[0], null, "m" + i);
        }
        List<String> all = hooks.deliveryIds(t[0]);
        assertEquals(5, all.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> tenant(t[1]).get("/v1/webhooks/deliveries?status=delivered")
                .then().extract().<List<String>>path("items.id").size() == 5);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = tenant(t[1]).queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/v1/webhooks/deliveries");
            page.then().statusCode(200);
            List<String> ids = page.path("items.id");
            assertTrue(ids.size() <= 2);
            seen.addAll(ids);
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertEquals(Map.copyOf(toSet(all)), Map.copyOf(toSet(seen)), "every delivery once");
        tenant(t[1]).get("/v1/webhooks/deliveries?status=dead").then().body("items", hasSize(0));
        tenant(t[1]).get("/v1/webhooks/deliveries?status=DELIVERED&limit=100").then().body("items", hasSize(5))
                .body("items[0]", not(hasKey("attempts"))).body("items[0]", not(hasKey("body")));
    }

    private static Map<String, Boolean> toSet(List<String> ids) {
        Map<String, Boolean> m = new HashMap<>();
        ids.forEach(id -> assertNull(m.put(id, true), "listed twice: " + id));
        return m;
    }

    @Test
    void badLogParametersAre400NamingTheParameter() {
        String[] t = tenantWithKey("Hooks bad params");
        tenant(t[1]).get("/v1/webhooks/deliveries?status=lost").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        for (String limit : List.of("0", "101", "ten")) {
            tenant(t[1]).get("/v1/webhooks/deliveries?limit=" + limit).then().statusCode(400)
                    .body("errors[0].field", equalTo("limit"));
        }
        tenant(t[1]).queryParam("cursor", "***").get("/v1/webhooks/deliveries").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        tenant(t[1]).get("/v1/webhooks/deliveries?cursor=bm90LWEtY3Vyc29y").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void finishedDeliveriesArePurgedAfterTheRetention() {
        String[] t = tenantWithKey("Hooks purge");
        put(t[1], Map.of("inboundMessageUrl", receiver.url("/purge"))).then().statusCode(200);
        enqueueInbound(t[0], null, "old");
        enqueueInbound(t[0], null, "young");
        List<String> ids = hooks.deliveryIds(t[0]);
        await().atMost(Duration.ofSeconds(30)).until(() -> tenant(t[1]).get("/v1/webhooks/deliveries?status=delivered")
                .then().extract().<List<String>>path("items.id").size() == 2);
        hooks.ageDelivery(ids.get(0), 31);
        hooks.ageDelivery(ids.get(1), 29);

        assertTrue(webhooks.purge() >= 1);
        tenant(t[1]).get("/v1/webhooks/deliveries/{id}", ids.get(0)).then().statusCode(404);
        tenant(t[1]).get("/v1/webhooks/deliveries/{id}", ids.get(1)).then().statusCode(200)
                .body("attempts", hasSize(1));
        assertEquals(1, hooks.deliveryCount(t[0]));
    }
}
