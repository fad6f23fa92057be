package io.trunkline.gateway.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

/**
 * The tenant billing API's own behaviour, with {@link BillingStub} in billing's place: API-key authentication, the
 * tenant id taken from the key only, the buy side hidden, another tenant's invoice a 404, JSON and CSV, and 503 (not
 * 500, not a hang) when billing fails.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(BillingStub.class)
class TenantBillingApiTest {
    static final String OPERATOR = "Bearer dev-operator-token";
    static final List<String> ENDPOINTS = List.of("/v1/account/ledger", "/v1/usage", "/v1/invoices",
            "/v1/invoices/" + UUID.randomUUID());

    @ConfigProperty(name = "trunkline.gateway.billing-url")
    String billingUrl;

    @BeforeEach
    @AfterEach
    void resetStub() {
        given().body("").post(billingUrl + "/__stub/reset").then().statusCode(204);
    }

    @Test
    void everyEndpointNeedsAValidKeyOfAnActiveTenantAndNothingReachesBillingOtherwise() {
        String[] t = tenantWithKey("Auth");
        for (String path : ENDPOINTS) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"));
            given().header("Authorization", "Bearer tk_live_not-a-key").get(path).then().statusCode(401)
                    .contentType("application/problem+json");
            given().header("Authorization", OPERATOR).get(path).then().statusCode(401);
        }
        given().header("Authorization", OPERATOR).post("/v1/operator/tenants/{id}/suspend", t[0]).then().statusCode(200);
        for (String path : ENDPOINTS) {
            tenant(t[1]).get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("type", endsWith("/tenant-suspended"));
        }
        assertEquals(List.of(), stubRequests(), "billing was asked nothing");
        // the client interface of billing's ops API is not served by the gateway itself
        given().header("Authorization", OPERATOR).get("/v1/ops/invoices?tenantId=" + t[0]).then().statusCode(404);
        given().header("Authorization", "Bearer " + t[1]).get("/v1/ops/accounts/" + t[0] + "/ledger").then()
                .statusCode(404);
    }

    @Test
    void theLedgerIsTheKeysTenantsWhateverTheRequestSays() {
        String[] a = tenantWithKey("Ledger A");
        String[] b = tenantWithKey("Ledger B");
        tenant(a[1]).queryParam("tenantId", b[0]).queryParam("page", "1").queryParam("size", "5")
                .get("/v1/account/ledger").then().statusCode(200).contentType("application/json")
                .body("items", hasSize(1))
                .body("items[0].reference", equalTo("ledger-of-" + a[0]))
                .body("items[0].amount", equalTo("10.0000"))
                .body("items[0].balanceAfter", equalTo("10.0000"))
                .body("items[0]", not(hasKey("actor")))
                .body("page", equalTo(1)).body("size", equalTo(5)).body("total", equalTo(1));
        List<String> asked = stubRequests();
        assertEquals(1, asked.size(), asked.toString());
        assertTrue(asked.get(0).startsWith("GET /v1/ops/accounts/" + a[0] + "/ledger?"), asked.toString());
        assertTrue(asked.get(0).contains("page=1") && asked.get(0).contains("size=5"), asked.toString());
        assertTrue(asked.get(0).contains("| " + OPERATOR + " |"), "the gateway's operator token: " + asked);
        assertFalse(asked.get(0).contains(b[0]), asked.toString());

        tenant(a[1]).queryParam("size", "101").get("/v1/account/ledger").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("size"));
        tenant(a[1]).queryParam("page", "-1").get("/v1/account/ledger").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void aTenantWithoutABillingAccountYetHasAnEmptyLedgerUsageAndInvoiceList() {
        String[] t = tenantWithKey("Newcomer");
        behaviour("notfound"); // billing's 404: no account for the tenant yet
        tenant(t[1]).get("/v1/account/ledger").then().statusCode(200)
                .body("items", hasSize(0)).body("total", equalTo(0)).body("page", equalTo(0)).body("size", equalTo(20));
        tenant(t[1]).get("/v1/usage").then().statusCode(200).body("items", hasSize(0)).body("total", equalTo(0));
        tenant(t[1]).queryParam("format", "csv").get("/v1/usage").then().statusCode(200)
                .body(equalTo(UsageResource.CSV_HEADER));
        tenant(t[1]).get("/v1/invoices").then().statusCode(200).body("$", hasSize(0));
        tenant(t[1]).get("/v1/invoices/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void usageIsTheTenantsSellSideOnlyAsJsonOrCsv() {
        String[] a = tenantWithKey("Usage A");
        String[] b = tenantWithKey("Usage B");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        String from = month.atDay(1) + "T00:00:00Z";
        String to = month.plusMonths(1).atDay(1) + "T00:00:00Z";

        tenant(a[1]).queryParam("tenantId", b[0]).get("/v1/usage").then().statusCode(200)
                .contentType("application/json")
                .body("from", equalTo(from)).body("to", equalTo(to))
                .body("items", hasSize(1))
                .body("items[0].cdrId", equalTo("cdr-of-" + a[0]))
                .body("items[0].amount", equalTo("0.0500"))
                .body("items[0].unitPrice", equalTo("0.0500"))
                .body("items[0].ratePrefix", equalTo("61"))
                .body("items[0]", not(hasKey("carrier")))
                .body("items[0]", not(hasKey("buyCost")))
                .body("items[0]", not(hasKey("buyPlan")))
                .body("items[0]", not(hasKey("margin")));
        String asked = stubRequests().get(0);
        assertTrue(asked.startsWith("GET /v1/ops/accounts/" + a[0] + "/cdrs?"), asked);
        assertTrue(asked.contains("from=" + from.replace(":", "%3A")) || asked.contains("from=" + from), asked);

        resetStub();
        Response csv = tenant(a[1]).queryParam("format", "csv").queryParam("from", "2026-11-01")
                .queryParam("to", "2026-12-01T00:00:00Z").get("/v1/usage");
        csv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("usage-2026-11-01-2026-12-01.csv"));
        List<String> lines = csv.asString().lines().toList();
        assertEquals(3, lines.size(), csv.asString());
        assertEquals(UsageResource.CSV_HEADER.trim(), lines.get(0));
        assertFalse(lines.get(0).contains("buy") || lines.get(0).contains("margin") || lines.get(0).contains("carrier"));
        assertTrue(lines.get(1).startsWith("cdr-of-" + a[0] + ",2026-11-02T10:00:00Z,sms-out,Trunkline,+61412345678,1,"),
                lines.get(1));
        assertTrue(lines.get(2).contains(",\"no rate, \"\"+999\"\"\","), "quoted: " + lines.get(2));
        assertFalse(csv.asString().contains("secret-carrier") || csv.asString().contains("0.0400"), csv.asString());
        String export = stubRequests().get(0);
        assertTrue(export.startsWith("GET /v1/ops/accounts/" + a[0] + "/usage?"), export);
        assertTrue(export.contains("format=json"), export);

        tenant(a[1]).accept("text/csv").get("/v1/usage").then().statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("cdr_id,started_at,"));

        tenant(a[1]).queryParam("from", "yesterday").get("/v1/usage").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        tenant(a[1]).queryParam("from", "2026-11-02").queryParam("to", "2026-11-01").get("/v1/usage").then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
        tenant(a[1]).queryParam("format", "xml").get("/v1/usage").then().statusCode(400)
                .body("errors[0].field", equalTo("format"));
    }

    @Test
    void invoicesAreTheTenantsOwnAndAnotherTenantsIdIsNotFound() {
        String[] a = tenantWithKey("Invoice A");
        String[] b = tenantWithKey("Invoice B");
        String invA = UUID.randomUUID().toString();
        String invB = UUID.randomUUID().toString();
        given().body(invA + "," + a[0]).post(billingUrl + "/__stub/invoices").then().statusCode(204);
        given().body(invB + "," + b[0]).post(billingUrl + "/__stub/invoices").then().statusCode(204);

        tenant(a[1]).queryParam("tenantId", b[0]).get("/v1/invoices").then().statusCode(200)
                .body("id", equalTo(List.of(invA)))
                .body("[0].total", equalTo("0.0500"))
                .body("[0].status", equalTo("draft"))
                .body("[0]", not(hasKey("lines")));
        assertTrue(stubRequests().get(0).startsWith("GET /v1/ops/invoices?tenantId=" + a[0] + " "), stubRequests().toString());

        tenant(a[1]).get("/v1/invoices/" + invA).then().statusCode(200).contentType("application/json")
                .body("id", equalTo(invA)).body("tenantId", equalTo(a[0]))
                .body("lines", hasSize(1)).body("lines[0].amount", equalTo("0.0500"));
        Response csv = tenant(a[1]).queryParam("format", "csv").get("/v1/invoices/" + invA);
        csv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("draft-" + invA + ".csv"));
        assertTrue(csv.asString().startsWith("invoice,number,tenant,period"), csv.asString());
        assertTrue(csv.asString().contains(invA + ",," + a[0] + ",2026-11,draft"), csv.asString());
        tenant(a[1]).accept("text/csv").get("/v1/invoices/" + invA).then().statusCode(200)
                .contentType(startsWith("text/csv"));

        resetStub();
        for (String accept : List.of("application/json", "text/csv")) {
            tenant(a[1]).accept(accept).get("/v1/invoices/" + invB).then().statusCode(404)
                    .contentType("application/problem+json").body("type", endsWith("/not-found"));
        }
        tenant(a[1]).get("/v1/invoices/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        // B's invoice was looked up (to find its owner) but its CSV never asked for
        assertTrue(stubRequests().stream().noneMatch(r -> r.contains("format=csv")), stubRequests().toString());

        resetStub();
        for (String id : List.of("..%2F..%2Faccounts%2F" + b[0] + "%2Fledger", "a.b", "x%20y")) {
            tenant(a[1]).urlEncodingEnabled(false).get("/v1/invoices/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        assertEquals(List.of(), stubRequests(), "an id that cannot be billing's is not passed on");
    }

    @Test
    void billingFailuresAre503ProblemsNot500sAndNotHangs() {
        String[] t = tenantWithKey("Unlucky");
        for (String behaviour : List.of("error", "close", "unauthorized", "silent")) {
            behaviour(behaviour);
            for (String path : ENDPOINTS) {
                tenant(t[1]).get(path).then().statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", "5")
                        .body("type", endsWith("/billing-unavailable"))
                        .body("status", equalTo(503))
                        .body("detail", containsString("billing-service"))
                        .body("detail", not(containsString("127.0.0.1")));
                if ("silent".equals(behaviour)) {
                    break; // each silent call waits the whole timeout: one is enough
                }
            }
        }
        behaviour("silent");
        tenant(t[1]).accept("text/csv").get("/v1/usage").then().statusCode(503)
                .contentType("application/problem+json").body("detail", containsString("did not answer within 3000 ms"));
        behaviour("unauthorized");
        tenant(t[1]).get("/v1/invoices").then().statusCode(503).body("detail", containsString("credentials"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void behaviour(String b) {
        given().body(b).post(billingUrl + "/__stub/behaviour").then().statusCode(204);
    }

    private List<String> stubRequests() {
        String body = given().get(billingUrl + "/__stub/requests").then().statusCode(200).extract().asString();
        return body.isBlank() ? List.of() : Arrays.asList(body.split("\n"));
    }

    static RequestSpecification tenant(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    /** A new active tenant and a key for it: {tenantId, key}. */
    static String[] tenantWithKey(String name) {
        String id = given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("name", name, "defaultRegion", "AU", "senderIds", List.of("Trunkline")))
                .post("/v1/operator/tenants").then().statusCode(201).extract().path("id");
        String key = given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("name", "billing-test")).post("/v1/operator/tenants/{id}/keys", id)
                .then().statusCode(201).extract().path("key");
        return new String[] { id, key };
    }
}
