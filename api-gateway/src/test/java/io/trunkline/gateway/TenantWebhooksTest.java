package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.operator;
import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trunkline.events.CallStatus;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsReceived;
import io.trunkline.events.Topics;
import io.trunkline.gateway.service.WebhookDispatcher;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * The tenant's default webhooks of the other kinds, end to end with the real dispatcher and a real receiver: an
 * inbound SMS to the tenant's number, a call's status step, and a verification's start, each signed with the
 * tenant's secret (the message status kind is covered by {@link WebhookDeliveryTest}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class TenantWebhooksTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    static WebhookReceiver receiver;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** Points the tenant's inbound, call and verification webhooks at the receiver; returns the signing secret. */
    static String hooks(String apiKey, String path) {
        return tenant(apiKey).contentType(ContentType.JSON)
                .body(Map.of("inboundMessageUrl", receiver.url(path + "/inbound"),
                        "callStatusUrl", receiver.url(path + "/calls"),
                        "verificationUrl", receiver.url(path + "/verifications")))
                .put("/v1/webhooks/settings").then().statusCode(200).extract().path("secret");
    }

    static JsonNode signed(String secret, WebhookReceiver.Received r, String event) throws Exception {
        assertEquals(event, r.header(WebhookDispatcher.EVENT));
        assertTrue(WebhookSignatureVerifier.verify(secret, r.header(WebhookDispatcher.SIGNATURE), r.body()),
                "signed with the tenant's secret");
        return JSON.readTree(r.body());
    }

    @Test
    void anInboundSmsToTheTenantsNumberReachesItsInboundWebhookSigned() throws Exception {
        String[] t = tenantWithKey("Hooks inbound");
        String secret = hooks(t[1], "/t1");
        String number = "+6148" + String.format("%07d", (int) (Math.random() * 10_000_000));
        operator().contentType(ContentType.JSON).body(Map.of("number", number, "tenantId", t[0]))
                .post("/v1/operator/inbound-numbers").then().statusCode(201);

        TestTopics.publish(bootstrap, new SmsReceived(UUID.randomUUID().toString(), null, "+61412345699", number,
                "Hello from a handset", SmsEncoding.GSM7, 1, "smpp", null, Instant.now()));

        JsonNode body = signed(secret, receiver.awaitAt("/t1/inbound", 1).get(0), "message.inbound");
        assertEquals(t[0], body.get("tenant_id").asText());
        assertTrue(body.get("data").toString().contains("Hello from a handset"), body.toString());
        assertTrue(body.get("data").toString().contains("+61412345699"), body.toString());
    }

    @Test
    void aCallStatusStepReachesTheTenantsCallWebhookSigned() throws Exception {
        String[] t = tenantWithKey("Hooks calls");
        String secret = hooks(t[1], "/t2");
        String callId = UUID.randomUUID().toString();
        TestTopics.publish(bootstrap, new CallStatusChanged(callId, t[0], CallStatus.BRIDGED, "+27821234567", null,
                Instant.now()));

        JsonNode body = signed(secret, receiver.awaitAt("/t2/calls", 1).get(0), "call.status");
        assertTrue(body.get("data").toString().contains(callId), body.toString());
        assertTrue(body.get("data").toString().toLowerCase().contains("bridged"), body.toString());
    }

    @Test
    void aVerificationReachesTheTenantsVerificationWebhookWithoutItsCode() throws Exception {
        String[] t = tenantWithKey("Hooks otp");
        String secret = hooks(t[1], "/t3");
        String to = "+61412345688";
        io.restassured.response.Response created = tenant(t[1]).contentType(ContentType.JSON).body(Map.of("to", to))
                .post("/v1/verifications");
        created.then().statusCode(201);
        String id = created.path("id");
        String messageId = created.path("message_id");
        List<EventEnvelope<SmsAccepted>> sms = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.messageId().equals(messageId), WAIT);
        Matcher m = Pattern.compile("\\b\\d{6}\\b").matcher(sms.get(sms.size() - 1).payload().text());
        assertTrue(m.find(), "the SMS carries a 6-digit code: " + sms.get(sms.size() - 1).payload().text());
        String code = m.group();

        JsonNode body = signed(secret, receiver.awaitAt("/t3/verifications", 1).get(0), "verification.status");
        assertTrue(body.get("data").toString().contains(id), body.toString());
        assertFalse(body.toString().contains(code), "the webhook never carries the code");
    }
}
