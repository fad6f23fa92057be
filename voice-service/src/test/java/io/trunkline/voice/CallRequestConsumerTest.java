package io.trunkline.voice;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.CallKind;
import io.trunkline.events.CallRequested;
import io.trunkline.events.CallStatus;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.EventType;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;
import io.trunkline.voice.repository.CallSessionRepository;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "voice_test"))
class CallRequestConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CallSessionRepository sessions;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void readyWhenKafkaAndDatabaseAreUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP")); // k8s startupProbe
        given().get("/q/metrics").then().statusCode(200);
        // the operator's endpoints say so in the document, so Swagger UI and generated clients send the token
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.operatorToken.scheme", equalTo("bearer"))
                .body("paths.'/v1/calls'.post.security[0].operatorToken", notNullValue())
                .body("paths.'/v1/calls'.post.responses.'401'.content.'application/problem+json'",
                        notNullValue());
    }

    @Test
    void aRequestedCallIsStoredQueuedAndAnnounced() {
        CallRequested call = call(CallKind.SMS_TO_CALL);
        TestTopics.publish(bootstrap, call);

        List<EventEnvelope<CallStatusChanged>> seen = TestTopics.await(bootstrap, Topics.CALL_STATUS,
                CallStatusChanged.class, s -> s.callId().equals(call.callId()), WAIT);
        EventEnvelope<CallStatusChanged> queued = seen.get(seen.size() - 1);
        assertEquals(CallStatus.QUEUED, queued.payload().status());
        assertEquals("tenant-v", queued.payload().tenantId());
        assertEquals(call.callId(), queued.key());
        assertEquals("/trunkline/voice-service", queued.headers().source());
        assertEquals("tenant-v", queued.headers().tenantId());

        inTx(() -> {
            CallSession s = sessions.findById(call.callId());
            assertNotNull(s, "call session stored");
            assertEquals(CallStatus.QUEUED, s.state);
            assertEquals(CallKind.SMS_TO_CALL, s.kind);
            assertEquals("tenant-v", s.tenantId);
            assertEquals("[\"+27115550001\"]", s.agents);
            assertEquals("[\"+27821234567\",\"+27821234568\"]", s.customers);
            assertEquals("+27115550000", s.callerId);
            assertEquals("ref-1", s.reference);
            assertNotNull(s.createdAt);
            return null;
        });
    }

    @Test
    void aRedeliveredRequestIsStoredAndAnnouncedOnce() {
        CallRequested call = call(CallKind.CLICK_TO_CALL);
        EventEnvelope<TrunklineEvent> first = TestTopics.publish(bootstrap, call);
        TestTopics.publish(bootstrap, first); // redelivery: same ce_id
        TestTopics.publish(bootstrap, call); // the same call re-published under a new ce_id
        CallRequested marker = call(CallKind.FOLLOW_ME);
        TestTopics.publish(bootstrap, marker);

        await().atMost(WAIT).until(() -> inTx(() -> sessions.findById(marker.callId()) != null));
        awaitNothingLeftToConsume(); // all three deliveries of the call have been handled, not only the marker

        inTx(() -> {
            assertEquals(1, sessions.count("callId", call.callId()));
            Number announced = (Number) em.createNativeQuery(
                    "SELECT COUNT(*) FROM outbox_event WHERE topic = ?1 AND record_key = ?2")
                    .setParameter(1, Topics.CALL_STATUS)
                    .setParameter(2, call.callId())
                    .getSingleResult();
            assertEquals(1, announced.intValue(), "one QUEUED status for the call");
            return null;
        });
    }

    @Test
    void voiceSendsNoCallbacksOfItsOwnByDefaultSoTheGatewaysSignedOneIsTheOnlyOne() {
        CallRequested call = new CallRequested(UUID.randomUUID().toString(), "tenant-v", CallKind.CLICK_TO_CALL,
                List.of("+27115550001"), List.of("+27821234567"), null, null, null, null, "ref-cb",
                "https://tenant.example/hooks/calls", Instant.now().plusSeconds(300), Instant.now());
        TestTopics.publish(bootstrap, call);
        TestTopics.await(bootstrap, Topics.CALL_STATUS, CallStatusChanged.class,
                s -> s.callId().equals(call.callId()), WAIT);
        inTx(() -> {
            assertEquals("https://tenant.example/hooks/calls", sessions.findById(call.callId()).statusCallback,
                    "kept with the call");
            Number callbacks = (Number) em.createNativeQuery("SELECT COUNT(*) FROM status_callback WHERE call_id = ?1")
                    .setParameter(1, call.callId()).getSingleResult();
            assertEquals(0, callbacks.intValue(), "trunkline.voice.callbacks.enabled is false by default");
            return null;
        });
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopic() {
        String id = TestTopics.publishUnreadable(bootstrap, EventType.CALL_REQUESTED);
        TestTopics.awaitDeadLettered(bootstrap, Topics.CALL_REQUESTS, id, WAIT);
        assertEquals(0, inTx(() -> sessions.count("callId", id)));
    }

    /** Waits until the service's consumer group has committed every record on call.requests (lag 0). */
    private void awaitNothingLeftToConsume() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("voice-service").partitionsToOffsetAndMetadata().get();
                List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.CALL_REQUESTS))
                        .allTopicNames().get().get(Topics.CALL_REQUESTS).partitions().stream()
                        .map(i -> new TopicPartition(Topics.CALL_REQUESTS, i.partition())).toList();
                Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get()
                        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                return ends.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    return e.getValue() == 0 || (c != null && c.offset() >= e.getValue());
                });
            });
        }
    }

    private static CallRequested call(CallKind kind) {
        return new CallRequested(UUID.randomUUID().toString(), "tenant-v", kind, List.of("+27115550001"),
                List.of("+27821234567", "+27821234568"), "+27115550000", null, null, null, "ref-1", null,
                Instant.now().plusSeconds(300), Instant.now());
    }

    private static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
