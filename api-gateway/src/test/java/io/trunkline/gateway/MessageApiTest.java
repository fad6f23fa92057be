package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.sendHeyJude;
import static io.trunkline.gateway.GatewayClient.sendRaw;
import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.EventType;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class MessageApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    GatewayDatabase db;

    @Test
    void sendPublishesSmsAcceptedThenStatusReportsMakeTheTimeline() {
        String[] acme = tenantWithKey("Acme");
        String tenantId = acme[0];
        String key = acme[1];

        Response accepted = send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "Hey Jude",
                "reference", "order-42", "validity", 3600));
        accepted.then().statusCode(202)
                .contentType("application/json")
                .body("status", equalTo("queued"))
                .body("to", equalTo("+61412345678"))
                .body("from", equalTo("Trunkline"))
                .body("encoding", equalTo("GSM7"))
                .body("segments", equalTo(1))
                .body("route", equalTo("smpp:sandbox"))
                .body("reference", equalTo("order-42"))
                .body("createdAt", notNullValue());
        String id = accepted.path("id");
        assertEquals(id, UUID.fromString(id).toString());
        assertTrue(accepted.header("Location").endsWith("/v1/messages/" + id), accepted.header("Location"));

        // the event is on sms.outbound, with CloudEvents headers and the tenant
        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.messageId().equals(id), WAIT);
        EventEnvelope<SmsAccepted> env = seen.get(seen.size() - 1);
        assertEquals(id, env.key());
        assertEquals("trunkline.sms.outbound.v1", env.headers().type());
        assertEquals("/trunkline/api-gateway", env.headers().source());
        assertEquals(tenantId, env.headers().tenantId());
        SmsAccepted sms = env.payload();
        assertEquals(tenantId, sms.tenantId());
        assertEquals("+61412345678", sms.to());
        assertEquals("Trunkline", sms.from());
        assertEquals("Hey Jude", sms.text());
        assertEquals(SmsEncoding.GSM7, sms.encoding());
        assertEquals(1, sms.segments());
        assertEquals("smpp:sandbox", sms.route());
        assertEquals("order-42", sms.reference());
        assertTrue(sms.deliveryReport());
        assertEquals(sms.acceptedAt().plusSeconds(3600), sms.validUntil());
        assertEquals(1, seen.stream().filter(e -> e.payload().messageId().equals(id)).count(), "published once");

        // the channel reports sent, then delivered
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant deliveredAt = sentAt.plusSeconds(2);
        EventEnvelope<TrunklineEvent> sent = TestTopics.publish(bootstrap,
                new SmsStatusChanged(id, tenantId, SmsStatus.SENT, "smpp", "smsc-77", null, null, sentAt));
        EventEnvelope<TrunklineEvent> delivered = TestTopics.publish(bootstrap,
                new SmsStatusChanged(id, tenantId, SmsStatus.DELIVERED, "smpp", "smsc-77", null, null, deliveredAt));
        db.awaitProcessed(delivered.headers().id());

        tenant(key).get("/v1/messages/{id}", id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("delivered"))
                .body("text", equalTo("Hey Jude"))
                .body("timeline", hasSize(3))
                .body("timeline.status", equalTo(List.of("queued", "sent", "delivered")))
                .body("timeline[1].at", equalTo(sentAt.toString()))
                .body("timeline[2].at", equalTo(deliveredAt.toString()))
                .body("timeline[2].channel", equalTo("smpp"));

        // redelivery of the same event (same ce_id), then the same report re-published under a new ce_id: neither
        // adds a step. The marker after them shares the message's key (partition), so once it is handled they are.
        TestTopics.publish(bootstrap, sent);
        TestTopics.publish(bootstrap, delivered);
        EventEnvelope<TrunklineEvent> marker = TestTopics.publish(bootstrap,
                new SmsStatusChanged(id, tenantId, SmsStatus.DELIVERED, "smpp", "smsc-77", null, null, deliveredAt));
        db.awaitProcessed(marker.headers().id());
        assertEquals(3, db.historyCount(id));
        tenant(key).get("/v1/messages/{id}", id).then().body("timeline", hasSize(3)).body("status", equalTo("delivered"));
    }

    @Test
    void aLateReportNeverMovesTheStatusBackwards() {
        String[] t = tenantWithKey("Latecomer");
        String id = sendHeyJude(t[1]);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        TestTopics.publish(bootstrap, new SmsStatusChanged(id, t[0], SmsStatus.DELIVERED, "smpp", "c1", null, null,
                base.plusSeconds(5)));
        // the SENT that happened before the delivery arrives after it
        EventEnvelope<TrunklineEvent> late = TestTopics.publish(bootstrap,
                new SmsStatusChanged(id, t[0], SmsStatus.SENT, "smpp", "c1", null, null, base.plusSeconds(1)));
        db.awaitProcessed(late.headers().id());
        tenant(t[1]).get("/v1/messages/{id}", id).then()
                .body("status", equalTo("delivered"))
                .body("timeline.status", equalTo(List.of("queued", "sent", "delivered")));

        // a terminal status stays even against another terminal report
        EventEnvelope<TrunklineEvent> failed = TestTopics.publish(bootstrap,
                new SmsStatusChanged(id, t[0], SmsStatus.FAILED, "smpp", "c1", "0x45", "late failure", base.plusSeconds(9)));
        db.awaitProcessed(failed.headers().id());
        tenant(t[1]).get("/v1/messages/{id}", id).then()
                .body("status", equalTo("delivered"))
                .body("timeline.status", equalTo(List.of("queued", "sent", "delivered", "failed")));
    }

    @Test
    void aFailureReportCarriesItsReason() {
        String[] t = tenantWithKey("Unlucky");
        String id = sendHeyJude(t[1]);
        EventEnvelope<TrunklineEvent> failed = TestTopics.publish(bootstrap, new SmsStatusChanged(id, t[0],
                SmsStatus.UNDELIVERED, "smpp", "c9", "011", "absent subscriber", Instant.now()));
        db.awaitProcessed(failed.headers().id());
        tenant(t[1]).get("/v1/messages/{id}", id).then()
                .body("status", equalTo("undelivered"))
                .body("errorCode", equalTo("011"))
                .body("reason", equalTo("absent subscriber"))
                .body("timeline[1].errorCode", equalTo("011"));
    }

    @Test
    void aReportNamingAnotherTenantIsIgnored() {
        String[] a = tenantWithKey("Victim");
        String[] b = tenantWithKey("Mallory");
        String id = sendHeyJude(a[1]);
        EventEnvelope<TrunklineEvent> forged = TestTopics.publish(bootstrap,
                new SmsStatusChanged(id, b[0], SmsStatus.DELIVERED, "smpp", "x", null, null, Instant.now()));
        db.awaitProcessed(forged.headers().id());
        tenant(a[1]).get("/v1/messages/{id}", id).then().body("status", equalTo("queued")).body("timeline", hasSize(1));
        // and a report for a message the gateway never accepted changes nothing
        EventEnvelope<TrunklineEvent> stray = TestTopics.publish(bootstrap, new SmsStatusChanged(
                UUID.randomUUID().toString(), a[0], SmsStatus.SENT, "gsm", null, null, null, Instant.now()));
        db.awaitProcessed(stray.headers().id());
    }

    @Test
    void anotherTenantCannotSeeTheMessage() {
        String[] a = tenantWithKey("Alice Ltd");
        String[] b = tenantWithKey("Bob Ltd");
        String id = sendHeyJude(a[1]);

        tenant(b[1]).get("/v1/messages/{id}", id).then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", not(containsString("Alice")));
        tenant(b[1]).get("/v1/messages/{id}", UUID.randomUUID().toString()).then().statusCode(404)
                .contentType("application/problem+json");
        tenant(b[1]).get("/v1/messages").then().statusCode(200).body("items", hasSize(0));
        tenant(a[1]).get("/v1/messages/{id}", id).then().statusCode(200);
    }

    @Test
    void aNationalNumberIsReadInTheTenantsRegionAndStoredAsE164() {
        String[] t = tenantWithKey("Local");
        send(t[1], Map.of("to", "0412 345 678", "from", "Trunkline", "text", "hi")).then().statusCode(202)
                .body("to", equalTo("+61412345678"));
        send(t[1], Map.of("to", "+44 7911 123456", "from", "Trunkline", "text", "hi")).then().statusCode(202)
                .body("to", equalTo("+447911123456"));
        // an E.164 sender need not be on the list
        send(t[1], Map.of("to", "+61412345678", "from", "+61400000001", "text", "hi")).then().statusCode(202)
                .body("from", equalTo("+61400000001"));
    }

    @Test
    void unicodeTextIsUcs2AndKeptIntact() {
        String[] t = tenantWithKey("Emoji");
        String text = "Gar\u00E7on \uD83D\uDE00 ".repeat(10); // 10 x 10 UTF-16 units = 100: two UCS-2 parts
        Response r = send(t[1], Map.of("to", "+61412345678", "from", "Trunkline", "text", text));
        r.then().statusCode(202).body("encoding", equalTo("UCS2")).body("segments", equalTo(2));
        String id = r.path("id");
        tenant(t[1]).get("/v1/messages/{id}", id).then().statusCode(200).body("text", equalTo(text));
        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.messageId().equals(id), WAIT);
        SmsAccepted sms = seen.get(seen.size() - 1).payload();
        assertEquals(text, sms.text());
        assertEquals(SmsEncoding.UCS2, sms.encoding());
        assertEquals(2, sms.segments());
        // and the escape-sequence case: 152 plain + euro + more is 2 GSM-7 parts
        send(t[1], Map.of("to", "+61412345678", "from", "Trunkline", "text", "a".repeat(152) + "\u20AC" + "b".repeat(10)))
                .then().statusCode(202).body("encoding", equalTo("GSM7")).body("segments", equalTo(2));
    }

    @Test
    void badRequestsNameTheField() {
        String key = tenantWithKey("Sloppy")[1];

        assertField(sendRaw(key, "{\"to\": \"+61412345678\", \"text\": "), "body");
        assertField(sendRaw(key, "not json at all"), "body");
        assertField(sendRaw(key, ""), "body");
        assertField(sendRaw(key, "{\"to\":\"+61412345678\",\"from\":\"Trunkline\",\"text\":{\"a\":1}}"), "text");
        assertField(sendRaw(key, "{\"to\":[\"+61412345678\"],\"from\":\"Trunkline\",\"text\":\"x\"}"), "to");
        assertField(sendRaw(key, "{\"to\":\"+61412345678\",\"from\":\"Trunkline\",\"text\":\"x\",\"validity\":\"soon\"}"),
                "validity");

        assertField(send(key, Map.of("from", "Trunkline", "text", "x")), "to");
        assertField(send(key, Map.of("to", "+61412", "from", "Trunkline", "text", "x")), "to");
        assertField(send(key, Map.of("to", "+99912345678", "from", "Trunkline", "text", "x")), "to");
        assertField(send(key, Map.of("to", "banana", "from", "Trunkline", "text", "x")), "to");
        assertField(send(key, Map.of("to", "+61412345678", "from", "Unknown", "text", "x")), "from");
        assertField(send(key, Map.of("to", "+61412345678", "from", "trunkline", "text", "x")), "from");
        assertField(send(key, Map.of("to", "+61412345678", "from", "TwelveChars!", "text", "x")), "from");
        assertField(send(key, Map.of("to", "+61412345678", "from", "+0", "text", "x")), "from");
        assertField(send(key, Map.of("to", "+61412345678", "text", "x")), "from");
        assertField(send(key, Map.of("to", "+61412345678", "from", "Trunkline")), "text");
        assertField(send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "")), "text");
        // 11 parts: one more than the default maximum of 10
        assertField(send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "a".repeat(1531))), "text");
        assertField(send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "\u0436".repeat(671))), "text");
        assertField(send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "x", "validity", 0)), "validity");
        assertField(send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "x", "status_callback",
                "ftp://example.com/x")), "status_callback");
        assertField(send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "x", "reference",
                "r".repeat(256))), "reference");

        // the longest allowed text still goes
        send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "a".repeat(1530))).then().statusCode(202)
                .body("segments", equalTo(10));

        // every problem is reported at once
        send(key, Map.of("to", "nope", "from", "Nobody", "text", "")).then().statusCode(400)
                .body("errors.field", equalTo(List.of("to", "from", "text")));

        // nothing half-written: the tenant has only the one accepted message
        tenant(key).get("/v1/messages").then().body("items", hasSize(1));
    }

    @Test
    void unreadableStatusEventGoesToTheDeadLetterTopic() {
        String id = TestTopics.publishUnreadable(bootstrap, EventType.SMS_STATUS_CHANGED);
        TestTopics.awaitDeadLettered(bootstrap, Topics.SMS_STATUS, id, WAIT);
        assertFalse(db.processed(id));
    }

    private static void assertField(Response r, String field) {
        r.then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", endsWith("/invalid-request"))
                .body("errors.field", hasItem(field));
        assertNull(r.header("Location"));
    }
}
