package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.operator;
import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trunkline.gateway.rest.WorkerFallbacks;
import io.trunkline.gateway.service.AcceptCaches;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

/**
 * {@code POST /v1/messages} is answered on the event loop when the key, the tenant's limit, balance and routing rules
 * are cached, and goes to a worker thread for exactly the steps that are not (counted per step in
 * {@link WorkerFallbacks#METRIC}), with the same answers either way.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class EventLoopSendApiTest {
    static final Map<String, String> HEY_JUDE = Map.of("to", "+61412345678", "from", "Trunkline", "text", "Hey Jude");

    @Inject
    MeterRegistry registry;

    @Inject
    AcceptCaches caches;

    @Inject
    GatewayDatabase db;

    private double onWorker(String step) {
        return registry.counter(WorkerFallbacks.METRIC, "step", step).count();
    }

    private double[] counts() {
        return new double[] { onWorker("authentication"), onWorker("rate-limit"), onWorker("send") };
    }

    private void assertMoved(double[] before, int authentication, int rateLimit, int send) {
        double[] now = counts();
        assertEquals(before[0] + authentication, now[0], "authentications on a worker thread");
        assertEquals(before[1] + rateLimit, now[1], "rate-limit reads on a worker thread");
        assertEquals(before[2] + send, now[2], "sends on a worker thread");
    }

    @Test
    void aColdSendGoesToAWorkerStepByStepAndAWarmOneStaysOnTheEventLoop() {
        String[] t = tenantWithKey("Event loop send");
        double[] before = counts();
        // nothing cached: the key is verified, the limit read, the balance and the routing rules read on workers
        send(t[1], HEY_JUDE).then().statusCode(202);
        assertMoved(before, 1, 1, 1);
        send(t[1], HEY_JUDE).then().statusCode(202);
        send(t[1], HEY_JUDE).then().statusCode(202);
        assertMoved(before, 1, 1, 1);
        // the balance leaves the cache: only the send itself goes to a worker again
        caches.balanceChanged(t[0]);
        send(t[1], HEY_JUDE).then().statusCode(202);
        assertMoved(before, 1, 1, 2);
        assertEquals(4, db.messageCount(t[0]));
    }

    @Test
    void refusalsAreTheSameOnEitherPath() {
        String[] t = tenantWithKey("Event loop refusals");
        send(t[1], HEY_JUDE).then().statusCode(202);
        double[] before = counts();
        // warm, on the event loop: a bad number is a 400 naming the field, and nothing is stored
        send(t[1], Map.of("to", "12", "from", "Trunkline", "text", "x")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        assertMoved(before, 0, 0, 0);
        // a well-formed key nobody issued: looked up on a worker thread, 401
        String unknown = "tk_live_" + "A".repeat(t[1].length() - "tk_live_".length());
        send(unknown, HEY_JUDE).then().statusCode(401).contentType("application/problem+json");
        assertMoved(before, 1, 0, 0);
        // a limit of one a second, burst 1, read again on a worker thread: one more send passes, the next is 429
        operator().contentType(ContentType.JSON).body("{\"messagesPerSecond\": 1, \"burst\": 1}")
                .put("/v1/operator/tenants/{id}/limits", t[0]).then().statusCode(200);
        send(t[1], HEY_JUDE).then().statusCode(202);
        send(t[1], HEY_JUDE).then().statusCode(429).header("Retry-After", equalTo("1"));
        assertEquals(2, db.messageCount(t[0]));
        // a suspended tenant's key is verified again (the suspension emptied the cache): 403 from the worker path
        operator().post("/v1/operator/tenants/{id}/suspend", t[0]).then().statusCode(200);
        send(t[1], HEY_JUDE).then().statusCode(403).body("type", endsWith("/tenant-suspended"));
    }

    /**
     * The JDK's client (HTTP/2 by default) asks to upgrade a plain-http request to h2c; the gateway answers in HTTP/1.1
     * instead. With the upgrade, a POST's body was read before the upgraded request began and the send failed (500).
     */
    @Test
    void aClientThatOffersAnH2cUpgradeSendsOverHttp11() throws Exception {
        String key = tenantWithKey("Upgrader")[1];
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                        + "/v1/messages"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"to\":\"+61412345678\",\"from\":\"Trunkline\",\"text\":\"Over h2c?\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, r.version());
    }
}
