package io.trunkline.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.CallStatus;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.Topics;
import io.trunkline.platform.messaging.Inbox;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.platform.outbox.OutboxRepository;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MySqlTestResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "database", value = "platform_test"))
class OutboxInboxTest {
    @Inject
    Outbox outbox;
    @Inject
    Inbox inbox;
    @Inject
    OutboxRepository outboxRecords;
    @Inject
    EntityManager em;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void committedEventIsPublishedWithItsCloudEventsHeadersAndRolledBackOneIsNot() {
        CallStatusChanged rolledBack = event();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(rolledBack);
            throw new IllegalStateException("business rule failed after the publish");
        }));
        CallStatusChanged committed = event();
        EventEnvelope<CallStatusChanged> sent = QuarkusTransaction.requiringNew().call(() -> outbox.publish(committed));

        var seen = TestTopics.await(bootstrap, Topics.CALL_STATUS, CallStatusChanged.class,
                e -> e.callId().equals(committed.callId()), Duration.ofSeconds(20));
        var last = seen.get(seen.size() - 1);
        assertEquals(committed, last.payload());
        assertEquals(sent.headers().id(), last.headers().id());
        assertEquals("/trunkline/platform-test", last.headers().source());
        assertEquals("tenant-p", last.headers().tenantId());
        assertEquals(committed.callId(), last.key());
        assertTrue(seen.stream().noneMatch(e -> e.payload().callId().equals(rolledBack.callId())),
                "a rolled-back event never leaves");
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> outboxRecords.count("eventId", "none") +
                outboxRecords.count("recordKey = ?1 and publishedAt is null", committed.callId())));
    }

    @Test
    void readyWhileBrokerAndDatabaseAnswer() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Kafka broker' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    @Test
    void inboxAcceptsAnEventIdOncePerHandler() {
        String id = UUID.randomUUID().toString();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(id)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(id)));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("other-handler", id)));
        // a mark made in a rolled-back transaction is not kept
        String undone = UUID.randomUUID().toString();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            inbox.firstDelivery(undone);
            throw new IllegalStateException("handler failed");
        }));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(undone)));
    }

    @Test
    void inboxMarksABatchAtOnceAndAnswersPerPosition() {
        String seen = UUID.randomUUID().toString();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> inbox.firstDelivery(seen));
        boolean[] first = QuarkusTransaction.requiringNew().call(
                () -> inbox.firstDeliveries(java.util.List.of(a, seen, b, a)));
        // already marked: not new; repeated in the batch: new only where it first appears
        assertEquals("[true, false, true, false]", java.util.Arrays.toString(first));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(a)));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(b)));
        assertEquals("[false, false]", java.util.Arrays.toString(
                QuarkusTransaction.requiringNew().call(() -> inbox.firstDeliveries(java.util.List.of(a, b)))));
        // the batch's marks roll back with its transaction
        String undone = UUID.randomUUID().toString();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            inbox.firstDeliveries(java.util.List.of(undone));
            throw new IllegalStateException("handler failed");
        }));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(undone)));
    }

    /**
     * Another delivery (a rebalance's overlap) marks one of a batch's events between the batch's read and its insert:
     * the batch throws, so its transaction rolls back whole, and one by one the event already handled is refused and
     * the other one is new.
     */
    @Test
    void aBatchThatAnotherDeliveryOvertookThrowsAndOneByOneDecides() throws Exception {
        String overtaken = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        java.util.concurrent.CountDownLatch marked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService rival = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Boolean> first = rival.submit(() -> QuarkusTransaction.requiringNew()
                    .call(() -> {
                        boolean mine = inbox.firstDelivery(overtaken);
                        marked.countDown();
                        commit.await(); // uncommitted: the batch's read does not see it, its insert waits on it
                        return mine;
                    }));
            assertTrue(marked.await(10, java.util.concurrent.TimeUnit.SECONDS));
            java.util.concurrent.CompletableFuture<boolean[]> batch = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> QuarkusTransaction.requiringNew()
                            .call(() -> inbox.firstDeliveries(java.util.List.of(other, overtaken))));
            Thread.sleep(300); // the batch reaches its INSERT and waits for the rival's row lock
            commit.countDown();
            assertTrue(first.get(10, java.util.concurrent.TimeUnit.SECONDS), "the rival delivery was first");

            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> batch.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("one by one"), failed.getCause().toString());
            // nothing of the batch was kept: one by one, the overtaken event is refused and the other is new
            assertFalse(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(overtaken)));
            assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(other)));
        } finally {
            commit.countDown();
            rival.shutdownNow();
        }
    }

    @Test
    void oldInboxMarksArePurged() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            inbox.firstDelivery(old);
            inbox.firstDelivery(recent);
            em.createNativeQuery("UPDATE processed_event SET processed_at = ?1 WHERE event_id = ?2")
                    .setParameter(1, java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(30))))
                    .setParameter(2, old).executeUpdate();
        });
        int purged = QuarkusTransaction.requiringNew()
                .call(() -> outboxRecords.purgeProcessedBefore(Instant.now().minus(Duration.ofDays(14))));
        assertTrue(purged >= 1);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(old)), "forgotten after retention");
        assertFalse(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(recent)), "recent mark kept");
    }

    private static CallStatusChanged event() {
        return new CallStatusChanged(UUID.randomUUID().toString(), "tenant-p", CallStatus.QUEUED, null, null, Instant.now());
    }
}
