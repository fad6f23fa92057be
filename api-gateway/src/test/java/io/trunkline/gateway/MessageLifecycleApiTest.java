package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.sendHeyJude;
import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.gateway.service.MessageService;
import io.trunkline.gateway.service.ScheduledMessageDispatcher;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** send_at scheduling, the dispatcher, cancel, validity of scheduled messages and the full status set. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class MessageLifecycleApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    LifecycleDatabase db;

    @Inject
    GatewayDatabase gatewayDb;

    @Inject
    ScheduledMessageDispatcher dispatcher;

    @Inject
    MessageService service;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    static Map<String, Object> scheduled(Instant sendAt, Object... more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("to", "+61412345678", "from", "Trunkline",
                "text", "Merry Christmas", "send_at", sendAt.toString()));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    static Response cancel(String key, String id) {
        return tenant(key).post("/v1/messages/{id}/cancel", id);
    }

    @Test
    void aScheduledMessageWaitsThenGoesOutOnceWhenDue() {
        String[] t = tenantWithKey("Scheduler");
        Instant sendAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        Response r = send(t[1], scheduled(sendAt, "validity", 600));
        r.then().statusCode(202)
                .body("status", equalTo("scheduled"))
                .body("send_at", equalTo(sendAt.toString()))
                .body("validUntil", equalTo(sendAt.plusSeconds(600).toString()));
        String id = r.path("id");
        assertTrue(r.header("Location").endsWith("/v1/messages/" + id));
        // scheduled: stored, but nothing on its way yet
        assertEquals(0, db.acceptedEvents(id));

        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.messageId().equals(id), WAIT);
        SmsAccepted sms = seen.get(seen.size() - 1).payload();
        assertEquals(1, seen.stream().filter(e -> e.payload().messageId().equals(id)).count(), "published once");
        assertEquals(sendAt.plusSeconds(600), sms.validUntil(), "validity counts from send_at");
        assertEquals("Merry Christmas", sms.text());
        assertEquals(t[0], sms.tenantId());
        assertTrue(!Instant.now().isBefore(sendAt), "not before it was due");

        tenant(t[1]).get("/v1/messages/{id}", id).then().statusCode(200)
                .body("status", equalTo("queued"))
                .body("timeline.status", equalTo(List.of("scheduled", "queued")))
                .body("timeline.channel", equalTo(List.of("gateway", "gateway")));
        // once dispatched it is not cancelable, and another run does not send it again
        cancel(t[1], id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/not-cancelable"))
                .body("errors[0].field", equalTo("status"));
        dispatcher.dispatchDue();
        assertEquals(1, db.acceptedEvents(id));
    }

    @Test
    void sendAtMustBeRfc3339InTheFutureAndWithin35Days() {
        String[] t = tenantWithKey("Impatient");
        String key = t[1];
        Instant now = Instant.now();
        for (String bad : List.of("tomorrow", "2026-12-24", "2026-12-24T09:00:00", "",
                now.minusSeconds(5).toString(), now.plus(Duration.ofDays(36)).toString())) {
            send(key, scheduled(now, "send_at", bad)).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("send_at")));
        }
        // other offsets are read as the instant they name
        Instant inADay = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        send(key, scheduled(now, "send_at", inADay.atOffset(java.time.ZoneOffset.ofHours(10)).toString()))
                .then().statusCode(202).body("send_at", equalTo(inADay.toString()));
        send(key, scheduled(now.plus(Duration.ofDays(34))))
                .then().statusCode(202).body("status", equalTo("scheduled"));
        assertEquals(2, gatewayDb.messageCount(t[0]), "nothing stored for the refused ones");
    }

    @Test
    void cancelWhileScheduledThenNeverSent() {
        String[] t = tenantWithKey("Canceller");
        String id = send(t[1], scheduled(Instant.now().plus(Duration.ofDays(1))))
                .then().statusCode(202).extract().path("id");

        cancel(t[1], id).then().statusCode(200)
                .contentType("application/json")
                .body("id", equalTo(id))
                .body("status", equalTo("canceled"))
                .body("timeline.status", equalTo(List.of("scheduled", "canceled")));
        cancel(t[1], id).then().statusCode(409).body("type", endsWith("/not-cancelable"));

        // even when its time comes
        db.reschedule(id, Instant.now().minusSeconds(1), null);
        dispatcher.dispatchDue();
        assertEquals("CANCELED", db.status(id));
        assertEquals(0, db.acceptedEvents(id));
        tenant(t[1]).get("/v1/messages/{id}", id).then().body("status", equalTo("canceled"))
                .body("timeline.status", equalTo(List.of("scheduled", "canceled")));

        // a message sent at once is not cancelable; an unknown id is 404
        String now = sendHeyJude(t[1]);
        cancel(t[1], now).then().statusCode(409).body("type", endsWith("/not-cancelable"))
                .body("detail", org.hamcrest.Matchers.containsString("queued"));
        cancel(t[1], UUID.randomUUID().toString()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aScheduledMessageWhoseValidityEndedBeforeDispatchExpiresUnsent() {
        String[] t = tenantWithKey("Late");
        String id = send(t[1], scheduled(Instant.now().plus(Duration.ofDays(1)), "validity", 60))
                .then().statusCode(202).extract().path("id");
        // the gateway was down from send_at until past the end of the validity
        Instant now = Instant.now();
        db.reschedule(id, now.minusSeconds(120), now.minusSeconds(60));
        await().atMost(WAIT).until(() -> "EXPIRED".equals(db.status(id)));
        assertEquals(0, db.acceptedEvents(id), "an expired message is never sent");
        tenant(t[1]).get("/v1/messages/{id}", id).then().statusCode(200)
                .body("status", equalTo("expired"))
                .body("reason", equalTo("validity ended before the scheduled message could be sent"))
                .body("timeline.status", equalTo(List.of("scheduled", "expired")));
        cancel(t[1], id).then().statusCode(409);
    }

    @Test
    void aCancelWaitsForADispatchInProgressAndThenIsRefused() throws Exception {
        String[] t = tenantWithKey("Racer one");
        String id = send(t[1], scheduled(Instant.now().plus(Duration.ofDays(1))))
                .then().statusCode(202).extract().path("id");
        AtomicReference<Future<Response>> canceling = new AtomicReference<>();
        // a dispatcher's transaction: the row locked (by the update), claimed and queued, not yet committed
        QuarkusTransaction.requiringNew().run(() -> {
            db.rescheduleInTx(id, Instant.now().minusSeconds(1), null);
            dispatcher.dispatchBatch(Instant.now());
            canceling.set(POOL.submit(() -> cancel(t[1], id)));
            await().atMost(WAIT).until(() -> db.lockWaitOn(id));
        });
        canceling.get().get(30, TimeUnit.SECONDS).then().statusCode(409)
                .body("type", endsWith("/not-cancelable"))
                .body("detail", org.hamcrest.Matchers.containsString("queued"));
        assertEquals("QUEUED", db.status(id));
        assertEquals(1, db.acceptedEvents(id));
    }

    @Test
    void aDispatcherSkipsAMessageBeingCanceled() throws Exception {
        String[] t = tenantWithKey("Racer two");
        String id = send(t[1], scheduled(Instant.now().plus(Duration.ofDays(1))))
                .then().statusCode(202).extract().path("id");
        TenantPrincipal principal = new TenantPrincipal(t[0], "Racer two", "AU", List.of("Trunkline"), null);
        QuarkusTransaction.requiringNew().run(() -> {
            db.rescheduleInTx(id, Instant.now().minusSeconds(1), null);
            service.cancel(principal, id);
            // another instance's dispatcher runs now: it must neither wait for the cancel nor send the message
            Future<Integer> run = POOL.submit(() -> dispatcher.dispatchDue());
            try {
                run.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the dispatcher waited on a locked row instead of skipping it", e);
            }
        });
        dispatcher.dispatchDue();
        assertEquals("CANCELED", db.status(id));
        assertEquals(0, db.acceptedEvents(id));
    }

    @Test
    void anIdempotentScheduledSendReplaysTheFirstAnswer() {
        String[] t = tenantWithKey("Idem scheduled");
        String body = "{\"to\":\"+61412345678\",\"from\":\"Trunkline\",\"text\":\"later\",\"send_at\":\""
                + Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS) + "\"}";
        Response first = tenant(t[1]).header("Idempotency-Key", "sched-1").contentType(ContentType.JSON).body(body)
                .post("/v1/messages");
        first.then().statusCode(202).body("status", equalTo("scheduled"));
        String id = first.path("id");
        cancel(t[1], id).then().statusCode(200);
        Response again = tenant(t[1]).header("Idempotency-Key", "sched-1").contentType(ContentType.JSON).body(body)
                .post("/v1/messages");
        again.then().statusCode(202).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString(), "the first answer, byte for byte");
        assertEquals(1, gatewayDb.messageCount(t[0]));
        assertEquals(0, db.acceptedEvents(id));
    }

    @Test
    void sendingAndPartiallyDeliveredAreRankedAndShown() {
        String[] t = tenantWithKey("Multipart");
        String id = sendHeyJude(t[1]);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestTopics.publish(bootstrap, new SmsStatusChanged(id, t[0], SmsStatus.SENDING, "smpp", null, null, null, base));
        TestTopics.publish(bootstrap, new SmsStatusChanged(id, t[0], SmsStatus.PARTIALLY_DELIVERED, "smpp", "c-1",
                "0x0B", "2 of 3 parts delivered", base.plusSeconds(3)));
        // the SENT of the same message arrives late: recorded, but the status stays
        EventEnvelope<TrunklineEvent> late = TestTopics.publish(bootstrap,
                new SmsStatusChanged(id, t[0], SmsStatus.SENT, "smpp", "c-1", null, null, base.plusSeconds(1)));
        gatewayDb.awaitProcessed(late.headers().id());
        tenant(t[1]).get("/v1/messages/{id}", id).then().statusCode(200)
                .body("status", equalTo("partially_delivered"))
                .body("errorCode", equalTo("0x0B"))
                .body("timeline.status", equalTo(List.of("queued", "sending", "sent", "partially_delivered")))
                .body("timeline[1].errorCode", nullValue())
                .body("timeline[3].errorCode", equalTo("0x0B"))
                .body("timeline[3].reason", equalTo("2 of 3 parts delivered"));
        tenant(t[1]).queryParam("status", "partially_delivered").get("/v1/messages").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void aPollOfReportsIsAppliedAsIfOneByOne() {
        String[] t = tenantWithKey("Batch reports");
        String[] other = tenantWithKey("Batch reports other");
        String a = sendHeyJude(t[1]);
        String b = sendHeyJude(t[1]);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope<SmsStatusChanged> aDelivered = EventEnvelope.of(new SmsStatusChanged(a, t[0],
                SmsStatus.DELIVERED, "smpp", "c-a", null, null, base.plusSeconds(2)), "/trunkline/test");
        EventEnvelope<SmsStatusChanged> last = EventEnvelope.of(new SmsStatusChanged(b, t[0], SmsStatus.SENT, "smpp",
                "c-b", null, null, base.plusSeconds(1)), "/trunkline/test");
        TestTopics.publishAll(bootstrap, List.of(
                EventEnvelope.of(new SmsStatusChanged(a, t[0], SmsStatus.SENT, "smpp", "c-a", null, null,
                        base.plusSeconds(1)), "/trunkline/test"),
                aDelivered,
                // the same step re-published under a new event id: recorded once
                EventEnvelope.of(new SmsStatusChanged(a, t[0], SmsStatus.SENT, "smpp", "c-a", null, null,
                        base.plusSeconds(1)), "/trunkline/test"),
                // the same event twice (a redelivery): applied once
                aDelivered,
                // another tenant's report about this tenant's message, and one about no message at all: ignored
                EventEnvelope.of(new SmsStatusChanged(b, other[0], SmsStatus.FAILED, "smpp", null, "0x45", "forged",
                        base.plusSeconds(1)), "/trunkline/test"),
                EventEnvelope.of(new SmsStatusChanged(UUID.randomUUID().toString(), t[0], SmsStatus.DELIVERED, "smpp",
                        null, null, null, base), "/trunkline/test"),
                // B's receipt overtakes its submit outcome: delivered stays, sent is recorded below it
                EventEnvelope.of(new SmsStatusChanged(b, t[0], SmsStatus.DELIVERED, "smpp", "c-b", null, null,
                        base.plusSeconds(2)), "/trunkline/test"),
                last));
        gatewayDb.awaitProcessed(last.headers().id());
        tenant(t[1]).get("/v1/messages/{id}", a).then().statusCode(200)
                .body("status", equalTo("delivered"))
                .body("timeline.status", equalTo(List.of("queued", "sent", "delivered")));
        tenant(t[1]).get("/v1/messages/{id}", b).then().statusCode(200)
                .body("status", equalTo("delivered"))
                .body("errorCode", nullValue())
                .body("timeline.status", equalTo(List.of("queued", "sent", "delivered")));
    }
}
