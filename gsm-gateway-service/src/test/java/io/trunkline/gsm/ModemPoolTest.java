package io.trunkline.gsm;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsReceived;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.gsm.repository.InboundPartRepository;
import io.trunkline.sandbox.modem.SimulatedModem;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * The service over two simulated modems on real pseudo-terminals, the real broker and the real database: messages
 * routed to gsm go out as PDUs, come back as SENT/DELIVERED with a CDR, inbound messages come in, faults are
 * handled.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gsm_test"))
@QuarkusTestResource(value = ModemsResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModemPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    InboundPartRepository inboundParts;

    @Test
    @Order(1)
    void portsComeUpAndShowInOpsAndHealth() {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("dev-operator-token").get("/ops/gsm/ports")
                .then().statusCode(200).body("ports.size()", equalTo(2))
                .body("ports.find { it.name == 'm0' }.state", equalTo("READY"))
                .body("ports.find { it.name == 'm1' }.state", equalTo("READY"))
                .body("ports.find { it.name == 'm1' }.simNumber", equalTo("+61400000101"))
                .body("ports.find { it.name == 'm0' }.signal", equalTo(21)));
        given().get("/ops/gsm/ports").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"trunkline-operator\"");
        given().auth().oauth2("dev-operator-token ").get("/ops/gsm/ports/m0").then().statusCode(200);
        given().header("Authorization", "Basic ZGV2").get("/ops/gsm/ports/m0").then().statusCode(401)
                .body("detail", equalTo("the Authorization header must be Bearer <operator token>"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        // m1 asked for its PIN: the service entered it
        assertTrue(ModemsResource.modem(1).commands().contains("AT+CPIN=\"4321\""));
    }

    @Test
    @Order(2)
    void aMessageGoesOutAsAPduAndIsSentThenDelivered() {
        SmsAccepted sms = sms("+61412000001", "Hello over the air €", true);
        TestTopics.publish(bootstrap, sms);
        SmsStatusChanged sent = awaitStatus(sms.messageId(), SmsStatus.SENT);
        assertEquals("gsm", sent.channel());
        CdrRecorded cdr = TestTopics.await(bootstrap, Topics.CDR_EVENTS, CdrRecorded.class,
                c -> c.cdrId().equals("sms-out-" + sms.messageId()), WAIT).stream()
                .map(EventEnvelope::payload).filter(c -> c.cdrId().equals("sms-out-" + sms.messageId())).findFirst()
                .orElseThrow();
        assertEquals("gsm", cdr.channel());
        assertTrue(cdr.success());
        assertEquals(1, cdr.segments());
        List<SimulatedModem.Submitted> got = submittedTo("+61412000001");
        assertEquals(1, got.size());
        assertEquals("Hello over the air €", got.get(0).submit().text());
        assertTrue(got.get(0).submit().statusReportRequest());
        assertEquals(got.get(0).modem() + ":" + got.get(0).messageReference(),
                sent.channelMessageId().replaceFirst("^m", "m"));
        awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
    }

    @Test
    @Order(3)
    void aLongUcs2MessageGoesInPartsOnOneModem() {
        String text = "Привет! Это длинное сообщение 😀 " + "ещё текст ".repeat(12);
        SmsAccepted sms = sms("+61412000002", text, true);
        TestTopics.publish(bootstrap, sms);
        awaitStatus(sms.messageId(), SmsStatus.SENT);
        List<SimulatedModem.Submitted> parts = submittedTo("+61412000002");
        assertEquals(3, parts.size());
        assertEquals(1, parts.stream().map(SimulatedModem.Submitted::modem).distinct().count(), "one SIM sends all");
        assertEquals(1, parts.stream().map(p -> p.submit().concatRef()).distinct().count());
        assertEquals(text, parts.stream().sorted((a, b) -> a.submit().concatSeq() - b.submit().concatSeq())
                .map(p -> p.submit().text()).collect(Collectors.joining()));
        assertTrue(parts.stream().allMatch(p -> p.submit().dcs() == 0x08 && p.submit().concatTotal() == 3));
        assertEquals(3, TestTopics.await(bootstrap, Topics.CDR_EVENTS, CdrRecorded.class,
                c -> c.cdrId().equals("sms-out-" + sms.messageId()), WAIT).stream().map(EventEnvelope::payload)
                .filter(c -> c.cdrId().equals("sms-out-" + sms.messageId())).findFirst().orElseThrow().segments());
        awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
    }

    @Test
    @Order(4)
    void anUndeliverableDestinationEndsUndelivered() {
        SmsAccepted sms = sms(ModemsResource.UNDELIVERABLE + "000001", "nobody home", true);
        TestTopics.publish(bootstrap, sms);
        SmsStatusChanged s = awaitStatus(sms.messageId(), SmsStatus.UNDELIVERED);
        assertEquals("TP-ST 0x41", s.errorCode());
    }

    @Test
    @Order(5)
    void cmsErrorsAreHandledPerCode() {
        SmsAccepted refused = sms(ModemsResource.REFUSED + "000001", "to nobody", false);
        SmsAccepted congestedOnM0 = sms(ModemsResource.CONGESTED_ON_M0 + "000001", "try the other SIM", false);
        SmsAccepted congested = sms(ModemsResource.CONGESTED + "000001", "everyone is busy", false);
        TestTopics.publish(bootstrap, refused);
        TestTopics.publish(bootstrap, congestedOnM0);
        TestTopics.publish(bootstrap, congested);
        SmsStatusChanged f = awaitStatus(refused.messageId(), SmsStatus.FAILED);
        assertEquals("CMS:28", f.errorCode());
        assertTrue(f.reason().contains("UNIDENTIFIED_SUBSCRIBER"), f.reason());
        CdrRecorded cdr = TestTopics.await(bootstrap, Topics.CDR_EVENTS, CdrRecorded.class,
                c -> c.cdrId().equals("sms-out-" + refused.messageId()), WAIT).stream().map(EventEnvelope::payload)
                .filter(c -> c.cdrId().equals("sms-out-" + refused.messageId())).findFirst().orElseThrow();
        assertFalse(cdr.success());
        // a transient error on one SIM: the message goes out on the other
        awaitStatus(congestedOnM0.messageId(), SmsStatus.SENT);
        List<SimulatedModem.Submitted> other = submittedTo(ModemsResource.CONGESTED_ON_M0 + "000001");
        assertEquals(1, other.size());
        assertEquals("m1", other.get(0).modem());
        // transient on every SIM: fails with the code once each port has tried
        assertEquals("CMS:42", awaitStatus(congested.messageId(), SmsStatus.FAILED).errorCode());
        assertTrue(submittedTo(ModemsResource.CONGESTED + "000001").isEmpty());
    }

    @Test
    @Order(6)
    void twoPortsShareTheTraffic() {
        List<SmsAccepted> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(sms(String.format("+614130000%02d", i), "load " + i, false));
        }
        batch.forEach(s -> TestTopics.publish(bootstrap, s));
        batch.forEach(s -> awaitStatus(s.messageId(), SmsStatus.SENT));
        Map<String, Long> byModem = Stream.of(ModemsResource.modem(0), ModemsResource.modem(1))
                .flatMap(m -> m.submitted().stream()).filter(s -> s.submit().destination().startsWith("+614130000"))
                .collect(Collectors.groupingBy(SimulatedModem.Submitted::modem, Collectors.counting()));
        assertEquals(12, byModem.values().stream().mapToLong(Long::longValue).sum(), "each message sent once");
        // both SIMs pull from the one queue as soon as they are free: the work is shared, not serialised on one
        assertTrue(byModem.getOrDefault("m0", 0L) >= 3 && byModem.getOrDefault("m1", 0L) >= 3, byModem.toString());
    }

    @Test
    @Order(7)
    void inboundMessagesArePublishedThenDeletedFromTheSim() {
        // the message stored on m1 before the service started was swept at start
        SmsReceived swept = awaitInbound(r -> r.text().equals(ModemsResource.WAITING_TEXT));
        assertEquals(ModemsResource.WAITING_FROM, swept.from());
        assertEquals("+61400000101", swept.to());
        assertEquals("gsm", swept.channel());

        // a three-part message whose parts arrive in shuffled order, the first one alone
        SimulatedModem m0 = ModemsResource.modem(0);
        String text = "Concatenated inbound message. ".repeat(14).trim();
        String from = "+61455500002";
        List<String> pdus = new ArrayList<>(m0.deliverPdus(from, text));
        assertEquals(3, pdus.size());
        Collections.shuffle(pdus, new Random(7));
        m0.receivePdus(List.of(pdus.get(0)));
        // the first part is kept in the database and gone from the SIM: it would survive a restart
        await().atMost(WAIT).until(() -> m0.storedCount() == 0 && QuarkusTransaction.requiringNew()
                .call(() -> inboundParts.count("sender = ?1 and state = ?2", from, InboundPart.WAITING)) == 1);
        m0.receivePdus(pdus.subList(1, 3));
        SmsReceived r = awaitInbound(x -> x.from().equals(from));
        assertEquals(text, r.text());
        assertEquals(3, r.segments());
        assertEquals("+61400000100", r.to());
        await().atMost(WAIT).until(() -> m0.storedCount() == 0);
        // published exactly once: reading the whole topic finds no second one
        int[] count = {0};
        try {
            TestTopics.await(bootstrap, Topics.SMS_INBOUND, SmsReceived.class,
                    x -> x.from().equals(from) && ++count[0] > 1, Duration.ofSeconds(3));
        } catch (AssertionError expected) {
            // no second one within the time
        }
        assertEquals(1, count[0]);
    }

    @Test
    @Order(8)
    void aModemThatStopsAnsweringLosesNothingAndDuplicatesNothing() {
        SimulatedModem m0 = ModemsResource.modem(0);
        m0.failNextSend(SimulatedModem.SendFault.SILENT_AT_COMMAND);
        List<SmsAccepted> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(sms(String.format("+614140000%02d", i), "unplug " + i, false));
        }
        batch.forEach(s -> TestTopics.publish(bootstrap, s));
        batch.forEach(s -> awaitStatus(s.messageId(), SmsStatus.SENT));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("dev-operator-token")
                .get("/ops/gsm/ports/m0").then().statusCode(200).body("state", equalTo("DOWN")));
        Set<String> seen = new HashSet<>();
        Stream.of(ModemsResource.modem(0), ModemsResource.modem(1)).flatMap(m -> m.submitted().stream())
                .filter(s -> s.submit().destination().startsWith("+614140000"))
                .forEach(s -> assertTrue(seen.add(s.submit().destination()), "sent twice: " + s));
        assertEquals(8, seen.size());
        // still ready: one port is enough
        given().get("/q/health/ready").then().statusCode(200);
        // plugged back in: the port recovers
        m0.plug();
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("dev-operator-token")
                .get("/ops/gsm/ports/m0").then().statusCode(200).body("state", equalTo("READY")));
    }

    @Test
    @Order(9)
    void aModemSilentAfterTakingThePduMakesItUnknownNotResent() {
        SimulatedModem m0 = ModemsResource.modem(0);
        SimulatedModem m1 = ModemsResource.modem(1);
        // whichever modem takes it goes silent once the PDU is in: it may or may not have left
        m0.failNextSend(SimulatedModem.SendFault.SILENT_AFTER_PDU);
        m1.failNextSend(SimulatedModem.SendFault.SILENT_AFTER_PDU);
        SmsAccepted sms = sms("+61415000001", "in doubt", false);
        TestTopics.publish(bootstrap, sms);
        SmsStatusChanged s = awaitStatus(sms.messageId(), SmsStatus.UNKNOWN);
        assertTrue(s.reason().contains("may or may not"), s.reason());
        SimulatedModem silent = m0.plugged() ? m1 : m0;
        SimulatedModem other = silent == m0 ? m1 : m0;
        other.failNextSend(SimulatedModem.SendFault.NONE);
        assertFalse(silent.plugged());
        // never handed to the other modem
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> submittedTo("+61415000001").isEmpty());
        silent.plug();
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("dev-operator-token").get("/ops/gsm/ports")
                .then().statusCode(200).body("ports.findAll { it.state == 'READY' }.size()", equalTo(2)));
    }

    // ------------------------------------------------------------------ helpers

    private static SmsAccepted sms(String to, String text, boolean report) {
        boolean gsm = io.trunkline.gsm.pdu.PduCodec.charsetFor(text) == io.trunkline.gsm.pdu.CharacterSet.GSM7;
        return new SmsAccepted(UUID.randomUUID().toString(), "tenant-a", "+61400000000", to, text,
                gsm ? SmsEncoding.GSM7 : SmsEncoding.UCS2, 1, "gsm", report, null, null, Instant.now());
    }

    private SmsStatusChanged awaitStatus(String messageId, SmsStatus status) {
        return TestTopics.await(bootstrap, Topics.SMS_STATUS, SmsStatusChanged.class,
                s -> s.messageId().equals(messageId) && s.status() == status, WAIT).stream()
                .map(EventEnvelope::payload).filter(s -> s.messageId().equals(messageId) && s.status() == status)
                .findFirst().orElseThrow();
    }

    private SmsReceived awaitInbound(java.util.function.Predicate<SmsReceived> match) {
        return TestTopics.await(bootstrap, Topics.SMS_INBOUND, SmsReceived.class, match, WAIT).stream()
                .map(EventEnvelope::payload).filter(match).findFirst().orElseThrow();
    }

    private static List<SimulatedModem.Submitted> submittedTo(String destination) {
        return Stream.of(ModemsResource.modem(0), ModemsResource.modem(1)).flatMap(m -> m.submitted().stream())
                .filter(s -> s.submit().destination().equals(destination)).toList();
    }
}
