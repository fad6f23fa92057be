package io.trunkline.billing;

import static io.restassured.RestAssured.given;
import static io.trunkline.billing.BillingTestSupport.assertMoney;
import static io.trunkline.billing.BillingTestSupport.balance;
import static io.trunkline.billing.BillingTestSupport.ops;
import static io.trunkline.billing.BillingTestSupport.sms;
import static io.trunkline.billing.BillingTestSupport.tenant;
import static io.trunkline.billing.BillingTestSupport.topUp;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trunkline.events.BalanceChanged;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.Topics;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** The operator API over HTTP, against the real database and broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing_test"))
class OpsApiTest {
    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theOperatorApiNeedsTheOperatorToken() {
        String tenant = tenant();
        given().get("/v1/ops/accounts/{t}", tenant).then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
        given().header("Authorization", "Bearer not-the-token").get("/v1/ops/accounts/{t}", tenant)
                .then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Basic " + BillingTestSupport.TOKEN).get("/v1/ops/accounts/{t}", tenant)
                .then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of("amount", "5.00", "reference", "r-" + UUID.randomUUID()))
                .post("/v1/ops/accounts/{t}/topups", tenant).then().statusCode(401).contentType(PROBLEM);
        given().get("/v1/quotes/sms?tenantId={t}&destination=%2B61412345678&segments=1", tenant).then().statusCode(401);
        // nothing was written by the refused top-up
        ops().get("/v1/ops/accounts/{t}", tenant).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aNegativeOrMalformedTopUpIsRefusedNamingTheAmount() {
        String tenant = tenant();
        for (Object amount : new Object[] { "-5.00", "abc", "0", "1.00001", "1e400" }) {
            ops().body(Map.of("amount", amount, "reference", "r-" + UUID.randomUUID()))
                    .post("/v1/ops/accounts/{t}/topups", tenant)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("amount"));
        }
        ops().body(Map.of("amount", -5, "reference", "r-1")).post("/v1/ops/accounts/{t}/topups", tenant)
                .then().statusCode(400).body("errors.field", contains("amount"));
        ops().body(Map.of("reference", "r-1")).post("/v1/ops/accounts/{t}/topups", tenant)
                .then().statusCode(400).body("errors.field", contains("amount"));
        ops().body(Map.of("amount", "5.00")).post("/v1/ops/accounts/{t}/topups", tenant)
                .then().statusCode(400).body("errors.field", contains("reference"));
        ops().body(Map.of("amount", "5.00", "reference", "r-1", "currency", "usd"))
                .post("/v1/ops/accounts/{t}/topups", tenant).then().statusCode(400).body("errors.field", contains("currency"));
        ops().body("{\"amount\": ").post("/v1/ops/accounts/{t}/topups", tenant).then().statusCode(400).contentType(PROBLEM);
        ops().body(Map.of("amount", "5.00", "reference", "r-1")).post("/v1/ops/accounts/{t}/topups", "bad tenant!")
                .then().statusCode(400).body("errors.field", contains("tenantId"));
        ops().get("/v1/ops/accounts/{t}", tenant).then().statusCode(404);
    }

    @Test
    void aTopUpIsIdempotentOnItsReference() {
        String tenant = tenant();
        String reference = "wire-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("amount", "25.00", "currency", "USD", "reference", reference, "note", "wire");
        ops().body(body).post("/v1/ops/accounts/{t}/topups", tenant).then().statusCode(201)
                .body("balance", equalTo("25.0000"))
                .body("available", equalTo("25.0000"))
                .body("version", equalTo(1))
                .body("replayed", equalTo(false))
                .body("entry.type", equalTo("topup"))
                .body("entry.reference", equalTo(reference));
        ops().body(body).post("/v1/ops/accounts/{t}/topups", tenant).then().statusCode(200)
                .body("balance", equalTo("25.0000"))
                .body("version", equalTo(1))
                .body("replayed", equalTo(true));
        assertMoney("25.00", balance(tenant));
        // the same reference for another amount is a mistake, not a replay
        ops().body(Map.of("amount", "30.00", "reference", reference)).post("/v1/ops/accounts/{t}/topups", tenant)
                .then().statusCode(409).contentType(PROBLEM).body("errors.field", contains("reference"));
        // and in another currency than the account's
        ops().body(Map.of("amount", "1.00", "currency", "EUR", "reference", "r-" + UUID.randomUUID()))
                .post("/v1/ops/accounts/{t}/topups", tenant).then().statusCode(400).body("errors.field", contains("currency"));
        assertMoney("25.00", balance(tenant));

        TestTopics.await(bootstrap, Topics.BILLING_BALANCES, BalanceChanged.class,
                b -> tenant.equals(b.tenantId()) && b.version() == 1 && ("topup " + reference).equals(b.cause()),
                Duration.ofSeconds(30));
    }

    @Test
    void theLedgerShowsEveryChangeNewestFirst() {
        String tenant = tenant();
        ops().header("X-Operator", "alice").body(Map.of("amount", "10.00", "reference", "t1", "note", "first"))
                .post("/v1/ops/accounts/{t}/topups", tenant).then().statusCode(201);
        ops().body(Map.of("amount", "-2.5", "note", "goodwill reversal")).post("/v1/ops/accounts/{t}/adjustments", tenant)
                .then().statusCode(201).body("balance", equalTo("7.5000"));
        ops().body(Map.of("creditLimit", "20")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(200)
                .body("available", equalTo("27.5000"));
        CdrRecorded cdr = sms(tenant, "cdr-" + UUID.randomUUID(), 1, true);
        TestTopics.publish(bootstrap, cdr);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(tenant).compareTo(new java.math.BigDecimal("7.45")) == 0);

        ops().get("/v1/ops/accounts/{t}/ledger", tenant).then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.type", contains("charge", "settings", "adjustment", "topup"))
                .body("items.amount", contains("-0.0500", "0.0000", "-2.5000", "10.0000"))
                .body("items.balanceAfter", contains("7.4500", "7.5000", "7.5000", "10.0000"))
                .body("items.version", contains(4, 3, 2, 1))
                .body("items[0].reference", equalTo(cdr.cdrId()))
                .body("items[1].note", equalTo("credit limit 0.0000 -> 20.0000"))
                .body("items[2].note", equalTo("goodwill reversal"))
                .body("items[2].actor", equalTo("ops"))
                .body("items[3].actor", equalTo("ops:alice"))
                .body("items[3].note", equalTo("first"));
        ops().get("/v1/ops/accounts/{t}/ledger?page=1&size=3", tenant).then().statusCode(200)
                .body("page", equalTo(1)).body("size", equalTo(3)).body("total", equalTo(4))
                .body("items.type", contains("topup"));
        ops().get("/v1/ops/accounts/{t}/ledger?size=0", tenant).then().statusCode(400).body("errors.field", contains("size"));
        ops().get("/v1/ops/accounts/{t}/ledger?page=x", tenant).then().statusCode(400).body("errors.field", contains("page"));
        ops().get("/v1/ops/accounts/{t}/ledger", tenant()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void adjustmentsNeedANoteAndAnExistingAccount() {
        String tenant = tenant();
        ops().body(Map.of("amount", "-1.00", "note", "x")).post("/v1/ops/accounts/{t}/adjustments", tenant)
                .then().statusCode(404).contentType(PROBLEM);
        topUp(tenant, "5.00");
        ops().body(Map.of("amount", "-1.00")).post("/v1/ops/accounts/{t}/adjustments", tenant)
                .then().statusCode(400).body("errors.field", contains("note"));
        ops().body(Map.of("amount", "0", "note", "nothing")).post("/v1/ops/accounts/{t}/adjustments", tenant)
                .then().statusCode(400).body("errors.field", contains("amount"));
        Map<String, Object> credit = Map.of("amount", "1.2345", "note", "credit note 17", "reference", "cn-17");
        ops().body(credit).post("/v1/ops/accounts/{t}/adjustments", tenant).then().statusCode(201)
                .body("balance", equalTo("6.2345"));
        ops().body(credit).post("/v1/ops/accounts/{t}/adjustments", tenant).then().statusCode(200)
                .body("balance", equalTo("6.2345")).body("replayed", equalTo(true));
        assertMoney("6.2345", balance(tenant));
        TestTopics.await(bootstrap, Topics.BILLING_BALANCES, BalanceChanged.class,
                b -> tenant.equals(b.tenantId()) && "adjustment cn-17".equals(b.cause())
                        && new BigDecimal("6.2345").compareTo(b.balance()) == 0,
                Duration.ofSeconds(30));
    }

    @Test
    void concurrentTopUpsWithOneReferenceCreditOnce() throws Exception {
        String tenant = tenant();
        String reference = "wire-" + UUID.randomUUID();
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return ops().body(Map.of("amount", "7.00", "reference", reference))
                            .post("/v1/ops/accounts/{t}/topups", tenant).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> f : calls) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(n - 1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertMoney("7.00", balance(tenant));
        ops().get("/v1/ops/accounts/{t}/ledger", tenant).then().body("total", equalTo(1));
    }

    @Test
    void settingsDecideWhetherATenantIsBlocked() {
        String tenant = tenant();
        ops().body(Map.of("currency", "EUR")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(201)
                .body("currency", equalTo("EUR")).body("prepaid", equalTo(true)).body("blocked", equalTo(true));
        ops().body(Map.of("currency", "GBP")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(200)
                .body("currency", equalTo("GBP"));
        ops().body(Map.of("creditLimit", "10.00")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(200)
                .body("blocked", equalTo(false)).body("available", equalTo("10.0000"));
        ops().body(Map.of("amount", "-10.00", "note", "spent")).post("/v1/ops/accounts/{t}/adjustments", tenant)
                .then().statusCode(201).body("blocked", equalTo(true)).body("available", equalTo("0.0000"));
        ops().body(Map.of("prepaid", false)).put("/v1/ops/accounts/{t}", tenant).then().statusCode(200)
                .body("blocked", equalTo(false)).body("available", nullValue());
        // money has moved: the currency is fixed now
        ops().body(Map.of("currency", "USD")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(409)
                .contentType(PROBLEM).body("errors.field", contains("currency"));
        ops().body(Map.of("creditLimit", "-1")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(400)
                .body("errors.field", contains("creditLimit"));
        ops().body(Map.of("creditlimit", "5")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(400)
                .body("errors.field", contains("creditlimit"));
        ops().body(Map.of("lowBalanceThreshold", "3")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(200)
                .body("lowBalanceThreshold", equalTo("3.0000"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("lowBalanceThreshold", null);
        ops().body(clear).put("/v1/ops/accounts/{t}", tenant).then().statusCode(200)
                .body("lowBalanceThreshold", nullValue());
        ops().get("/v1/ops/accounts/{t}", tenant).then().statusCode(200)
                .body("currency", equalTo("GBP"))
                .body("balance", equalTo("-10.0000"))
                .body("creditLimit", equalTo("10.0000"))
                .body("prepaid", equalTo(false))
                .body("blocked", equalTo(false))
                .body("version", equalTo(6));
        TestTopics.await(bootstrap, Topics.BILLING_BALANCES, BalanceChanged.class,
                b -> tenant.equals(b.tenantId()) && b.version() == 5 && !b.prepaid() && !b.blocked(),
                Duration.ofSeconds(30));
    }

    @Test
    void cdrsCanBeListedByTime() {
        String tenant = tenant();
        topUp(tenant, "1.00");
        CdrRecorded cdr = sms(tenant, "cdr-" + UUID.randomUUID(), 2, true);
        TestTopics.publish(bootstrap, cdr);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(tenant).compareTo(new java.math.BigDecimal("0.90")) == 0);
        Instant before = cdr.startedAt().minusSeconds(60);
        Instant after = cdr.startedAt().plusSeconds(60);
        ops().get("/v1/ops/accounts/{t}/cdrs?from={f}&to={to}", tenant, before.toString(), after.toString())
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].cdrId", equalTo(cdr.cdrId()))
                .body("items[0].service", equalTo("sms-out"))
                .body("items[0].status", equalTo("rated"))
                .body("items[0].units", equalTo(2))
                .body("items[0].unitPrice", equalTo("0.0500"))
                .body("items[0].amount", equalTo("0.1000"))
                .body("items[0].currency", equalTo("USD"));
        ops().get("/v1/ops/accounts/{t}/cdrs?from={f}", tenant, after.toString()).then().statusCode(200)
                .body("total", equalTo(0));
        ops().get("/v1/ops/accounts/{t}/cdrs?from=yesterday", tenant).then().statusCode(400)
                .body("errors.field", contains("from"));
        ops().get("/v1/ops/accounts/{t}/cdrs?from={f}&to={to}", tenant, after.toString(), before.toString())
                .then().statusCode(400).body("errors.field", contains("to"));
    }

    @Test
    void theGatewayCanAskForAQuote() {
        String tenant = tenant();
        ops().get("/v1/quotes/sms?tenantId={t}&destination={d}&segments=3", tenant, "+61412345678")
                .then().statusCode(200)
                .body("currency", equalTo("USD"))
                .body("unitPrice", equalTo("0.0500"))
                .body("segments", equalTo(3))
                .body("total", equalTo("0.1500"));
        ops().get("/v1/quotes/sms?tenantId={t}&destination=nowhere&segments=0", tenant)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", contains("destination", "segments"));
        // a tenant whose account is kept in a currency the rate card has no rate in
        ops().body(Map.of("currency", "EUR")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(201);
        ops().get("/v1/quotes/sms?tenantId={t}&destination={d}", tenant, "+61412345678")
                .then().statusCode(422).contentType(PROBLEM);
    }
}
