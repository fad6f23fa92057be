package io.trunkline.gsm;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.sandbox.modem.SimulatedModem;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * Per-SIM caps and sticky destinations over four simulated modems on real pseudo-terminals (see
 * {@link CappedModemsResource}): q0 may send 2 parts a minute, q1 3 parts a day, q2 and q3 are uncapped; the capped
 * SIMs are the fast ones, so only their caps keep them from taking most of the traffic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gsm_test"))
@QuarkusTestResource(value = CappedModemsResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimCapsAndStickinessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BURST = "+61416000";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @Order(1)
    void portsComeUpWithTheirCaps() {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2("dev-operator-token").get("/ops/gsm/ports")
                .then().statusCode(200).body("ports.size()", equalTo(4))
                .body("ports.findAll { it.state == 'READY' }.size()", equalTo(4))
                .body("ports.find { it.name == 'q0' }.perMinuteCap", equalTo(CappedModemsResource.PER_MINUTE_CAP))
                .body("ports.find { it.name == 'q1' }.dailyCap", equalTo(CappedModemsResource.DAILY_CAP)));
    }

    @Test
    @Order(2)
    void aBurstBeyondTheCapsGoesThroughTheOtherSims() {
        List<SmsAccepted> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            burst.add(sms(String.format("%s%03d", BURST, i), "burst " + i));
        }
        burst.forEach(s -> TestTopics.publish(bootstrap, s));
        burst.forEach(s -> awaitStatus(s.messageId(), SmsStatus.SENT));

        List<SimulatedModem.Submitted> sent = submitted(d -> d.startsWith(BURST));
        assertEquals(12, sent.stream().map(s -> s.submit().destination()).distinct().count());
        assertEquals(12, sent.size(), "each message sent once");
        Map<String, Long> byModem = sent.stream()
                .collect(Collectors.groupingBy(SimulatedModem.Submitted::modem, Collectors.counting()));
        // the fast SIM with a per-minute cap sent up to its cap and never more within any minute
        assertPerMinuteCapKept();
        assertTrue(byModem.getOrDefault("q0", 0L) >= 1, byModem.toString());
        // the fast SIM with a daily cap sent exactly its cap
        assertEquals(CappedModemsResource.DAILY_CAP, byModem.getOrDefault("q1", 0L), byModem.toString());
        // the rest went through the uncapped SIMs
        assertTrue(byModem.getOrDefault("q2", 0L) + byModem.getOrDefault("q3", 0L) >= 12
                - CappedModemsResource.PER_MINUTE_CAP - CappedModemsResource.DAILY_CAP, byModem.toString());
        given().auth().oauth2("dev-operator-token").get("/ops/gsm/ports/q1").then().statusCode(200)
                .body("sentToday", equalTo(CappedModemsResource.DAILY_CAP));
    }

    @Test
    @Order(3)
    void aSimAtItsDailyCapTakesNothingMoreNotEvenItsStickyDestinations() {
        // a destination q1 sent to in the burst: stickiness would keep it on q1, which may not send today
        String stickyToQ1 = submitted(d -> d.startsWith(BURST)).stream().filter(s -> s.modem().equals("q1"))
                .findFirst().orElseThrow().submit().destination();
        List<SmsAccepted> more = new ArrayList<>();
        more.add(sms(stickyToQ1, "again, q1 is full today"));
        for (int i = 0; i < 4; i++) {
            more.add(sms(String.format("+61416100%03d", i), "after the cap " + i));
        }
        more.forEach(s -> TestTopics.publish(bootstrap, s));
        more.forEach(s -> awaitStatus(s.messageId(), SmsStatus.SENT));
        List<SimulatedModem.Submitted> again = submitted(d -> d.equals(stickyToQ1));
        assertEquals(2, again.size());
        assertNotEquals("q1", again.get(1).modem(), "sent by another SIM");
        assertEquals(CappedModemsResource.DAILY_CAP, CappedModemsResource.modem(1).submitted().size(),
                "q1 took nothing after its daily cap");
        assertPerMinuteCapKept();
    }

    @Test
    @Order(4)
    void aDestinationStaysOnTheSimThatLastSentToIt() {
        String to = "+61417000001";
        SmsAccepted first = sms(to, "sticky 0");
        TestTopics.publish(bootstrap, first);
        awaitStatus(first.messageId(), SmsStatus.SENT);
        String sim = submitted(d -> d.equals(to)).get(0).modem();
        // five more at once, while the other uncapped SIM is free: all stay on the first one's SIM
        List<SmsAccepted> more = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            more.add(sms(to, "sticky " + i));
        }
        more.forEach(s -> TestTopics.publish(bootstrap, s));
        more.forEach(s -> awaitStatus(s.messageId(), SmsStatus.SENT));
        List<SimulatedModem.Submitted> all = submitted(d -> d.equals(to));
        assertEquals(6, all.size());
        Set<String> texts = new HashSet<>();
        all.forEach(s -> texts.add(s.submit().text()));
        assertEquals(6, texts.size(), "each message sent once");
        assertEquals(Set.of(sim), all.stream().map(SimulatedModem.Submitted::modem).collect(Collectors.toSet()));
        assertPerMinuteCapKept();
    }

    // ------------------------------------------------------------------ helpers

    /** q0 never sent more than its cap within any minute (sliding, by the stand-in's own clock). */
    private static void assertPerMinuteCapKept() {
        List<Instant> at = CappedModemsResource.modem(0).submitted().stream().map(SimulatedModem.Submitted::at)
                .sorted().toList();
        int cap = CappedModemsResource.PER_MINUTE_CAP;
        for (int i = cap; i < at.size(); i++) {
            assertTrue(Duration.between(at.get(i - cap), at.get(i)).compareTo(Duration.ofMinutes(1)) >= 0,
                    "q0 sent more than " + cap + " parts within a minute: " + at);
        }
    }

    private static SmsAccepted sms(String to, String text) {
        return new SmsAccepted(UUID.randomUUID().toString(), "tenant-a", "+61400000000", to, text, SmsEncoding.GSM7,
                1, "gsm", false, null, null, Instant.now());
    }

    private void awaitStatus(String messageId, SmsStatus status) {
        TestTopics.await(bootstrap, Topics.SMS_STATUS, SmsStatusChanged.class,
                s -> s.messageId().equals(messageId) && s.status() == status, WAIT).stream()
                .map(EventEnvelope::payload).filter(s -> s.messageId().equals(messageId) && s.status() == status)
                .findFirst().orElseThrow();
    }

    private static List<SimulatedModem.Submitted> submitted(java.util.function.Predicate<String> destination) {
        return CappedModemsResource.modems().stream().flatMap(m -> m.submitted().stream())
                .filter(s -> destination.test(s.submit().destination()))
                .sorted((a, b) -> a.at().compareTo(b.at())).toList();
    }
}
