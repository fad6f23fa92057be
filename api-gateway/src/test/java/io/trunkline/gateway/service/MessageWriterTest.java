package io.trunkline.gateway.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.Topics;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.rest.SendMessageRequest;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * The group-commit writer of single sends: many concurrent sends are each stored and published exactly once, and a
 * batch with a message that cannot be stored still stores the others.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class MessageWriterTest {
    private static final String OPERATOR = "Bearer dev-operator-token";

    @Inject
    MessageWriter writer;

    @Inject
    MessageService messages;

    @Inject
    EntityManager em;

    @Inject
    OptOutService optOuts;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void concurrentSendsAreEachStoredAndPublishedOnce() throws Exception {
        String[] tenant = tenantWithKey("Group commit");
        int sends = 120;
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<io.restassured.response.Response>> answers = new ArrayList<>();
        for (int i = 0; i < sends; i++) {
            String to = "+614123" + String.format("%05d", i);
            answers.add(pool.submit(() -> given().header("Authorization", "Bearer " + tenant[1])
                    .contentType(ContentType.JSON)
                    .body(Map.of("to", to, "from", "Trunkline", "text", "batch " + to))
                    .post("/v1/messages")));
        }
        Set<String> ids = new HashSet<>();
        for (Future<io.restassured.response.Response> a : answers) {
            io.restassured.response.Response r = a.get(60, TimeUnit.SECONDS);
            assertEquals(202, r.statusCode(), r.asString());
            ids.add(r.path("id"));
            assertTrue(r.header("Location").endsWith("/v1/messages/" + r.path("id")), r.header("Location"));
        }
        pool.shutdown();
        assertEquals(sends, ids.size(), "every send has its own message");
        assertEquals(sends, count("SELECT COUNT(*) FROM sms_message WHERE tenant_id = ?1 AND status = 'QUEUED'",
                tenant[0]));
        assertEquals(sends, count("SELECT COUNT(*) FROM sms_status_history h JOIN sms_message m ON m.id = h.message_id "
                + "WHERE m.tenant_id = ?1 AND h.status = 'QUEUED' AND h.channel = 'gateway'", tenant[0]));
        assertEquals(sends, count("SELECT COUNT(*) FROM outbox_event WHERE tenant_id = ?1 AND topic = 'sms.outbound'",
                tenant[0]));

        // on the broker: each accepted message once
        Set<String> published = new HashSet<>();
        List<String> repeats = new ArrayList<>();
        TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class, a -> {
            if (ids.contains(a.messageId()) && !published.add(a.messageId())) {
                repeats.add(a.messageId());
            }
            return published.size() == sends;
        }, Duration.ofSeconds(60));
        assertEquals(ids, published);
        assertTrue(repeats.isEmpty(), "published twice: " + repeats);
    }

    @Test
    void aBatchWithAMessageThatCannotBeStoredStoresTheOthers() throws Exception {
        String[] tenant = tenantWithKey("Batch isolation");
        TenantPrincipal good = new TenantPrincipal(tenant[0], "Batch isolation", "AU", List.of("Trunkline"), "k");
        // no such tenant: its row breaks the message's foreign key, so the batch's transaction fails
        TenantPrincipal ghost = new TenantPrincipal("00000000-0000-0000-0000-000000000000", "Ghost", "AU",
                List.of("Trunkline"), "k");
        List<MessageWriter.Pending> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TenantPrincipal who = i == 2 ? ghost : good;
            SendMessageRequest request = new SendMessageRequest("+6141230" + (1000 + i), "Trunkline", "isolated " + i,
                    null, null, null);
            batch.add(new MessageWriter.Pending(who, request, messages.validate(good, request), "smpp:sandbox",
                    new CompletableFuture<>(), null));
        }

        writer.write(batch);

        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<SmsMessage> done = batch.get(i).done();
            assertTrue(done.isDone(), "answered: " + i);
            if (i == 2) {
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        done::get);
                ProblemException p = assertInstanceOf(ProblemException.class, e.getCause());
                assertEquals(503, p.problem().status());
                assertEquals(1L, p.retryAfterSeconds());
            } else {
                SmsMessage m = done.get();
                assertEquals(1, count("SELECT COUNT(*) FROM sms_message WHERE id = ?1", m.id));
                assertEquals(1, count("SELECT COUNT(*) FROM outbox_event WHERE record_key = ?1", m.id));
            }
        }
        assertEquals(4, count("SELECT COUNT(*) FROM sms_message WHERE tenant_id = ?1", tenant[0]));
        assertEquals(0, count("SELECT COUNT(*) FROM sms_message WHERE tenant_id = ?1", ghost.tenantId()));
    }

    @Test
    void aBatchRefusesTheOptedOutRecipientsOfItsOwnTenantOnly() throws Exception {
        String[] a = tenantWithKey("Opt-out batch A");
        String[] b = tenantWithKey("Opt-out batch B");
        TenantPrincipal ta = new TenantPrincipal(a[0], "Opt-out batch A", "AU", List.of("Trunkline"), "k");
        TenantPrincipal tb = new TenantPrincipal(b[0], "Opt-out batch B", "AU", List.of("Trunkline"), "k");
        String stopped = "+61412399001";
        optOuts.optOut(a[0], stopped, "test");
        // two sends of A to its opted-out number (one query must answer both), one of A elsewhere, and B's send to
        // the number A's recipient stopped: that is A's opt-out, not B's
        TenantPrincipal[] who = { ta, ta, ta, tb };
        String[] to = { stopped, stopped, "+61412399002", stopped };
        List<MessageWriter.Pending> batch = new ArrayList<>();
        for (int i = 0; i < who.length; i++) {
            SendMessageRequest request = new SendMessageRequest(to[i], "Trunkline", "opt-out " + i, null, null, null);
            batch.add(new MessageWriter.Pending(who[i], request, messages.validate(who[i], request, false), "smpp:sandbox",
                    new CompletableFuture<>(), null));
        }

        writer.write(batch);

        for (int i : new int[] { 0, 1 }) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    batch.get(i).done()::get);
            ProblemException p = assertInstanceOf(ProblemException.class, e.getCause());
            assertEquals(400, p.problem().status());
            assertEquals("to", p.problem().errors().get(0).field());
        }
        assertEquals("+61412399002", batch.get(2).done().get().recipient);
        assertEquals(stopped, batch.get(3).done().get().recipient);
        assertEquals(1, count("SELECT COUNT(*) FROM sms_message WHERE tenant_id = ?1", a[0]));
        assertEquals(0, count("SELECT COUNT(*) FROM sms_message WHERE recipient = '" + stopped + "' AND tenant_id = ?1",
                a[0]));
        assertEquals(1, count("SELECT COUNT(*) FROM sms_message WHERE tenant_id = ?1", b[0]));
    }

    private long count(String sql, String param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, param).getSingleResult()).longValue());
    }

    private static String[] tenantWithKey(String name) {
        String id = given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("name", name, "defaultRegion", "AU", "senderIds", List.of("Trunkline")))
                .post("/v1/operator/tenants").then().statusCode(201).extract().path("id");
        String key = given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("name", "test")).post("/v1/operator/tenants/" + id + "/keys")
                .then().statusCode(201).extract().path("key");
        return new String[] { id, key };
    }
}
