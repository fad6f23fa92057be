package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** GET /v1/messages: filters, cursor paging, bad parameters, and tenant isolation of read, cancel and list. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class MessageListApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    GatewayDatabase db;

    static Response sendTo(String key, String to, String from, String reference) {
        Map<String, Object> body = new HashMap<>(Map.of("to", to, "from", from, "text", "hi"));
        if (reference != null) {
            body.put("reference", reference);
        }
        return send(key, body).then().statusCode(202).extract().response();
    }

    /** Every page from the first, following next_cursor; the ids in order. */
    static List<String> allPages(String key, int limit, Map<String, ?> filters) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification r = tenant(key).queryParams(filters).queryParam("limit", limit);
            if (cursor != null) {
                r.queryParam("cursor", cursor);
            }
            Response page = r.get("/v1/messages");
            page.then().statusCode(200);
            List<String> items = page.path("items.id");
            ids.addAll(items);
            cursor = page.path("next_cursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void cursorPagesNewestFirstAndStayStableWhileNewMessagesArrive() {
        String key = tenantWithKey("Pager")[1];
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(sendTo(key, "+61412345678", "Trunkline", "r" + i).path("id"));
        }
        List<String> newestFirst = new ArrayList<>(sent);
        java.util.Collections.reverse(newestFirst);

        Response first = tenant(key).queryParam("limit", 2).get("/v1/messages");
        first.then().statusCode(200)
                .body("items.id", equalTo(newestFirst.subList(0, 2)))
                .body("items[0].timeline", nullValue())
                .body("next_cursor", notNullValue());
        // a message arriving between pages does not shift the next ones
        String newer = sendTo(key, "+61412345678", "Trunkline", "late").path("id");
        Response second = tenant(key).queryParam("limit", 2).queryParam("cursor", (String) first.path("next_cursor"))
                .get("/v1/messages");
        second.then().statusCode(200).body("items.id", equalTo(newestFirst.subList(2, 4)));
        tenant(key).queryParam("limit", 2).queryParam("cursor", (String) second.path("next_cursor"))
                .get("/v1/messages").then().statusCode(200)
                .body("items.id", equalTo(newestFirst.subList(4, 5)))
                .body("next_cursor", nullValue());

        List<String> all = new ArrayList<>(List.of(newer));
        all.addAll(newestFirst);
        assertEquals(all, allPages(key, 2, Map.of()), "every message once, newest first");
        assertEquals(all, allPages(key, 6, Map.of()));
        // the default limit is 20: everything on one page, no next page
        tenant(key).get("/v1/messages").then().statusCode(200).body("items", hasSize(6)).body("next_cursor", nullValue());
    }

    @Test
    void filtersByStatusToFromReferenceAndDateRange() {
        String[] t = tenantWithKey("Filterer");
        String key = t[1];
        Response a = sendTo(key, "+61412345678", "Trunkline", "order-1");
        Response b = sendTo(key, "0412 000 111", "+61400000001", "order-2");
        Response c = sendTo(key, "+61412345678", "+61400000001", "order-1");
        Response d = sendTo(key, "+447911123456", "Trunkline", null);
        String ida = a.path("id"), idb = b.path("id"), idc = c.path("id"), idd = d.path("id");
        EventEnvelope<TrunklineEvent> delivered = TestTopics.publish(bootstrap,
                new SmsStatusChanged(idb, t[0], SmsStatus.DELIVERED, "smpp", null, null, null, Instant.now()));
        db.awaitProcessed(delivered.headers().id());

        assertEquals(List.of(idb), allPages(key, 10, Map.of("status", "delivered")));
        assertEquals(List.of(idd, idc, ida), allPages(key, 10, Map.of("status", "QUEUED")));
        assertEquals(List.of(idd, idc, idb, ida), allPages(key, 10, Map.of("status", "queued,delivered")));
        assertEquals(List.of(idc, ida), allPages(key, 1, Map.of("to", "+61412345678")));
        // a national number is read in the tenant's region, as on send
        assertEquals(List.of(idb), allPages(key, 10, Map.of("to", "0412000111")));
        assertEquals(List.of(idc, idb), allPages(key, 10, Map.of("from", "+61400000001")));
        assertEquals(List.of(idd, ida), allPages(key, 10, Map.of("from", "Trunkline")));
        assertEquals(List.of(idc, ida), allPages(key, 10, Map.of("reference", "order-1")));
        assertEquals(List.of(idc), allPages(key, 10, Map.of("reference", "order-1", "from", "+61400000001")));

        // [date_from, date_to): from b's creation (included) to d's (excluded)
        String bAt = b.path("createdAt");
        String dAt = d.path("createdAt");
        assertEquals(List.of(idc, idb), allPages(key, 10, Map.of("date_from", bAt, "date_to", dAt)));
        assertEquals(List.of(idd, idc, idb), allPages(key, 10, Map.of("date_from", bAt)));
        assertEquals(List.of(ida), allPages(key, 10, Map.of("date_to", bAt)));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(4, allPages(key, 10, Map.of("date_from", today.toString(),
                "date_to", today.plusDays(1).toString())).size(), "a date is midnight UTC");
        assertEquals(List.of(), allPages(key, 10, Map.of("date_to", today.toString())));
        // RFC 3339 with another offset names the same instant
        String bPlus10 = Instant.parse(bAt).atOffset(ZoneOffset.ofHours(10)).toString();
        assertEquals(List.of(idd, idc, idb), allPages(key, 10, Map.of("date_from", bPlus10)));
    }

    @Test
    void badParametersAreNamed() {
        String key = tenantWithKey("Bad lister")[1];
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("status", "lost");
        bad.put("to", "banana");
        bad.put("from", "not allowed!!");
        bad.put("date_from", "yesterday");
        bad.put("limit", "0");
        bad.put("cursor", "bm90LWEtY3Vyc29y");
        bad.put("page", "1");
        bad.put("size", "10");
        bad.forEach((field, value) -> tenant(key).queryParam(field, value).get("/v1/messages").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of(field))));
        for (String limit : List.of("101", "x", "-1")) {
            tenant(key).queryParam("limit", limit).get("/v1/messages").then().statusCode(400)
                    .body("errors.field", equalTo(List.of("limit")));
        }
        tenant(key).queryParam("cursor", "!!!").get("/v1/messages").then().statusCode(400)
                .body("errors.field", equalTo(List.of("cursor")));
        tenant(key).queryParam("date_to", "2026-13-01").get("/v1/messages").then().statusCode(400)
                .body("errors.field", equalTo(List.of("date_to")));
        tenant(key).queryParam("date_from", "2026-11-02").queryParam("date_to", "2026-11-01").get("/v1/messages")
                .then().statusCode(400).body("errors.field", equalTo(List.of("date_to")));
        // all at once
        tenant(key).queryParam("status", "x").queryParam("limit", "0").get("/v1/messages").then().statusCode(400)
                .body("errors.field", equalTo(List.of("status", "limit")));
        tenant(key).queryParam("limit", "100").get("/v1/messages").then().statusCode(200);
    }

    @Test
    void aTenantCannotReadCancelOrListAnothersMessages() {
        String[] a = tenantWithKey("Tenant A");
        String[] b = tenantWithKey("Tenant B");
        String bNow = sendTo(b[1], "+61412345678", "Trunkline", "b-secret").path("id");
        String bLater = send(b[1], Map.of("to", "+61412345678", "from", "Trunkline", "text", "later",
                "reference", "b-secret", "send_at", Instant.now().plus(Duration.ofDays(1)).toString()))
                .then().statusCode(202).extract().path("id");
        String aOwn = sendTo(a[1], "+61412345678", "Trunkline", "a-own").path("id");

        for (String id : List.of(bNow, bLater)) {
            tenant(a[1]).get("/v1/messages/{id}", id).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", not(org.hamcrest.Matchers.containsString("Tenant B")));
            tenant(a[1]).post("/v1/messages/{id}/cancel", id).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        // A's cancel changed nothing: B can still cancel its scheduled message
        tenant(b[1]).get("/v1/messages/{id}", bLater).then().statusCode(200).body("status", equalTo("scheduled"));

        assertEquals(List.of(aOwn), allPages(a[1], 1, Map.of()));
        assertEquals(List.of(), allPages(a[1], 10, Map.of("reference", "b-secret")));
        assertEquals(List.of(), allPages(a[1], 10, Map.of("status", "scheduled")));
        assertEquals(List.of(aOwn), allPages(a[1], 10, Map.of("to", "+61412345678")));
        // B's cursor (pointing into B's messages) still lists only A's own
        String bCursor = tenant(b[1]).queryParam("limit", 1).get("/v1/messages").then().statusCode(200)
                .extract().path("next_cursor");
        tenant(a[1]).queryParam("cursor", bCursor).get("/v1/messages").then().statusCode(200)
                .body("items.id", not(hasItem(bNow))).body("items.id", not(hasItem(bLater)));

        tenant(b[1]).post("/v1/messages/{id}/cancel", bLater).then().statusCode(200).body("status", equalTo("canceled"));
    }
}
