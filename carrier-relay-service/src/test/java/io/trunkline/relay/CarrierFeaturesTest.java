package io.trunkline.relay;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import io.trunkline.events.Topics;
import io.trunkline.relay.repository.RelayMessageRepository;
import io.trunkline.sandbox.smsc.SandboxSmsc;
import io.trunkline.sandbox.smsc.Submitted;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * Windowed submits and a dropped connection, transmitter + receiver binds, the shared rate limit, long-message modes,
 * per-carrier id formats, expiry, failover, concatenated MO and SMS_IN CDRs, over real SMPP sessions to three sandbox
 * SMSCs ({@link FeatureSmscResource}).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MySqlTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "relay_features_test"), restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FeatureSmscResource.class, restrictToAnnotatedClass = true)
class CarrierFeaturesTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String LONG = "Lorem ipsum dolor sit amet, ".repeat(12); // 336 septets: 3 parts

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RelayMessageRepository messages;

    @Test
    void aDroppedConnectionMidWindowLosesNothingAndSendsNothingTwice() {
        SandboxSmsc smsc = FeatureSmscResource.window();
        int n = 300;
        List<SmsAccepted> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(sms("smpp:win", String.format("+61415%06d", i), "window " + i, null));
        }
        publishAll(bootstrap, sent);
        await().atMost(WAIT).until(() -> smsc.accepted().size() >= 60);
        smsc.dropConnections();

        Set<String> ids = sent.stream().map(SmsAccepted::messageId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            Map<String, Long> states = states(ids);
            return states.getOrDefault("QUEUED", 0L) + states.getOrDefault("SUBMITTING", 0L)
                    + states.getOrDefault("SENT", 0L) == 0 && states.values().stream().mapToLong(l -> l).sum() == n;
        });
        Map<String, Long> states = states(ids);
        Map<String, Long> acceptedPerDestination = smsc.accepted().stream()
                .collect(Collectors.groupingBy(Submitted::destAddr, Collectors.counting()));
        acceptedPerDestination.forEach((dest, count) -> assertEquals(1L, count, dest + " was submitted twice"));
        long delivered = states.getOrDefault("DELIVERED", 0L);
        long unknown = states.getOrDefault("UNKNOWN", 0L);
        assertEquals(n, delivered + unknown, "every message delivered, or unknown if its answer was lost: " + states);
        assertTrue(unknown <= 200, "at most one window (100 per bind) in doubt: " + states);
        for (SmsAccepted s : sent) {
            String state = state(s.messageId());
            if (state.equals("DELIVERED")) {
                assertEquals(1L, acceptedPerDestination.getOrDefault(s.to().substring(1), 0L), s.to());
            }
        }
        assertTrue(smsc.maxConcurrentSubmits() > 1, "submits were in flight together: " + smsc.maxConcurrentSubmits());
    }

    @Test
    void sarCarrierSendsSarTlvsAndPayloadCarrierOneMessagePayload() {
        SmsAccepted sar = sms("smpp:sar", "+61416000001", LONG, null);
        SmsAccepted payload = sms("smpp:payload", "+61416000002", LONG, null);
        TestTopics.publish(bootstrap, sar);
        TestTopics.publish(bootstrap, payload);
        awaitStatus(sar.messageId(), SmsStatus.DELIVERED);
        awaitStatus(payload.messageId(), SmsStatus.DELIVERED);

        List<Submitted> sarParts = submitsTo(FeatureSmscResource.features(), "61416000001");
        assertEquals(3, sarParts.size());
        for (int i = 0; i < 3; i++) {
            Submitted p = sarParts.get(i);
            assertNull(p.udh(), "no UDH with SAR");
            assertEquals(0, p.esmClass());
            assertEquals(3, p.concatTotal());
            assertEquals(i + 1, p.concatSeq());
            assertEquals(sarParts.get(0).concatRef(), p.concatRef());
        }
        assertEquals(LONG, sarParts.stream().map(Submitted::text).collect(Collectors.joining()));

        List<Submitted> one = submitsTo(FeatureSmscResource.features(), "61416000002");
        assertEquals(1, one.size());
        assertEquals(LONG, one.get(0).text());
        assertNull(one.get(0).concatRef());
    }

    @Test
    void receiptsQuotingDecimalIdsMatchOnACarrierSetToThatFormat() {
        SmsAccepted sms = sms("smpp:decimal", "+61416000003", "decimal ids", null);
        TestTopics.publish(bootstrap, sms);
        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        String hexId = statuses.get(0).channelMessageId();
        assertTrue(hexId.matches("[0-9A-F]{10}"), hexId);
    }

    @Test
    void noReceiptBeforeTheValidityEndsExpiresTheMessage() {
        SmsAccepted sms = sms("smpp:expiring", FeatureSmscResource.NO_RECEIPT + "000001", "never receipted", null);
        TestTopics.publish(bootstrap, sms);
        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.EXPIRED);
        assertEquals(List.of(SmsStatus.SENT, SmsStatus.EXPIRED),
                statuses.stream().map(SmsStatusChanged::status).toList());
    }

    @Test
    void aDeadCarriersTrafficFailsOverOnceAndItsStateIsVisible() {
        SmsAccepted sms = sms("smpp:dead", "+61416000004", "failing over", null);
        TestTopics.publish(bootstrap, sms);
        awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        assertEquals(1, submitsTo(FeatureSmscResource.features(), "61416000004").size());
        Object[] row = inTx(() -> (Object[]) messages.getEntityManager().createNativeQuery(
                "SELECT carrier, original_carrier, failovers FROM relay_message WHERE message_id = ?1")
                .setParameter(1, sms.messageId()).getSingleResult());
        assertEquals("payload", row[0]);
        assertEquals("dead", row[1]);
        assertEquals(1, ((Number) row[2]).intValue());

        given().header("Authorization", "Bearer dev-operator-token").get("/ops/carriers/dead").then()
                .statusCode(200).body("bound", equalTo(false)).body("failover", hasItem("payload"))
                .body("circuit", org.hamcrest.Matchers.startsWith("OPEN"));
        given().get("/ops/carriers").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"trunkline-operator\"");
        given().header("Authorization", "Bearer dev-operator-tokenX").get("/ops/carriers/dead").then().statusCode(401)
                .body("detail", equalTo("the operator token is not valid"));
        given().get("/q/health/ready").then().body("checks.find { it.name == 'smpp-carriers' }.data.'dead.circuit'",
                org.hamcrest.Matchers.startsWith("OPEN"));
    }

    @Test
    void theRateLimitHoldsAcrossTwoBinds() {
        List<SmsAccepted> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(sms("smpp:limited", String.format("+61417%06d", i), "limited " + i, null));
        }
        sent.forEach(s -> TestTopics.publish(bootstrap, s));
        Set<String> ids = sent.stream().map(SmsAccepted::messageId).collect(Collectors.toSet());
        await().atMost(WAIT).until(() -> states(ids).getOrDefault("DELIVERED", 0L) == 20);
        List<Instant> arrivals = FeatureSmscResource.features().accepted().stream()
                .filter(s -> s.destAddr().startsWith("61417")).map(Submitted::receivedAt).sorted().toList();
        assertEquals(20, arrivals.size());
        // 10 a second with a burst of 1: never more than 11 in any second (12 allows for arrival jitter)
        for (int i = 0; i + 12 < arrivals.size(); i++) {
            assertTrue(Duration.between(arrivals.get(i), arrivals.get(i + 12)).toMillis() >= 1000,
                    "more than 12 submits within one second from " + arrivals.get(i));
        }
    }

    @Test
    void concatenatedMoIsReassembledAndCountedForItsTenant() throws Exception {
        String text = "Reassemble me please. ".repeat(10); // 220 characters: 2 parts
        FeatureSmscResource.decimal().sendMoConcatenated("+61412000001", "+61400000123", text, 9, 2, 1);
        List<EventEnvelope<SmsReceived>> got = TestTopics.await(bootstrap, Topics.SMS_INBOUND, SmsReceived.class,
                r -> r.from().equals("+61412000001") && r.to().equals("+61400000123"), WAIT);
        SmsReceived mo = got.get(got.size() - 1).payload();
        assertEquals(text, mo.text());
        assertEquals(2, mo.segments());
        assertEquals("tenant-mo", mo.tenantId());
        List<EventEnvelope<CdrRecorded>> cdrs = TestTopics.await(bootstrap, Topics.CDR_EVENTS, CdrRecorded.class,
                c -> c.cdrId().equals("sms-in-" + mo.inboundId()), WAIT);
        CdrRecorded cdr = cdrs.get(cdrs.size() - 1).payload();
        assertEquals(CdrService.SMS_IN, cdr.service());
        assertEquals(2, cdr.segments());
        assertEquals("decimal", cdr.carrier());

        // a lone first part waits in the database (it survives a restart) until its sibling comes
        FeatureSmscResource.decimal().sendMoConcatenated("+61412000002", "+61400000123", text, 10, 1);
        await().atMost(WAIT).until(() -> inTx(() -> ((Number) messages.getEntityManager().createNativeQuery(
                "SELECT COUNT(*) FROM relay_mo_part WHERE group_key LIKE '%+61412000002%'").getSingleResult())
                .intValue()) == 1);
    }

    // --- helpers ---

    private static SmsAccepted sms(String route, String to, String text, Instant validUntil) {
        return new SmsAccepted(UUID.randomUUID().toString(), "tenant-f", "+61400000000", to, text, SmsEncoding.GSM7,
                1, route, true, validUntil, null, Instant.now());
    }

    /** Publishes the messages with one producer (a producer per event would take most of the test's time). */
    static void publishAll(String bootstrap, List<SmsAccepted> events) {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (SmsAccepted e : events) {
                var env = EventEnvelope.of((io.trunkline.events.TrunklineEvent) e, "/trunkline/test");
                var r = new org.apache.kafka.clients.producer.ProducerRecord<String, String>(env.topic(), env.key(),
                        io.trunkline.events.EventCodec.toJson(e));
                env.headers().toKafkaHeaders().forEach((k, v) -> r.headers().add(k, v));
                producer.send(r);
            }
            producer.flush();
        }
    }

    private static List<Submitted> submitsTo(SandboxSmsc smsc, String destAddr) {
        return smsc.accepted().stream().filter(s -> s.destAddr().equals(destAddr)).toList();
    }

    private Map<String, Long> states(Set<String> ids) {
        return inTx(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = messages.getEntityManager().createNativeQuery(
                    "SELECT message_id, state FROM relay_message").getResultList();
            Map<String, Long> out = new HashMap<>();
            for (Object[] r : rows) {
                if (ids.contains((String) r[0])) {
                    out.merge((String) r[1], 1L, Long::sum);
                }
            }
            return out;
        });
    }

    private String state(String id) {
        return inTx(() -> (String) messages.getEntityManager()
                .createNativeQuery("SELECT state FROM relay_message WHERE message_id = ?1").setParameter(1, id)
                .getSingleResult());
    }

    private List<SmsStatusChanged> awaitStatus(String messageId, SmsStatus status) {
        return TestTopics.await(bootstrap, Topics.SMS_STATUS, SmsStatusChanged.class,
                s -> s.messageId().equals(messageId) && s.status() == status, WAIT).stream()
                .map(EventEnvelope::payload).filter(s -> s.messageId().equals(messageId)).toList();
    }

    private static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
