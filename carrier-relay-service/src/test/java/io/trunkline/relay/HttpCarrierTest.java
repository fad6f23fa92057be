package io.trunkline.relay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.relay.repository.RelayMessageRepository;
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

    @Inject
    RelayMessageRepository messages;

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

    @Test
    void aDownCarriersQueueFailsOverWithoutDuplicatesAndComesBackWhenItRecovers() throws Exception {
        HttpCarrierStandIn flaky = HttpCarrierResource.flaky();
        flaky.down();
        List<SmsAccepted> batch = List.of(sms("http:flaky", "+61421000001", "f1"), sms("http:flaky", "+61421000002", "f2"),
                sms("http:flaky", "+61421000003", "f3"));
        batch.forEach(m -> TestTopics.publish(bootstrap, m));
        for (SmsAccepted m : batch) {
            SmsStatusChanged sent = awaitStatus(m.messageId(), SmsStatus.SENT).get(0);
            assertTrue(sent.channelMessageId().startsWith("PAPER-"), "sent by the failover carrier: " + sent);
            assertEquals(1, requestsTo(m.to().substring(1)).size(), "one request, at the failover carrier");
            Object[] row = inTx(() -> (Object[]) messages.getEntityManager().createNativeQuery(
                    "SELECT carrier, original_carrier, failovers FROM relay_message WHERE message_id = ?1")
                    .setParameter(1, m.messageId()).getSingleResult());
            assertEquals("paper", row[0]);
            assertEquals("flaky", row[1]);
            assertEquals(1, ((Number) row[2]).intValue());
        }
        assertTrue(flaky.requests.isEmpty(), "a refused connection delivered nothing");
        given().header("Authorization", "Bearer dev-operator-token").get("/ops/carriers/flaky").then()
                .statusCode(200).body("protocol", equalTo("http")).body("circuit", not(equalTo("CLOSED")))
                .body("failover", hasItem("paper"));

        // recovery: once the open period passed the carrier is tried again, and its new traffic stays with it
        flaky.up();
        await().atMost(WAIT).until(() -> "HALF_OPEN".equals(given().header("Authorization",
                "Bearer dev-operator-token").get("/ops/carriers/flaky").then().extract().path("circuit")));
        SmsAccepted back = sms("http:flaky", "+61421000004", "f4");
        TestTopics.publish(bootstrap, back);
        SmsStatusChanged sent = awaitStatus(back.messageId(), SmsStatus.SENT).get(0);
        assertTrue(sent.channelMessageId().startsWith("FLAKY-"), "sent by the recovered carrier: " + sent);
        assertEquals(1, flaky.requests.stream().filter(r -> "61421000004".equals(r.query().get("to"))).count());
        assertTrue(HttpCarrierResource.carrier().requests.stream()
                .noneMatch(r -> "61421000004".equals(r.query().get("to"))));
        given().header("Authorization", "Bearer dev-operator-token").get("/ops/carriers/flaky").then()
                .statusCode(200).body("circuit", equalTo("CLOSED"));
    }

    @Test
    void noReceiptBeforeTheValidityEndsExpiresAnHttpMessage() {
        SmsAccepted sms = new SmsAccepted(UUID.randomUUID().toString(), "tenant-h", "+61400000000", "+61420000077",
                "never receipted", SmsEncoding.GSM7, 1, "http:paper", true, Instant.now().plusSeconds(3), null,
                Instant.now());
        TestTopics.publish(bootstrap, sms);
        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.EXPIRED);
        assertEquals(List.of(SmsStatus.SENT, SmsStatus.EXPIRED),
                statuses.stream().map(SmsStatusChanged::status).toList());
        assertEquals("http", statuses.get(1).channel());
    }

    @Test
    void cdrsCarryTheCarriersBuyPricePerSegment() {
        SmsAccepted twoSegments = new SmsAccepted(UUID.randomUUID().toString(), "tenant-h", "+61400000000",
                "+61420770001", "x".repeat(200), SmsEncoding.GSM7, 2, "http:paper", false, null, null, Instant.now());
        SmsAccepted other = sms("http:paper", "+61420000099", "one segment");
        SmsAccepted refused = sms("http:paper", "+61420999099", "bad number");
        List.of(twoSegments, other, refused).forEach(m -> TestTopics.publish(bootstrap, m));
        CdrRecorded prefixed = awaitCdr(twoSegments);
        assertEquals(2, prefixed.segments());
        assertEquals(0, new BigDecimal("0.10").compareTo(prefixed.buyCost()), prefixed.toString());
        assertEquals("EUR", prefixed.buyCurrency());
        CdrRecorded plain = awaitCdr(other);
        assertEquals(0, new BigDecimal("0.0125").compareTo(plain.buyCost()), plain.toString());
        CdrRecorded failed = awaitCdr(refused);
        assertEquals(false, failed.success());
        assertEquals(0, BigDecimal.ZERO.compareTo(failed.buyCost()), "the carrier never took it");
        assertEquals("EUR", failed.buyCurrency());
        CdrRecorded unpriced = awaitCdr(aJsonMessage());
        assertNull(unpriced.buyCost(), "no price configured: unknown, left to billing's buy cards");
        assertNull(unpriced.buyCurrency());
    }

    private SmsAccepted aJsonMessage() {
        SmsAccepted sms = sms("http:jsonco", "+61420000003", "priceless");
        TestTopics.publish(bootstrap, sms);
        return sms;
    }

    private CdrRecorded awaitCdr(SmsAccepted sms) {
        List<EventEnvelope<CdrRecorded>> cdrs = TestTopics.await(bootstrap, Topics.CDR_EVENTS, CdrRecorded.class,
                c -> c.cdrId().equals("sms-out-" + sms.messageId()), WAIT);
        return cdrs.stream().map(EventEnvelope::payload).filter(c -> c.cdrId().equals("sms-out-" + sms.messageId()))
                .findFirst().orElseThrow();
    }

    private static <T> T inTx(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
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
