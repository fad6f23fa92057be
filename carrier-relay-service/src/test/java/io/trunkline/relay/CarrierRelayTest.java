package io.trunkline.relay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsReceived;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.EventType;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.relay.repository.OrphanReceiptRepository;
import io.trunkline.relay.repository.RelayMessageRepository;
import io.trunkline.relay.repository.RelayPartRepository;
import io.trunkline.relay.service.CarrierLinks;
import io.trunkline.relay.service.Claim;
import io.trunkline.relay.service.Outcome;
import io.trunkline.relay.service.ReceiptService;
import io.trunkline.relay.service.SubmitService;
import io.trunkline.relay.smpp.DeliveryReceipt;
import io.trunkline.relay.smpp.ReceiptParser;
import io.trunkline.relay.smpp.MessageIds;
import io.trunkline.sandbox.smsc.SandboxSmsc;
import io.trunkline.sandbox.smsc.Submitted;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** The relay against the real broker, the real database and the sandbox SMSC speaking SMPP on a real socket. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MySqlTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "relay_test"), restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SandboxSmscResource.class, restrictToAnnotatedClass = true)
class CarrierRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RelayMessageRepository messages;

    @Inject
    RelayPartRepository parts;

    @Inject
    OrphanReceiptRepository orphans;

    @Inject
    CarrierLinks links;

    @Inject
    SubmitService submits;

    @Inject
    ReceiptService receipts;

    SandboxSmsc smsc;

    @BeforeEach
    void bound() {
        smsc = SandboxSmscResource.smsc();
        await().atMost(WAIT).until(() -> links.link("sandbox").orElseThrow().bound());
    }

    @Test
    void readyWhileTheCarrierIsBound() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String body = given().get("/q/health/ready").asString();
        assertTrue(body.contains("smpp-carriers") && body.contains("sandbox.BIND_TRX") && body.contains("BOUND"), body);
        given().get("/q/metrics").then().statusCode(200);
        // the operator's endpoints say so in the document, so Swagger UI and generated clients send the token
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.operatorToken.scheme", equalTo("bearer"))
                .body("paths.'/ops/carriers/{name}'.get.security[0].operatorToken", notNullValue())
                .body("paths.'/ops/carriers/{name}'.get.responses.'401'.content.'application/problem+json'",
                        notNullValue())
                .body("paths.'/v1/carriers/{name}/receipts'.post", notNullValue())
                .body("paths.'/v1/carriers/{name}/receipts'.post.security", nullValue());
    }

    @Test
    void gsm7MessageIsSubmittedSentDeliveredAndBilledOnce() {
        SmsAccepted sms = sms("smpp:sandbox", "+61412000001", "Hello from Trunkline: 5\u20ac @ {home}",
                SmsEncoding.GSM7, 1);
        TestTopics.publish(bootstrap, sms);

        Submitted s = awaitSubmits("61412000001", 1).get(0);
        assertEquals(0, s.dataCoding());
        assertEquals(sms.text(), s.text());
        assertEquals(1, s.registeredDelivery());
        assertEquals("61400000000", s.sourceAddr());
        assertEquals(1, s.sourceTon());
        assertEquals(1, s.destTon());
        assertEquals(0, s.esmClass());
        assertTrue(s.validityPeriod().matches("\\d{12}000\\+"), "absolute validity in UTC: " + s.validityPeriod());

        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        assertEquals(List.of(SmsStatus.SENT, SmsStatus.DELIVERED), statuses.stream().map(SmsStatusChanged::status).toList());
        SmsStatusChanged sent = statuses.get(0);
        assertEquals("smpp", sent.channel());
        assertEquals(s.messageId(), sent.channelMessageId());
        assertEquals("tenant-a", sent.tenantId());

        CdrRecorded cdr = awaitCdr(sms.messageId());
        assertEquals(CdrService.SMS_OUT, cdr.service());
        assertEquals("tenant-a", cdr.tenantId());
        assertEquals(1, cdr.segments());
        assertTrue(cdr.success());
        assertEquals("smpp", cdr.channel());
        assertEquals("sandbox", cdr.carrier());
        assertEquals(sms.to(), cdr.destination());

        inTx(() -> {
            RelayPart part = parts.ofMessage(sms.messageId()).get(0);
            assertEquals(MessageIds.normalise(s.messageId()), part.normId);
            assertEquals(PartState.DELIVERED, part.state);
            assertEquals(RelayMessage.State.DELIVERED, messages.findById(sms.messageId()).state);
            return null;
        });
    }

    @Test
    void longUcs2MessageGoesAsUdhPartsAndRollsUpToOneDelivered() {
        String text = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! ".repeat(12).trim();
        assertTrue(text.length() > 134 && text.length() <= 201, "three parts of 67: " + text.length());
        SmsAccepted sms = sms("smpp:sandbox", "+61412000002", text, SmsEncoding.UCS2, 3);
        TestTopics.publish(bootstrap, sms);

        List<Submitted> submits = awaitSubmits("61412000002", 3);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            Submitted p = submits.get(i);
            assertEquals(8, p.dataCoding());
            assertTrue(p.udhi());
            assertEquals(3, p.concatTotal());
            assertEquals(i + 1, p.concatSeq());
            assertEquals(submits.get(0).concatRef(), p.concatRef());
            joined.append(p.text());
        }
        assertEquals(text, joined.toString());
        assertEquals(3, submits.stream().map(Submitted::messageId).distinct().count(), "an id per part");

        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        assertEquals(List.of(SmsStatus.SENT, SmsStatus.DELIVERED), statuses.stream().map(SmsStatusChanged::status).toList(),
                "one DELIVERED for the message, not one per part");
        assertEquals(submits.get(0).messageId(), statuses.get(0).channelMessageId());
        assertEquals(3, awaitCdr(sms.messageId()).segments());
    }

    @Test
    void aRedeliveredEventOrARepublishedMessageIsNotSubmittedTwice() {
        SmsAccepted sms = sms("smpp:sandbox", "+61412000003", "only once", SmsEncoding.GSM7, 1);
        EventEnvelope<TrunklineEvent> first = TestTopics.publish(bootstrap, sms);
        TestTopics.publish(bootstrap, first); // the same ce_id again
        EventEnvelope<TrunklineEvent> republished = TestTopics.publish(bootstrap, sms); // new ce_id, same message id
        SmsAccepted marker = sms("smpp:sandbox", "+61412000004", "marker", SmsEncoding.GSM7, 1);
        TestTopics.publish(bootstrap, marker);

        awaitStatus(marker.messageId(), SmsStatus.SENT);
        await().atMost(WAIT).until(() -> processed(republished.headers().id()));
        awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        assertEquals(1, submitsTo("61412000003").size());
        SmsAccepted after = sms("smpp:sandbox", "+61412000011", "after", SmsEncoding.GSM7, 1);
        TestTopics.publish(bootstrap, after);
        List<CdrRecorded> cdrs = TestTopics.await(bootstrap, Topics.CDR_EVENTS, CdrRecorded.class,
                c -> c.cdrId().equals("sms-out-" + after.messageId()), WAIT).stream()
                .map(EventEnvelope::payload).filter(c -> c.cdrId().equals("sms-out-" + sms.messageId())).toList();
        assertEquals(1, cdrs.size(), "billed once");
    }

    @Test
    void anUndeliverableDestinationEndsUndelivered() {
        SmsAccepted sms = sms("smpp:sandbox", SandboxSmscResource.UNDELIVERABLE + "000001", "nobody home",
                SmsEncoding.GSM7, 1);
        TestTopics.publish(bootstrap, sms);

        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.UNDELIVERED);
        assertEquals(List.of(SmsStatus.SENT, SmsStatus.UNDELIVERED), statuses.stream().map(SmsStatusChanged::status).toList());
        assertEquals("001", statuses.get(1).errorCode());
        assertTrue(awaitCdr(sms.messageId()).success(), "it was sent; the handset was not reached");
    }

    @Test
    void aRefusedSubmitFailsWithTheCommandStatus() {
        SmsAccepted sms = sms("smpp:sandbox", SandboxSmscResource.REFUSED + "000001", "refused", SmsEncoding.GSM7, 1);
        TestTopics.publish(bootstrap, sms);

        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.FAILED);
        SmsStatusChanged failed = statuses.get(statuses.size() - 1);
        assertEquals("0x00000045", failed.errorCode());
        assertTrue(failed.reason().contains("ESME_RSUBMITFAIL"), failed.reason());
        assertNull(failed.channelMessageId());
        assertFalse(awaitCdr(sms.messageId()).success());
        assertEquals(1, submitsTo(SandboxSmscResource.REFUSED.substring(1) + "000001").size(), "not retried");
    }

    @Test
    void anUnansweredSubmitIsUnknownNotResentAndItsLateReceiptIsKept() {
        String dest = SandboxSmscResource.SLOW + "000001";
        SmsAccepted sms = sms("smpp:sandbox", dest, "slow lane", SmsEncoding.GSM7, 1);
        TestTopics.publish(bootstrap, sms);

        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.UNKNOWN);
        assertEquals(SmsStatus.UNKNOWN, statuses.get(statuses.size() - 1).status());
        Submitted s = awaitSubmits(dest.substring(1), 1).get(0);
        String norm = MessageIds.normalise(s.messageId());
        await().atMost(WAIT).until(() -> inTx(() -> orphans.listAll().stream()
                .anyMatch(o -> o.candidateIds.startsWith(norm))));
        assertEquals(1, submitsTo(dest.substring(1)).size(), "never resent");
    }

    @Test
    void routesForOtherChannelsOrCarriersAreLeftAlone() {
        SmsAccepted gsm = sms("gsm", "+61412000005", "modem", SmsEncoding.GSM7, 1);
        SmsAccepted http = sms("http:acme", "+61412000006", "http", SmsEncoding.GSM7, 1);
        SmsAccepted elsewhere = sms("smpp:elsewhere", "+61412000007", "other carrier", SmsEncoding.GSM7, 1);
        TestTopics.publish(bootstrap, gsm);
        TestTopics.publish(bootstrap, http);
        TestTopics.publish(bootstrap, elsewhere);
        SmsAccepted marker = sms("smpp:sandbox", "+61412000008", "marker", SmsEncoding.GSM7, 1);
        TestTopics.publish(bootstrap, marker);

        awaitStatus(marker.messageId(), SmsStatus.SENT);
        for (SmsAccepted ignored : List.of(gsm, http, elsewhere)) {
            assertTrue(submitsTo(ignored.to().substring(1)).isEmpty(), ignored.route());
            assertNull(inTx(() -> messages.findById(ignored.messageId())), ignored.route());
        }
    }

    @Test
    void aMobileOriginatedMessageIsPublishedAsReceived() throws Exception {
        String from = "+614" + (10_000_000 + (int) (Math.random() * 89_999_999));
        smsc.sendMo(from, "+61400000000", "STOP \u00e9");
        SmsReceived received = TestTopics.await(bootstrap, Topics.SMS_INBOUND, SmsReceived.class,
                r -> r.from().equals(from), WAIT).stream().map(EventEnvelope::payload)
                .filter(r -> r.from().equals(from)).findFirst().orElseThrow();
        assertEquals("+61400000000", received.to());
        assertEquals("STOP \u00e9", received.text());
        assertEquals("smpp", received.channel());
        assertEquals("smpp:sandbox", received.channelRef());
        assertEquals(SmsEncoding.GSM7, received.encoding());
    }

    @Test
    void theLinkBindsAgainAfterTheConnectionDrops() {
        Map<String, String> before = links.link("sandbox").orElseThrow().describe();
        smsc.dropConnections();
        await().atMost(WAIT).until(() -> links.link("sandbox").orElseThrow().bound()
                && !links.link("sandbox").orElseThrow().describe().equals(before));
        SmsAccepted sms = sms("smpp:sandbox", "+61412000009", "after the drop", SmsEncoding.GSM7, 1);
        TestTopics.publish(bootstrap, sms);
        awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aReceiptThatOvertakesItsPartsCommitIsMatchedWhenThePartIsRecorded() {
        // carrier "offline" has no link and no senders: the test plays the sender
        SmsAccepted sms = sms("smpp:offline", "+61412000010", "racing", SmsEncoding.GSM7, 1);
        inTx(() -> submits.enqueue(sms, "offline"));
        Claim claim = submits.claimNext("offline").orElseThrow();
        assertEquals(sms.messageId(), claim.messageId());

        DeliveryReceipt early = ReceiptParser.parseText("id:0000ABC123 sub:001 dlvrd:001 submit date:2401010000 "
                + "done date:2401010000 stat:DELIVRD err:000 text:racing", null, null);
        assertEquals(ReceiptService.Result.ORPHAN, receipts.onReceipt("offline", early));

        submits.complete(claim, Outcome.sent(List.of("abc123")));

        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        assertEquals(List.of(SmsStatus.SENT, SmsStatus.DELIVERED), statuses.stream().map(SmsStatusChanged::status).toList());
        assertEquals("abc123", statuses.get(0).channelMessageId());
        inTx(() -> {
            OrphanReceipt o = orphans.find("receiptId", "0000ABC123").firstResult();
            assertNotNull(o.resolvedAt);
            assertEquals(sms.messageId(), o.resolvedMessageId);
            return null;
        });
        assertEquals(ReceiptService.Result.DUPLICATE, receipts.onReceipt("offline", early), "a repeat changes nothing");
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopic() {
        String id = TestTopics.publishUnreadable(bootstrap, EventType.SMS_ACCEPTED);
        TestTopics.awaitDeadLettered(bootstrap, Topics.SMS_OUTBOUND, id, WAIT);
    }

    // --- helpers ---

    private static SmsAccepted sms(String route, String to, String text, SmsEncoding encoding, int segments) {
        return new SmsAccepted(UUID.randomUUID().toString(), "tenant-a", "+61400000000", to, text, encoding,
                segments, route, true, Instant.now().plus(Duration.ofHours(1)), null, Instant.now());
    }

    private List<Submitted> submitsTo(String destAddr) {
        return smsc.submitted().stream().filter(s -> s.destAddr().equals(destAddr)).toList();
    }

    private List<Submitted> awaitSubmits(String destAddr, int n) {
        await().atMost(WAIT).until(() -> submitsTo(destAddr).size() >= n);
        return submitsTo(destAddr);
    }

    /** The message's statuses in publication order, up to the awaited one. */
    private List<SmsStatusChanged> awaitStatus(String messageId, SmsStatus status) {
        return TestTopics.await(bootstrap, Topics.SMS_STATUS, SmsStatusChanged.class,
                s -> s.messageId().equals(messageId) && s.status() == status, WAIT).stream()
                .map(EventEnvelope::payload).filter(s -> s.messageId().equals(messageId)).toList();
    }

    private CdrRecorded awaitCdr(String messageId) {
        List<EventEnvelope<CdrRecorded>> seen = TestTopics.await(bootstrap, Topics.CDR_EVENTS, CdrRecorded.class,
                c -> c.cdrId().equals("sms-out-" + messageId), WAIT);
        CdrRecorded cdr = seen.get(seen.size() - 1).payload();
        assertNotNull(cdr);
        assertEquals(messageId, cdr.subjectId());
        return cdr;
    }

    private boolean processed(String ceId) {
        return inTx(() -> ((Number) messages.getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, ceId).getSingleResult()).intValue() == 1);
    }

    private static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
