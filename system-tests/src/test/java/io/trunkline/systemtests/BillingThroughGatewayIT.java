package io.trunkline.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 3, point 9 over the packaged services: a tenant reads its own ledger, usage and invoices through the gateway
 * (its API key), which asks billing-service; another tenant sees none of it. Tenant A sends a message until it is
 * delivered; billing rates the relay's CDR; A's ledger shows the charge, A's usage the rated CDR with its price; the
 * operator generates A's invoice for the month on billing, and A reads it through the gateway as JSON and CSV.
 */
@ExtendWith(SharedPlatform.class)
class BillingThroughGatewayIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String gateway;
    private static String billing;
    private static Tenant a;
    private static Tenant b;

    record Tenant(String id, String key) {
        RequestSpecification api() {
            return given().auth().oauth2(key);
        }
    }

    @BeforeAll
    static void tenants(PlatformProcesses platform) {
        gateway = platform.url("api-gateway");
        billing = platform.url("billing-service");
        a = tenant("Billing Reseller A", "10.00");
        b = tenant("Billing Reseller B", "5.00");
    }

    @Test
    void aTenantReadsItsChargeUsageAndInvoiceThroughTheGatewayAndAnotherTenantNone() {
        // A sends one message (one GSM-7 segment at the default flat rate 0.05) until it is delivered
        String messageId = a.api().contentType(ContentType.JSON)
                .body("{\"to\":\"+61412345678\",\"from\":\"Trunkline\",\"text\":\"Billed through the gateway\"}")
                .post(gateway + "/v1/messages").then().statusCode(202).extract().path("id");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> "delivered".equals(a.api().get(gateway + "/v1/messages/" + messageId)
                        .then().statusCode(200).extract().path("status")));

        // the ledger through the gateway: the charge on top of the top-up, newest first
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> a.api().get(gateway + "/v1/account/ledger").then().statusCode(200)
                        .extract().<Integer>path("total") == 2);
        a.api().get(gateway + "/v1/account/ledger").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].type", equalTo("charge"))
                .body("items[0].amount", equalTo("-0.0500"))
                .body("items[0].currency", equalTo("USD"))
                .body("items[0].balanceAfter", equalTo("9.9500"))
                .body("items[1].type", equalTo("topup"))
                .body("items[1].amount", equalTo("10.0000"))
                .body("items[1].reference", equalTo("topup-" + a.id()))
                .body("items[0]", not(hasKey("actor")));

        // usage: the rated CDR with its price, without the operator's buy side
        String from = Instant.now().minus(Duration.ofDays(1)).toString();
        String to = Instant.now().plus(Duration.ofDays(1)).toString();
        Response usage = a.api().queryParam("from", from).queryParam("to", to).get(gateway + "/v1/usage");
        usage.then().statusCode(200).contentType("application/json")
                .body("total", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].service", equalTo("sms-out"))
                .body("items[0].destination", equalTo("+61412345678"))
                .body("items[0].status", equalTo("rated"))
                .body("items[0].segments", equalTo(1))
                .body("items[0].units", equalTo(1))
                .body("items[0].unitPrice", equalTo("0.0500"))
                .body("items[0].amount", equalTo("0.0500"))
                .body("items[0].currency", equalTo("USD"))
                .body("items[0]", not(hasKey("buyCost")))
                .body("items[0]", not(hasKey("margin")));
        String cdrId = usage.path("items[0].cdrId");
        String startedAt = usage.path("items[0].startedAt");

        Response csv = a.api().accept("text/csv").queryParam("from", from).queryParam("to", to)
                .get(gateway + "/v1/usage");
        csv.then().statusCode(200).contentType(startsWith("text/csv"));
        List<String> rows = csv.asString().lines().toList();
        assertEquals(2, rows.size(), csv.asString());
        assertTrue(rows.get(0).startsWith("cdr_id,started_at,service,"), rows.get(0));
        assertTrue(rows.get(1).startsWith(cdrId + "," + startedAt + ",sms-out,"), rows.get(1));
        assertTrue(rows.get(1).endsWith(",0.0500,USD"), rows.get(1));

        // the operator generates A's draft invoice for the CDR's month on billing; A reads it through the gateway
        String period = YearMonth.from(Instant.parse(startedAt).atZone(ZoneOffset.UTC)).toString();
        String invoiceId = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("tenantId", a.id(), "period", period))
                .post(billing + "/v1/ops/invoices").then().statusCode(200)
                .body("total", equalTo("0.0500")).extract().path("id");

        a.api().get(gateway + "/v1/invoices").then().statusCode(200)
                .body("id", equalTo(List.of(invoiceId)))
                .body("[0].period", equalTo(period))
                .body("[0].status", equalTo("draft"))
                .body("[0].total", equalTo("0.0500"));
        a.api().get(gateway + "/v1/invoices/" + invoiceId).then().statusCode(200).contentType("application/json")
                .body("id", equalTo(invoiceId))
                .body("tenantId", equalTo(a.id()))
                .body("period", equalTo(period))
                .body("currency", equalTo("USD"))
                .body("usageTotal", equalTo("0.0500"))
                .body("total", equalTo("0.0500"))
                .body("lines", hasSize(1))
                .body("lines[0].service", equalTo("sms-out"))
                .body("lines[0].quantity", equalTo(1))
                .body("lines[0].amount", equalTo("0.0500"));
        Response invoiceCsv = a.api().queryParam("format", "csv").get(gateway + "/v1/invoices/" + invoiceId);
        invoiceCsv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString(".csv"));
        String text = invoiceCsv.asString();
        assertTrue(text.startsWith("invoice,number,tenant,period,status,line,kind,service,"), text);
        assertTrue(text.contains(invoiceId + ",," + a.id() + "," + period + ",draft,1,"), text);
        assertTrue(text.contains(",Total,,,0.0500,USD"), text);
        a.api().accept("text/csv").get(gateway + "/v1/invoices/" + invoiceId).then().statusCode(200)
                .contentType(startsWith("text/csv"));

        // B sees none of A's data: A's invoice is not found, and B's own lists hold only B's top-up
        for (String accept : List.of("application/json", "text/csv")) {
            b.api().accept(accept).get(gateway + "/v1/invoices/" + invoiceId).then().statusCode(404)
                    .contentType("application/problem+json").body("type", endsWith("/not-found"));
        }
        b.api().queryParam("format", "csv").get(gateway + "/v1/invoices/" + invoiceId).then().statusCode(404);
        b.api().queryParam("tenantId", a.id()).get(gateway + "/v1/invoices").then().statusCode(200)
                .body("$", hasSize(0));
        b.api().queryParam("tenantId", a.id()).get(gateway + "/v1/account/ledger").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].type", equalTo("topup"))
                .body("items[0].amount", equalTo("5.0000"))
                .body("items[0].reference", equalTo("topup-" + b.id()));
        b.api().queryParam("from", from).queryParam("to", to).get(gateway + "/v1/usage").then().statusCode(200)
                .body("total", equalTo(0)).body("items", hasSize(0));
        String bCsv = b.api().queryParam("format", "csv").queryParam("from", from).queryParam("to", to)
                .get(gateway + "/v1/usage").then().statusCode(200).extract().asString();
        assertEquals(1, bCsv.lines().count(), bCsv);
        assertFalse(bCsv.contains(cdrId), bCsv);
        // and without a key, nothing at all
        given().get(gateway + "/v1/invoices/" + invoiceId).then().statusCode(401)
                .contentType("application/problem+json");
    }

    /** A tenant with an API key on the gateway and a top-up on billing, once the gateway has billing's balance. */
    private static Tenant tenant(String name, String topUp) {
        String id = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "defaultRegion", "AU", "senderIds", List.of("Trunkline")))
                .post(gateway + "/v1/operator/tenants").then().statusCode(201).extract().path("id");
        String key = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "billing-it")).post(gateway + "/v1/operator/tenants/" + id + "/keys")
                .then().statusCode(201).extract().path("key");
        given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("amount", topUp, "currency", "USD", "reference", "topup-" + id, "note", "system test"))
                .post(billing + "/v1/ops/accounts/" + id + "/topups").then().statusCode(201);
        Tenant t = new Tenant(id, key);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            String balance = t.api().get(gateway + "/v1/account").then().statusCode(200).extract().path("balance");
            return balance != null && new BigDecimal(balance).compareTo(new BigDecimal(topUp)) == 0;
        });
        return t;
    }
}
