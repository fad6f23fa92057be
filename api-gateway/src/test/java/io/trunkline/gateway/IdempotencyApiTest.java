package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.gateway.service.IdempotencyService;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

/** Idempotency-Key on POST /v1/messages, over the real database and broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class IdempotencyApiTest {
    static final String BODY = "{\"to\":\"+61412345678\",\"from\":\"Trunkline\",\"text\":\"Hey Jude\",\"reference\":\"r1\"}";
    /** The same request, its fields in another order and other whitespace. */
    static final String SAME_BODY_REORDERED = "{ \"reference\": \"r1\", \"text\": \"Hey Jude\",\n \"from\": \"Trunkline\", "
            + "\"to\": \"+61412345678\" }";

    @Inject
    GatewayDatabase db;

    @Inject
    IdempotencyService idempotency;

    static Response send(String apiKey, String idemKey, String json) {
        return tenant(apiKey).header("Idempotency-Key", idemKey).contentType(ContentType.JSON).body(json)
                .post("/v1/messages");
    }

    @Test
    void sameKeyAndBodyReplaysTheFirstAnswerAndSendsOnce() {
        String[] t = tenantWithKey("Idem replay");
        Response first = send(t[1], "order-1", BODY);
        first.then().statusCode(202).contentType("application/json").body("status", equalTo("queued"));
        assertNull(first.header("Idempotent-Replayed"));
        String id = first.path("id");

        for (String body : List.of(BODY, SAME_BODY_REORDERED)) {
            Response again = send(t[1], "order-1", body);
            again.then().statusCode(202).contentType("application/json").header("Idempotent-Replayed", "true");
            assertEquals(first.asString(), again.asString(), "the first answer's body, byte for byte");
            assertEquals(first.header("Location"), again.header("Location"));
            assertTrue(again.header("Location").endsWith("/v1/messages/" + id));
        }
        assertEquals(1, db.messageCount(t[0]), "one message");
        assertEquals(1, db.acceptedEventCount(t[0]), "one SmsAccepted");
        assertEquals(1, db.idempotencyKeyCount(t[0], "order-1"));
    }

    @Test
    void sameKeyWithAnotherBodyIs409NamingTheHeader() {
        String[] t = tenantWithKey("Idem conflict");
        send(t[1], "k-2", BODY).then().statusCode(202);
        send(t[1], "k-2", BODY.replace("Hey Jude", "Hey Judy")).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(1, db.messageCount(t[0]));
        assertEquals(1, db.acceptedEventCount(t[0]));
    }

    @Test
    void keysArePerTenant() {
        String[] a = tenantWithKey("Idem A");
        String[] b = tenantWithKey("Idem B");
        String idA = send(a[1], "shared-key", BODY).then().statusCode(202).extract().path("id");
        Response rb = send(b[1], "shared-key", BODY);
        rb.then().statusCode(202);
        assertNull(rb.header("Idempotent-Replayed"));
        assertNotEquals(idA, rb.path("id"));
        assertEquals(1, db.messageCount(a[0]));
        assertEquals(1, db.messageCount(b[0]));
    }

    @Test
    void aRefusedRequestLeavesNoKeySoItCanBeCorrected() {
        String[] t = tenantWithKey("Idem refused");
        send(t[1], "k-fix", BODY.replace("+61412345678", "12")).then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        assertEquals(0, db.idempotencyKeyCount(t[0], "k-fix"));
        send(t[1], "k-fix", BODY).then().statusCode(202);
        assertEquals(1, db.messageCount(t[0]));
    }

    @Test
    void anUnusableKeyIs400NamingTheHeader() {
        String[] t = tenantWithKey("Idem bad key");
        for (String bad : List.of("", "x".repeat(256), "two words")) {
            send(t[1], bad, BODY).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("Idempotency-Key"));
        }
        assertEquals(0, db.messageCount(t[0]));
    }

    @Test
    void concurrentRequestsWithOneKeyMakeExactlyOneMessage() throws Exception {
        String[] t = tenantWithKey("Idem race");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Response> c = () -> {
                    start.await();
                    return send(t[1], "race", BODY);
                };
                answers.add(pool.submit(c));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int accepted = 0;
            for (Future<Response> f : answers) {
                Response r = f.get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 202) {
                    accepted++;
                    ids.add(r.path("id"));
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                    assertEquals("Idempotency-Key", r.path("errors[0].field"));
                }
            }
            assertTrue(accepted >= 1);
            assertEquals(1, ids.size(), "every 202 names the same message: " + ids);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, db.messageCount(t[0]));
        assertEquals(1, db.acceptedEventCount(t[0]));
    }

    @Test
    void keysAreKeptADayThenPurged() {
        String[] t = tenantWithKey("Idem purge");
        String oldId = send(t[1], "old", BODY).then().statusCode(202).extract().path("id");
        send(t[1], "young", BODY).then().statusCode(202);
        db.ageIdempotencyKey(t[0], "old", 25);
        db.ageIdempotencyKey(t[0], "young", 23);

        idempotency.purge();
        assertEquals(0, db.idempotencyKeyCount(t[0], "old"));
        assertEquals(1, db.idempotencyKeyCount(t[0], "young"), "a key younger than 24 h stays");
        send(t[1], "young", BODY).then().statusCode(202).header("Idempotent-Replayed", "true");
        // after the purge the old key is new again
        String again = send(t[1], "old", BODY).then().statusCode(202).extract().path("id");
        assertNotEquals(oldId, again);
        assertEquals(3, db.messageCount(t[0]));
    }
}
