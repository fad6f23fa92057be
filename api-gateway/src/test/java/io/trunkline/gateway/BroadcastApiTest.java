package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.events.BalanceChanged;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.gateway.config.BroadcastConfig;
import io.trunkline.gateway.service.BroadcastDispatcher;
import io.trunkline.gateway.service.OptOutService;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class BroadcastApiTest {
    private static final Duration WAIT = Duration.ofMinutes(3);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    BroadcastTestDatabase db;

    @Inject
    GatewayDatabase gateway;

    @Inject
    OptOutService optOuts;

    @Inject
    BroadcastDispatcher dispatcher;

    @Inject
    BroadcastConfig config;

    static Response broadcast(String key, Map<String, ?> body) {
        return tenant(key).contentType(ContentType.JSON).body(body).post("/v1/broadcasts");
    }

    /** Distinct valid Australian mobile numbers +614120xxxxx.. from {@code start}. */
    static List<String> numbers(int start, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = start; i < start + count; i++) {
            out.add(String.format("+61412%06d", i));
        }
        return out;
    }

    static String tomorrow() {
        return Instant.now().plus(Duration.ofDays(1)).toString();
    }

    void awaitCompleted(String key, String id) {
        await().atMost(WAIT).until(() -> "completed".equals(tenant(key).get("/v1/broadcasts/{id}", id).path("status")));
    }

    @Test
    void aHundredThousandInlineNumbersAreAcceptedInOneRequest() {
        String[] t = tenantWithKey("Bulk100k");
        List<String> to = numbers(0, 100_000);
        // scheduled for tomorrow, so the test does not wait for (or trigger) 100,000 sends
        // storing 100,000 rows can take longer than the default test timeout on a busy machine
        RestAssuredConfig slow = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 600_000).setParam("http.connection.timeout", 60_000));
        Response r = tenant(t[1]).config(slow).contentType(ContentType.JSON)
                .body(Map.of("from", "Trunkline", "text", "Big sale", "to", to, "send_at", tomorrow()))
                .post("/v1/broadcasts");
        r.then().statusCode(202)
                .body("status", equalTo("queued"))
                .body("total", equalTo(100_000))
                .body("counts.pending", equalTo(100_000))
                .body("counts.invalid", equalTo(0))
                .body("errors_total", equalTo(0));
        String id = r.path("id");
        assertTrue(r.header("Location").endsWith("/v1/broadcasts/" + id));
        assertEquals(100_000, db.recipients(id));
        assertEquals(100_000, db.recipients(id, "pending"));

        tenant(t[1]).config(slow).post("/v1/broadcasts/{id}/cancel", id).then().statusCode(200)
                .body("status", equalTo("canceled"))
                .body("counts.canceled", equalTo(100_000))
                .body("counts.pending", equalTo(0))
                .body("canceledAt", notNullValue());
        assertEquals(0, dispatcher.dispatchBatch(id));
        assertEquals(0, gateway.messageCount(t[0]));
    }

    @Test
    void aSmallBroadcastIsDispatchedAndEveryMessageAcceptedExactlyOnce() {
        String[] t = tenantWithKey("Small");
        List<String> to = numbers(1000, 50);
        Response r = broadcast(t[1], Map.of("from", "Trunkline", "text", "Hello all", "to", to, "reference", "promo-7"));
        r.then().statusCode(202).body("total", equalTo(50));
        String id = r.path("id");
        awaitCompleted(t[1], id);

        List<String> ids = db.messageIds(id);
        assertEquals(50, ids.size());
        assertEquals(50, new HashSet<>(ids).size());
        assertEquals(50, gateway.messageCount(t[0]));
        assertEquals(50, db.acceptedEvents(id), "one SmsAccepted per message in the outbox");

        Set<String> pending = new HashSet<>(ids);
        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> {
                    pending.remove(e.messageId());
                    return pending.isEmpty();
                }, WAIT);
        Map<String, Integer> times = new HashMap<>();
        for (EventEnvelope<SmsAccepted> e : seen) {
            if (ids.contains(e.payload().messageId())) {
                times.merge(e.payload().messageId(), 1, Integer::sum);
                assertEquals("Hello all", e.payload().text());
                assertEquals("promo-7", e.payload().reference());
                assertEquals(t[0], e.payload().tenantId());
            }
        }
        assertEquals(50, times.size());
        assertTrue(times.values().stream().allMatch(n -> n == 1), "each message published once: " + times);

        tenant(t[1]).get("/v1/broadcasts/{id}", id).then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("completedAt", notNullValue())
                .body("counts.queued", equalTo(50))
                .body("counts.pending", equalTo(0));

        // progress follows the receipts
        EventEnvelope<TrunklineEvent> delivered = TestTopics.publish(bootstrap, new SmsStatusChanged(ids.get(0), t[0],
                SmsStatus.DELIVERED, "smpp", "c-1", null, null, Instant.now()));
        EventEnvelope<TrunklineEvent> failed = TestTopics.publish(bootstrap, new SmsStatusChanged(ids.get(1), t[0],
                SmsStatus.FAILED, "smpp", "c-2", "88", "rejected by carrier", Instant.now()));
        gateway.awaitProcessed(delivered.headers().id());
        gateway.awaitProcessed(failed.headers().id());
        tenant(t[1]).get("/v1/broadcasts/{id}", id).then()
                .body("counts.delivered", equalTo(1))
                .body("counts.failed", equalTo(1))
                .body("counts.queued", equalTo(48));

        // a completed broadcast has nothing left to cancel
        tenant(t[1]).post("/v1/broadcasts/{id}/cancel", id).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void invalidDuplicateAndOptedOutRowsAreReportedPerRowAndTheRestIsSent() {
        String[] t = tenantWithKey("Rows");
        optOuts.optOut(t[0], "+61412300003", "test");
        List<Object> to = new ArrayList<>();
        to.add("+61412300001");                 // row 1: sent
        to.add("12345");                        // row 2: invalid
        to.add("+61412300003");                 // row 3: opted out
        to.add("0412300001");                   // row 4: national, the same as row 1
        to.add(Map.of("number", "0412300005")); // row 5: sent (national, read in AU)
        to.add(Map.of("fields", Map.of()));     // row 6: no number
        Response r = broadcast(t[1], Map.of("from", "Trunkline", "text", "Hi", "to", to));
        r.then().statusCode(202)
                .body("total", equalTo(6))
                .body("counts.invalid", equalTo(2))
                .body("counts.duplicate", equalTo(1))
                .body("counts.opted_out", equalTo(1))
                .body("errors_total", equalTo(4))
                .body("errors.row", equalTo(List.of(2, 3, 4, 6)))
                .body("errors.code", equalTo(List.of("invalid_number", "opted_out", "duplicate", "invalid_number")))
                .body("errors[0].value", equalTo("12345"))
                .body("errors[0].reason", containsString("not a valid phone number"))
                .body("errors[2].reason", containsString("row 1"));
        String id = r.path("id");
        awaitCompleted(t[1], id);
        assertEquals(2, db.messageIds(id).size());
        assertEquals("Hi", db.textTo(id, "+61412300005"));

        // the full report, a page at a time
        Response p1 = tenant(t[1]).get("/v1/broadcasts/{id}/errors?size=3", id);
        p1.then().statusCode(200).body("items.row", equalTo(List.of(2, 3, 4))).body("next_cursor", notNullValue());
        tenant(t[1]).get("/v1/broadcasts/{id}/errors?size=3&cursor=" + p1.path("next_cursor"), id).then()
                .statusCode(200).body("items.row", equalTo(List.of(6))).body("next_cursor", nullValue());
    }

    @Test
    void templateFieldsAreRenderedPerRecipientAndMissingFieldsReported() {
        String[] t = tenantWithKey("Templates");
        List<Object> to = List.of(
                Map.of("number", "+61412400001", "fields", Map.of("first_name", "Ann", "code", 42)),
                Map.of("number", "+61412400002", "fields", Map.of("first_name", "Bob")),
                Map.of("number", "+61412400003", "fields", Map.of("code", "7")),
                "+61412400004",
                Map.of("number", "+61412400005", "fields", Map.of("first_name", "x".repeat(2000))));
        Response r = broadcast(t[1], Map.of("from", "Trunkline", "template", "Hi {{first_name}}, code {{ code|none }}",
                "to", to));
        r.then().statusCode(202)
                .body("template", equalTo("Hi {{first_name}}, code {{ code|none }}"))
                .body("text", nullValue())
                .body("counts.invalid", equalTo(3))
                .body("errors.row", equalTo(List.of(3, 4, 5)))
                .body("errors.code", equalTo(List.of("missing_field", "missing_field", "invalid_text")))
                .body("errors[0].reason", containsString("first_name"))
                .body("errors[2].reason", containsString("too long"));
        String id = r.path("id");
        awaitCompleted(t[1], id);
        assertEquals("Hi Ann, code 42", db.textTo(id, "+61412400001"));
        assertEquals("Hi Bob, code none", db.textTo(id, "+61412400002"));
    }

    @Test
    void aContactListBroadcastSendsToItsMembersWithTheirFields() {
        String[] t = tenantWithKey("ListSender");
        String listId = tenant(t[1]).contentType(ContentType.JSON).body(Map.of("name", "vip"))
                .post("/v1/contact-lists").then().statusCode(201).extract().path("id");
        tenant(t[1]).contentType("text/csv").body("number,first_name\n+61412500001,Ann\n0412500002,Bob\n")
                .post("/v1/contact-lists/{id}/import", listId).then().statusCode(200).body("imported", equalTo(2));
        tenant(t[1]).contentType(ContentType.JSON).body(Map.of("number", "+61412500003"))
                .post("/v1/contact-lists/{id}/contacts", listId).then().statusCode(201);

        Response r = broadcast(t[1], Map.of("from", "Trunkline", "template", "Dear {{first_name|friend}}",
                "contact_list_id", listId));
        r.then().statusCode(202).body("total", equalTo(3)).body("contact_list_id", equalTo(listId));
        String id = r.path("id");
        awaitCompleted(t[1], id);
        assertEquals("Dear Ann", db.textTo(id, "+61412500001"));
        assertEquals("Dear Bob", db.textTo(id, "+61412500002"));
        assertEquals("Dear friend", db.textTo(id, "+61412500003"));
    }

    @Test
    void cancelStopsWhatHasNotBeenSent() {
        String[] t = tenantWithKey("Canceler");
        // scheduled, so only this test dispatches it: one batch by hand, then cancel
        int batch = config.batchSize();
        int rest = 30;
        Response r = broadcast(t[1], Map.of("from", "Trunkline", "text", "Part", "to", numbers(2000, batch + rest),
                "send_at", tomorrow()));
        String id = r.then().statusCode(202).body("status", equalTo("queued")).extract().path("id");
        assertEquals(batch, dispatcher.dispatchBatch(id));
        tenant(t[1]).get("/v1/broadcasts/{id}", id).then().body("status", equalTo("sending"))
                .body("counts.queued", equalTo(batch)).body("counts.pending", equalTo(rest));

        tenant(t[1]).post("/v1/broadcasts/{id}/cancel", id).then().statusCode(200)
                .body("status", equalTo("canceled"))
                .body("counts.queued", equalTo(batch))
                .body("counts.canceled", equalTo(rest))
                .body("counts.pending", equalTo(0));
        assertEquals(0, dispatcher.dispatchBatch(id));
        assertEquals(batch, gateway.messageCount(t[0]));
        assertEquals(rest, db.recipients(id, "canceled"));
        assertEquals(batch, db.acceptedEvents(id));
        // canceling again answers the same
        tenant(t[1]).post("/v1/broadcasts/{id}/cancel", id).then().statusCode(200).body("counts.canceled", equalTo(rest));
    }

    @Test
    void anotherTenantsBroadcastAndListAre404() {
        String[] a = tenantWithKey("IsoA");
        String[] b = tenantWithKey("IsoB");
        String id = broadcast(a[1], Map.of("from", "Trunkline", "text", "Mine", "to", numbers(3000, 2),
                "send_at", tomorrow())).then().statusCode(202).extract().path("id");
        String listId = tenant(a[1]).contentType(ContentType.JSON).body(Map.of("name", "a-list"))
                .post("/v1/contact-lists").then().statusCode(201).extract().path("id");

        tenant(b[1]).get("/v1/broadcasts/{id}", id).then().statusCode(404).contentType("application/problem+json");
        tenant(b[1]).get("/v1/broadcasts/{id}/errors", id).then().statusCode(404);
        tenant(b[1]).post("/v1/broadcasts/{id}/cancel", id).then().statusCode(404);
        tenant(b[1]).get("/v1/broadcasts/{id}", "no-such-id").then().statusCode(404);
        tenant(b[1]).get("/v1/broadcasts").then().statusCode(200).body("items", hasSize(0));
        broadcast(b[1], Map.of("from", "Trunkline", "text", "Theirs", "contact_list_id", listId)).then()
                .statusCode(404).contentType("application/problem+json");
        assertEquals(0, db.broadcasts(b[0]));

        tenant(a[1]).get("/v1/broadcasts/{id}", id).then().statusCode(200).body("status", equalTo("queued"));
        tenant(a[1]).post("/v1/broadcasts/{id}/cancel", id).then().statusCode(200);
    }

    @Test
    void listingIsNewestFirstWithACursor() {
        String[] t = tenantWithKey("Lister");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(broadcast(t[1], Map.of("from", "Trunkline", "text", "n" + i, "to", numbers(4000 + i, 1),
                    "send_at", tomorrow())).then().statusCode(202).extract().path("id"));
        }
        Response p1 = tenant(t[1]).get("/v1/broadcasts?size=2");
        p1.then().statusCode(200).body("items.id", equalTo(List.of(ids.get(2), ids.get(1))))
                .body("items[0].counts.pending", equalTo(1)).body("next_cursor", notNullValue());
        tenant(t[1]).get("/v1/broadcasts?size=2&cursor=" + p1.path("next_cursor")).then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(0)))).body("next_cursor", nullValue());
        tenant(t[1]).get("/v1/broadcasts?cursor=@@").then().statusCode(400).body("errors.field", hasItem("cursor"));
        for (String id : ids) {
            tenant(t[1]).post("/v1/broadcasts/{id}/cancel", id).then().statusCode(200);
        }
    }

    @Test
    void requestLevelErrorsAre400NamingEachFieldAndNothingIsStored() {
        String[] t = tenantWithKey("BadRequests");
        broadcast(t[1], Map.of("from", "NotAllowed", "text", "x", "template", "y", "to", List.of("+61412345678"),
                "contact_list_id", "x", "send_at", "tomorrow", "status_callback", "ftp://x"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("from", "template", "contact_list_id", "send_at", "status_callback"));
        broadcast(t[1], Map.of("from", "Trunkline")).then().statusCode(400).body("errors.field", hasItems("text", "to"));
        broadcast(t[1], Map.of("from", "Trunkline", "text", "x".repeat(2000), "to", List.of("+61412345678")))
                .then().statusCode(400).body("errors.field", hasItem("text"));
        broadcast(t[1], Map.of("from", "Trunkline", "text", "x", "to", List.of())).then().statusCode(400)
                .body("errors.field", hasItem("to"));
        broadcast(t[1], Map.of("from", "Trunkline", "text", "x", "to", numbers(0, 100_001))).then().statusCode(400)
                .body("errors.field", hasItem("to")).body("detail", containsString("100000"));
        assertEquals(0, db.broadcasts(t[0]));
    }

    @Test
    void aBlockedAccountGets402AndNothingIsStored() {
        String[] t = tenantWithKey("BlockedBulk");
        EventEnvelope<TrunklineEvent> e = TestTopics.publish(bootstrap, new BalanceChanged(t[0], "USD",
                new BigDecimal("50"), BigDecimal.ZERO, false, true, 1, "fraud hold", Instant.now()));
        gateway.awaitProcessed(e.headers().id());
        broadcast(t[1], Map.of("from", "Trunkline", "text", "x", "to", numbers(5000, 10))).then().statusCode(402)
                .contentType("application/problem+json").body("type", endsWith("/insufficient-funds"));
        assertEquals(0, db.broadcasts(t[0]));
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSameBroadcast() {
        String[] t = tenantWithKey("IdemBulk");
        Map<String, Object> body = Map.of("from", "Trunkline", "text", "Once", "to", numbers(6000, 3),
                "send_at", tomorrow());
        Response first = tenant(t[1]).header("Idempotency-Key", "bulk-1").contentType(ContentType.JSON).body(body)
                .post("/v1/broadcasts");
        String id = first.then().statusCode(202).extract().path("id");
        tenant(t[1]).header("Idempotency-Key", "bulk-1").contentType(ContentType.JSON).body(body)
                .post("/v1/broadcasts").then().statusCode(202).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        tenant(t[1]).header("Idempotency-Key", "bulk-1").contentType(ContentType.JSON)
                .body(Map.of("from", "Trunkline", "text", "Other", "to", numbers(6000, 3)))
                .post("/v1/broadcasts").then().statusCode(409).body("errors.field", hasItem("Idempotency-Key"));
        assertEquals(1, db.broadcasts(t[0]));
        tenant(t[1]).post("/v1/broadcasts/{id}/cancel", id).then().statusCode(200)
                .body("counts", not(nullValue()));
    }
}
