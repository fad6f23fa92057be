package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.sendHeyJude;
import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * Webhooks to {@code https} receivers: the gateway connects to the address it checked (127.0.0.1, from
 * {@link TestHostResolver}) yet verifies the certificate against the URL's host, so a certificate that names another
 * host fails however the name resolves. The receiver's certificate is trusted through
 * {@code trunkline.gateway.webhooks.trust-store} ({@link TlsReceiver}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(TlsReceiver.class)
class WebhookTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = TlsReceiver.PORT)
    int port;

    /** Sends a message to a tenant whose status URL is {@code url}, reports it sent; returns its first try's log. */
    JsonPath firstTry(String name, String url) {
        String[] t = tenantWithKey(name);
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("messageStatusUrl", url)).put("/v1/webhooks/settings")
                .then().statusCode(200);
        String id = sendHeyJude(t[1]);
        TestTopics.publish(bootstrap, new SmsStatusChanged(id, t[0], SmsStatus.SENT, "smpp", "smsc-" + id, null, null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        String delivery = await().atMost(WAIT).until(() -> tenant(t[1]).get("/v1/webhooks/deliveries").then()
                .statusCode(200).extract().<String>path("items[0].id"), d -> d != null);
        return await().atMost(WAIT).until(() -> tenant(t[1]).get("/v1/webhooks/deliveries/{id}", delivery).then()
                .extract().jsonPath(), d -> d.getInt("attempts.size()") >= 1);
    }

    @Test
    void anHttpsReceiverWhoseCertificateNamesTheUrlsHostGetsIt() {
        JsonPath log = firstTry("Hooks TLS", "https://" + TlsReceiver.HOST + ":" + port + "/secure");
        assertEquals(200, log.getInt("attempts[0].httpStatus"), log.prettify());
        assertNull(log.get("attempts[0].error"));
        assertEquals("delivered", log.getString("status"));
    }

    @Test
    void aCertificateForAnotherHostIsRefusedThoughTheAddressIsTheSame() {
        JsonPath log = firstTry("Hooks TLS wrong name", "https://other" + TestHostResolver.DOMAIN + ":" + port + "/x");
        assertNull(log.get("attempts[0].httpStatus"), log.prettify());
        String error = log.getString("attempts[0].error");
        assertTrue(error.contains("SSL") || error.contains("certificate") || error.contains("subject"), error);
    }
}
