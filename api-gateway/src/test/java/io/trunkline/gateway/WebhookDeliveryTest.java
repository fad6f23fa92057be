package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.sendHeyJude;
import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.gateway.service.WebhookDispatcher;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * Status webhooks end to end: a status report on the real broker, the gateway's consumer, the delivery row, the
 * dispatcher, and a real HTTP receiver that checks the signature the way a tenant would. Retries and give-up use the
 * test profile's small backoff and max-attempts (4).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class WebhookDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    static WebhookReceiver receiver;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "trunkline.gateway.webhooks.max-attempts")
    int maxAttempts;

    @Inject
    GatewayDatabase db;

    @Inject
    WebhookDatabase hooks;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** Sets the tenant's default message status URL; returns the signing secret this first PUT shows. */
    static String defaultStatusUrl(String apiKey, String url) {
        Map<String, Object> body = new HashMap<>();
        body.put("messageStatusUrl", url);
        return tenant(apiKey).contentType(ContentType.JSON).body(body).put("/v1/webhooks/settings")
                .then().statusCode(200).extract().path("secret");
    }

    static String rotate(String apiKey) {
        return tenant(apiKey).post("/v1/webhooks/secret/rotate").then().statusCode(200).extract().path("secret");
    }

    EventEnvelope<TrunklineEvent> report(String messageId, String tenantId, SmsStatus status) {
        return TestTopics.publish(bootstrap, new SmsStatusChanged(messageId, tenantId, status, "smpp", "smsc-" + messageId,
                status == SmsStatus.UNDELIVERED ? "DLR-1" : null, status == SmsStatus.UNDELIVERED ? "no route" : null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    static Response log(String apiKey) {
        return tenant(apiKey).get("/v1/webhooks/deliveries");
    }

    static void awaitStatus(String apiKey, String deliveryId, String status) {
        await().atMost(WAIT).until(() -> status.equals(tenant(apiKey).get("/v1/webhooks/deliveries/{id}", deliveryId)
                .then().statusCode(200).extract().path("status")));
    }

    static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    @Test
    void aStatusReachesTheReceiverSignedWithTheTenantsSecret() throws Exception {
        String[] t = tenantWithKey("Hooks signed");
        String secret = defaultStatusUrl(t[1], receiver.url("/signed"));
        assertTrue(secret.startsWith("whsec_") && secret.length() >= 6 + 43, secret);
        String id = send(t[1], Map.of("to", "+61412345678", "from", "Trunkline", "text", "Hey Jude",
                "reference", "order-7")).then().statusCode(202).extract().path("id");

        report(id, t[0], SmsStatus.SENT);
        WebhookReceiver.Received r = receiver.awaitAt("/signed", 1).get(0);

        String header = r.header(WebhookDispatcher.SIGNATURE);
        assertTrue(header.matches("t=\\d+,v1=[0-9a-f]{64}"), header);
        assertTrue(WebhookSignatureVerifier.verify(secret, header, r.body()), "verifies with the tenant's secret");
        assertFalse(WebhookSignatureVerifier.verify(secret, header, r.body().replace("sent", "delivered")),
                "a tampered body fails");
        assertFalse(WebhookSignatureVerifier.verify(rotate(t[1]), header, r.body()), "another secret fails");
        assertFalse(WebhookSignatureVerifier.verify(secret, header, r.body(), Instant.now().plus(Duration.ofHours(1)),
                Duration.ofMinutes(5)), "an old timestamp fails (replay protection)");
        assertEquals("message.status", r.header(WebhookDispatcher.EVENT));
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("1", r.header(WebhookDispatcher.ATTEMPT));

        JsonNode body = json(r.body());
        assertEquals("message.status", body.path("type").asText());
        assertEquals(t[0], body.path("tenant_id").asText());
        assertFalse(body.path("id").asText().isEmpty());
        JsonNode data = body.path("data");
        assertEquals(id, data.path("message_id").asText());
        assertEquals("order-7", data.path("reference").asText());
        assertEquals("sent", data.path("status").asText());
        assertEquals("queued", data.path("previous_status").asText());
        assertEquals("smpp", data.path("channel").asText());
        assertEquals("smsc-" + id, data.path("channel_message_id").asText());
        assertEquals("+61412345678", data.path("to").asText());
        assertEquals("Trunkline", data.path("from").asText());
        assertEquals(1, data.path("segments").asInt());
        assertTrue(data.has("error_code") && data.path("error_code").isNull());
        assertNotNull(Instant.parse(data.path("occurred_at").asText()));

        // the log: the delivery the receiver saw, delivered on its first try, with the body as sent
        String deliveryId = r.header(WebhookDispatcher.DELIVERY);
        awaitStatus(t[1], deliveryId, "delivered");
        tenant(t[1]).get("/v1/webhooks/deliveries/{id}", deliveryId).then().statusCode(200)
                .body("kind", equalTo("message_status"))
                .body("eventType", equalTo("message.status"))
                .body("url", equalTo(receiver.url("/signed")))
                .body("attemptCount", equalTo(1))
                .body("attempts", hasSize(1))
                .body("attempts[0].httpStatus", equalTo(200))
                .body("body.data.message_id", equalTo(id));
        log(t[1]).then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(deliveryId));
    }

    static Response rotate(String apiKey, String previousValidFor) {
        return tenant(apiKey).contentType(ContentType.JSON).body(Map.of("previousSecretValidFor", previousValidFor))
                .post("/v1/webhooks/secret/rotate");
    }

    /**
     * A rotation with an overlap: until it ends every try carries a signature under the old secret and one under the
     * new, so a receiver holding either accepts it; a rotation without one (a leaked secret) stops the old at once.
     */
    @Test
    void aRotatedOutSecretSignsBesideTheNewOneUntilItsOverlapEnds() {
        String[] t = tenantWithKey("Hooks rollover");
        String old = defaultStatusUrl(t[1], receiver.url("/rollover"));

        Response rotated = rotate(t[1], "PT24H");
        rotated.then().statusCode(200).body("previousSecretExpiresAt", org.hamcrest.Matchers.notNullValue());
        String fresh = rotated.path("secret");
        Instant expires = Instant.parse(rotated.path("previousSecretExpiresAt"));
        assertTrue(Math.abs(Duration.between(Instant.now().plus(Duration.ofHours(24)), expires).toSeconds()) < 60,
                expires.toString());
        tenant(t[1]).get("/v1/webhooks/settings").then().statusCode(200)
                .body("previousSecretExpiresAt", equalTo(rotated.path("previousSecretExpiresAt")));

        String first = sendHeyJude(t[1]);
        report(first, t[0], SmsStatus.SENT);
        WebhookReceiver.Received during = receiver.awaitAt("/rollover", 1).get(0);
        String header = during.header(WebhookDispatcher.SIGNATURE);
        assertTrue(header.matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}"), header);
        assertTrue(WebhookSignatureVerifier.verify(fresh, header, during.body()), "the new secret verifies");
        assertTrue(WebhookSignatureVerifier.verify(old, header, during.body()), "the old one too, during the overlap");

        // rotating again without an overlap: only the newest signs; neither earlier secret verifies any more
        Response again = tenant(t[1]).post("/v1/webhooks/secret/rotate");
        again.then().statusCode(200).body("previousSecretExpiresAt", org.hamcrest.Matchers.nullValue());
        String newest = again.path("secret");
        tenant(t[1]).get("/v1/webhooks/settings").then().body("previousSecretExpiresAt",
                org.hamcrest.Matchers.nullValue());
        String second = sendHeyJude(t[1]);
        report(second, t[0], SmsStatus.SENT);
        WebhookReceiver.Received after = receiver.awaitAt("/rollover", 2).get(1);
        String header2 = after.header(WebhookDispatcher.SIGNATURE);
        assertTrue(header2.matches("t=\\d+,v1=[0-9a-f]{64}"), header2);
        assertTrue(WebhookSignatureVerifier.verify(newest, header2, after.body()));
        assertFalse(WebhookSignatureVerifier.verify(fresh, header2, after.body()));
        assertFalse(WebhookSignatureVerifier.verify(old, header2, after.body()));
    }

    @Test
    void anOverlapEndsByItself() {
        String[] t = tenantWithKey("Hooks overlap ends");
        String old = defaultStatusUrl(t[1], receiver.url("/overlap-ends"));
        String fresh = rotate(t[1], "PT1S").then().statusCode(200).extract().path("secret");
        await().atMost(WAIT).until(() -> tenant(t[1]).get("/v1/webhooks/settings").then().extract()
                .path("previousSecretExpiresAt") == null);

        report(sendHeyJude(t[1]), t[0], SmsStatus.SENT);
        WebhookReceiver.Received r = receiver.awaitAt("/overlap-ends", 1).get(0);
        String header = r.header(WebhookDispatcher.SIGNATURE);
        assertTrue(header.matches("t=\\d+,v1=[0-9a-f]{64}"), header);
        assertTrue(WebhookSignatureVerifier.verify(fresh, header, r.body()));
        assertFalse(WebhookSignatureVerifier.verify(old, header, r.body()));
    }

    @Test
    void aBadOverlapIs400NamingItAndRotatesNothing() {
        String[] t = tenantWithKey("Hooks bad overlap");
        defaultStatusUrl(t[1], receiver.url("/bad-overlap"));
        String madeAt = tenant(t[1]).get("/v1/webhooks/settings").then().extract().path("secretCreatedAt");
        for (String bad : new String[] { "P8D", "-PT1H", "24h", "tomorrow" }) {
            rotate(t[1], bad).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("previousSecretValidFor"));
        }
        tenant(t[1]).contentType(ContentType.JSON).body("{\"previousSecretValidFor\":").post("/v1/webhooks/secret/rotate")
                .then().statusCode(400).body("errors[0].field", equalTo("body"));
        tenant(t[1]).get("/v1/webhooks/settings").then().body("secretCreatedAt", equalTo(madeAt))
                .body("previousSecretExpiresAt", org.hamcrest.Matchers.nullValue());
    }

    /**
     * The name in the URL is known only to the gateway's resolver ({@link TestHostResolver}), as a DNS answer is known
     * only at the moment it is checked: the request arrives only because the client connects to the address checked,
     * and names the host as the URL does. A client that looked the name up again (and could get a re-pointed, inside
     * answer) would not find this receiver at all.
     */
    @Test
    void theReceiverIsCalledAtTheAddressCheckedUnderTheNameInTheUrl() {
        String[] t = tenantWithKey("Hooks pinned");
        String host = "hooks-" + t[0].toLowerCase(java.util.Locale.ROOT) + TestHostResolver.DOMAIN;
        String url = receiver.url(host, "/pinned?tenant=a");
        defaultStatusUrl(t[1], url);
        String id = sendHeyJude(t[1]);

        report(id, t[0], SmsStatus.SENT);
        WebhookReceiver.Received r = receiver.awaitAt("/pinned", 1).get(0);

        assertEquals(host + ":" + java.net.URI.create(url).getPort(), r.header("Host"));
        assertTrue(r.body().contains(id));
        awaitStatus(t[1], r.header(WebhookDispatcher.DELIVERY), "delivered");
        assertEquals(1, TestHostResolver.LOOKED_UP.stream().filter(host::equals).count(), "looked up once, by the check");
    }

    @Test
    void aMessagesOwnStatusCallbackWinsOverTheTenantDefault() {
        String[] t = tenantWithKey("Hooks precedence");
        defaultStatusUrl(t[1], receiver.url("/default"));
        String own = send(t[1], Map.of("to", "+61412345678", "from", "Trunkline", "text", "mine",
                "status_callback", receiver.url("/own"))).then().statusCode(202).extract().path("id");
        EventEnvelope<TrunklineEvent> e = report(own, t[0], SmsStatus.SENT);
        db.awaitProcessed(e.headers().id());
        // queued in the consumer's own transaction: once it is processed, the log holds exactly what was queued
        log(t[1]).then().body("items", hasSize(1)).body("items[0].url", equalTo(receiver.url("/own")));
        assertTrue(receiver.awaitAt("/own", 1).get(0).body().contains("\"message_id\":\"" + own + "\""));

        String plain = sendHeyJude(t[1]);
        report(plain, t[0], SmsStatus.SENT);
        List<WebhookReceiver.Received> atDefault = receiver.awaitAt("/default", 1);
        assertEquals(1, atDefault.size());
        assertTrue(atDefault.get(0).body().contains(plain));
        assertEquals(1, receiver.at("/own").size());
    }

    @Test
    void aReceiverFailingTwiceGetsItOnTheThirdTry() {
        String[] t = tenantWithKey("Hooks flaky");
        String secret = defaultStatusUrl(t[1], receiver.url("/flaky"));
        receiver.failFirst("/flaky", 2);
        double failedBefore = registry.counter("trunkline.gateway.webhooks.failed", "kind", "message_status").count();
        double deliveredBefore = registry.counter("trunkline.gateway.webhooks.delivered", "kind", "message_status")
                .count();
        String id = sendHeyJude(t[1]);
        report(id, t[0], SmsStatus.DELIVERED);

        List<WebhookReceiver.Received> tries = receiver.awaitAt("/flaky", 3);
        String deliveryId = tries.get(0).header(WebhookDispatcher.DELIVERY);
        awaitStatus(t[1], deliveryId, "delivered");
        assertEquals(3, tries.size());
        for (int i = 0; i < 3; i++) {
            WebhookReceiver.Received r = tries.get(i);
            assertEquals(deliveryId, r.header(WebhookDispatcher.DELIVERY), "one delivery id for every retry");
            assertEquals(Integer.toString(i + 1), r.header(WebhookDispatcher.ATTEMPT));
            assertEquals(tries.get(0).body(), r.body(), "the same body on every try");
            assertTrue(WebhookSignatureVerifier.verify(secret, r.header(WebhookDispatcher.SIGNATURE), r.body()));
        }
        tenant(t[1]).get("/v1/webhooks/deliveries/{id}", deliveryId).then().statusCode(200)
                .body("status", equalTo("delivered"))
                .body("attemptCount", equalTo(3))
                .body("attempts.attempt", equalTo(List.of(1, 2, 3)))
                .body("attempts.httpStatus", equalTo(List.of(500, 500, 200)))
                .body("lastHttpStatus", equalTo(200));
        assertTrue(registry.counter("trunkline.gateway.webhooks.failed", "kind", "message_status").count()
                >= failedBefore + 2);
        assertTrue(registry.counter("trunkline.gateway.webhooks.delivered", "kind", "message_status").count()
                >= deliveredBefore + 1);
    }

    @Test
    void aReceiverThatAlwaysFailsEndsDeadAndAReplaySendsItAgain() throws Exception {
        String[] t = tenantWithKey("Hooks down");
        defaultStatusUrl(t[1], receiver.url("/down"));
        receiver.answer("/down", 503);
        double deadBefore = registry.counter("trunkline.gateway.webhooks.dead", "kind", "message_status").count();
        String id = sendHeyJude(t[1]);
        report(id, t[0], SmsStatus.UNDELIVERED);

        List<WebhookReceiver.Received> tries = receiver.awaitAt("/down", maxAttempts);
        String deliveryId = tries.get(0).header(WebhookDispatcher.DELIVERY);
        awaitStatus(t[1], deliveryId, "dead");
        tenant(t[1]).get("/v1/webhooks/deliveries/{id}", deliveryId).then()
                .body("attemptCount", equalTo(maxAttempts))
                .body("attempts", hasSize(maxAttempts))
                .body("lastHttpStatus", equalTo(503))
                .body("body.data.error_code", equalTo("DLR-1"))
                .body("body.data.reason", equalTo("no route"));
        assertEquals(maxAttempts, receiver.at("/down").size(), "no try after dead");
        tenant(t[1]).get("/v1/webhooks/deliveries?status=dead").then().body("items", hasSize(1));
        assertTrue(registry.counter("trunkline.gateway.webhooks.dead", "kind", "message_status").count()
                >= deadBefore + 1);

        // the receiver is fixed; the tenant replays the dead delivery
        receiver.answer("/down", 204);
        Response replay = tenant(t[1]).post("/v1/webhooks/deliveries/{id}/replay", deliveryId);
        replay.then().statusCode(202).body("replayOf", equalTo(deliveryId)).body("status", equalTo("pending"));
        String replayId = replay.path("id");
        assertNotEquals(deliveryId, replayId);
        assertTrue(replay.header("Location").endsWith("/v1/webhooks/deliveries/" + replayId));
        WebhookReceiver.Received again = receiver.awaitAt("/down", maxAttempts + 1).get(maxAttempts);
        assertEquals(replayId, again.header(WebhookDispatcher.DELIVERY));
        assertEquals(tries.get(0).body(), again.body(), "the same body again");
        awaitStatus(t[1], replayId, "delivered");
        tenant(t[1]).get("/v1/webhooks/deliveries/{id}", deliveryId).then().body("status", equalTo("dead"));
    }

    @Test
    void aGoneReceiverStopsTheRetries() {
        String[] t = tenantWithKey("Hooks gone");
        defaultStatusUrl(t[1], receiver.url("/gone"));
        receiver.answer("/gone", 410);
        report(sendHeyJude(t[1]), t[0], SmsStatus.SENT);
        String deliveryId = receiver.awaitAt("/gone", 1).get(0).header(WebhookDispatcher.DELIVERY);
        awaitStatus(t[1], deliveryId, "dead");
        tenant(t[1]).get("/v1/webhooks/deliveries/{id}", deliveryId).then()
                .body("attemptCount", equalTo(1)).body("lastHttpStatus", equalTo(410));
        assertEquals(1, receiver.at("/gone").size());
    }

    @Test
    void aHangingReceiverSlowsNeitherSendingNorAnotherTenant() throws Exception {
        String[] a = tenantWithKey("Hooks hanging");
        String[] b = tenantWithKey("Hooks healthy");
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookReceiver slow = new WebhookReceiver(); WebhookReceiver healthy = new WebhookReceiver()) {
            slow.hang("/a", release);
            defaultStatusUrl(a[1], slow.url("/a"));
            defaultStatusUrl(b[1], healthy.url("/b"));
            try {
                int n = 4;
                String[] ids = new String[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = sendHeyJude(a[1]);
                    report(ids[i], a[0], SmsStatus.SENT);
                }
                // A's receiver now holds requests without answering (the test profile's timeout is 60 s)
                await().atMost(WAIT).until(() -> slow.hanging.get() == 2);

                // sending does not wait for webhooks
                String more = sendHeyJude(a[1]);
                tenant(a[1]).get("/v1/messages/{id}", more).then().statusCode(200).body("status", equalTo("queued"));

                // another tenant's webhook arrives while A's receiver still hangs
                String idB = sendHeyJude(b[1]);
                report(idB, b[0], SmsStatus.SENT);
                WebhookReceiver.Received got = healthy.awaitAt("/b", 1).get(0);
                assertTrue(got.body().contains(idB));
                assertEquals(1, release.getCount(), "A's receiver was never released");
                assertEquals(2, slow.hanging.get());
                // the per-tenant bound (2 in the test profile): A's other deliveries wait, they are not sent
                assertEquals(2, slow.at("/a").size());
            } finally {
                release.countDown();
            }
            // once A's receiver answers, all of A's webhooks get through
            slow.awaitAt("/a", 4);
            await().atMost(WAIT).until(() -> log(a[1]).then().extract().<List<String>>path("items.status").stream()
                    .filter("delivered"::equals).count() == 4);
        }
    }

    @Test
    void noUrlNoDelivery() {
        String[] t = tenantWithKey("Hooks none");
        String id = sendHeyJude(t[1]);
        EventEnvelope<TrunklineEvent> e = report(id, t[0], SmsStatus.SENT);
        db.awaitProcessed(e.headers().id());
        log(t[1]).then().statusCode(200).body("items", hasSize(0));
        assertNull(log(t[1]).path("nextCursor"));
        tenant(t[1]).get("/v1/messages/{id}", id).then().body("status", equalTo("sent"));
    }

    @Test
    void anotherTenantsDeliveryIsNotFound() {
        String[] a = tenantWithKey("Hooks owner");
        String[] b = tenantWithKey("Hooks snoop");
        defaultStatusUrl(a[1], receiver.url("/owner"));
        report(sendHeyJude(a[1]), a[0], SmsStatus.SENT);
        String deliveryId = receiver.awaitAt("/owner", 1).get(0).header(WebhookDispatcher.DELIVERY);

        tenant(b[1]).get("/v1/webhooks/deliveries/{id}", deliveryId).then().statusCode(404)
                .contentType("application/problem+json").body("type", endsWith("/not-found"));
        tenant(b[1]).post("/v1/webhooks/deliveries/{id}/replay", deliveryId).then().statusCode(404)
                .contentType("application/problem+json");
        log(b[1]).then().statusCode(200).body("items", hasSize(0));
        // exactly like an unknown id
        tenant(a[1]).get("/v1/webhooks/deliveries/{id}", "no-such-id").then().statusCode(404)
                .contentType("application/problem+json");
        tenant(a[1]).get("/v1/webhooks/deliveries/{id}", deliveryId).then().statusCode(200);
        assertEquals(1, hooks.deliveryCount(a[0]), "B's replay queued nothing");
    }
}
