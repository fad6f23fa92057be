package io.trunkline.relay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** HTTP carriers configured by template, against a real HTTP server ({@link HttpCarrierStandIn}). */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MySqlTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "relay_http_test"), restrictToAnnotatedClass = true)
@QuarkusTestResource(value = HttpCarrierResource.class, restrictToAnnotatedClass = true)
class HttpCarrierTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void thePapersRequestByConfigurationAloneThenItsReceiptDelivers() {
        String text = "Caf\u00e9 & co: 50% off? \u2713";
        SmsAccepted sms = sms("http:paper", "+61420000001", text);
        TestTopics.publish(bootstrap, sms);
        SmsStatusChanged sent = awaitStatus(sms.messageId(), SmsStatus.SENT).get(0);
        assertEquals("http", sent.channel());
        assertTrue(sent.channelMessageId().startsWith("PAPER-"), sent.channelMessageId());

        HttpCarrierStandIn.Request r = requestsTo("61420000001").get(0);
        assertEquals("GET", r.method());
        assertEquals("sendsms", r.query().get("mode"));
        assertEquals("alice", r.query().get("username"));
        assertEquals("s3cret", r.query().get("password"));
        assertEquals("61400000000", r.query().get("senderid"));
        assertEquals(text, r.query().get("textmsg"));
        assertTrue(r.query().get("sendtime").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), r.query().toString());

        given().queryParam("id", sent.channelMessageId()).queryParam("status", "1")
                .get("/v1/carriers/paper/receipts").then().statusCode(200).body(equalTo("APPLIED"));
        SmsStatusChanged delivered = awaitStatus(sms.messageId(), SmsStatus.DELIVERED).stream()
                .filter(s -> s.status() == SmsStatus.DELIVERED).findFirst().orElseThrow();
        assertEquals("http", delivered.channel());
        given().queryParam("id", sent.channelMessageId()).queryParam("status", "1")
                .get("/v1/carriers/paper/receipts").then().statusCode(200).body(equalTo("DUPLICATE"));
    }

    @Test
    void anErrorAnswerFailsTheMessageWithTheCarriersCode() {
        SmsAccepted sms = sms("http:paper", "+61420999001", "bad number");
        TestTopics.publish(bootstrap, sms);
        SmsStatusChanged failed = awaitStatus(sms.messageId(), SmsStatus.FAILED).get(0);
        assertEquals("105", failed.errorCode());
    }

    @Test
    void aBusyAnswerIsRetriedAndTheMessageSentOnce() {
        SmsAccepted sms = sms("http:paper", "+61420503001", "try again");
        TestTopics.publish(bootstrap, sms);
        awaitStatus(sms.messageId(), SmsStatus.SENT);
        assertEquals(2, requestsTo("61420503001").size(), "one 503, then one accepted request");
    }

    @Test
    void aJsonCarrierWithBearerAuthAndAProtectedReceiptEndpoint() {
        String text = "He said \"hi\"\nbye";
        SmsAccepted sms = sms("http:jsonco", "+61420000002", text);
        TestTopics.publish(bootstrap, sms);
        SmsStatusChanged sent = awaitStatus(sms.messageId(), SmsStatus.SENT).get(0);
        assertTrue(sent.channelMessageId().startsWith("J-"));
        HttpCarrierStandIn.Request r = HttpCarrierResource.carrier().requests.stream()
                .filter(q -> q.body().contains("+61420000002")).findFirst().orElseThrow();
        assertEquals("POST", r.method());
        assertEquals("application/json", r.headers().get("content-type"));
        assertTrue(r.body().contains("\"text\":\"He said \\\"hi\\\"\\nbye\""), r.body());
        assertTrue(r.body().contains("\"ref\":\"" + sms.messageId() + "\""), r.body());

        given().formParam("id", sent.channelMessageId()).formParam("status", "UNDELIV")
                .post("/v1/carriers/jsonco/receipts").then().statusCode(401);
        given().formParam("id", sent.channelMessageId()).formParam("status", "UNDELIV").formParam("err", "34")
                .formParam("token", "cb-secret").post("/v1/carriers/jsonco/receipts").then().statusCode(200);
        SmsStatusChanged undelivered = awaitStatus(sms.messageId(), SmsStatus.UNDELIVERED).stream()
                .filter(s -> s.status() == SmsStatus.UNDELIVERED).findFirst().orElseThrow();
        assertEquals("34", undelivered.errorCode());
    }

    @Test
    void receiptsForUnknownIdsAreKeptAndBadOnesRefused() {
        given().queryParam("id", "NOPE-1").queryParam("status", "1").get("/v1/carriers/paper/receipts").then()
                .statusCode(200).body(equalTo("ORPHAN"));
        given().queryParam("status", "1").get("/v1/carriers/paper/receipts").then().statusCode(400);
        given().queryParam("id", "x").queryParam("status", "1").get("/v1/carriers/nobody/receipts").then()
                .statusCode(404);
    }

    private static SmsAccepted sms(String route, String to, String text) {
        return new SmsAccepted(UUID.randomUUID().toString(), "tenant-h", "+61400000000", to, text, SmsEncoding.UCS2,
                1, route, true, null, null, Instant.now());
    }

    private static List<HttpCarrierStandIn.Request> requestsTo(String to) {
        await().atMost(WAIT).until(() -> HttpCarrierResource.carrier().requests.stream()
                .anyMatch(r -> to.equals(r.query().get("to"))));
        return HttpCarrierResource.carrier().requests.stream().filter(r -> to.equals(r.query().get("to"))).toList();
    }

    private List<SmsStatusChanged> awaitStatus(String messageId, SmsStatus status) {
        return TestTopics.await(bootstrap, Topics.SMS_STATUS, SmsStatusChanged.class,
                s -> s.messageId().equals(messageId) && s.status() == status, WAIT).stream()
                .map(EventEnvelope::payload).filter(s -> s.messageId().equals(messageId)).toList();
    }
}
