package io.trunkline.billing;

import static io.trunkline.billing.BillingTestSupport.assertMoney;
import static io.trunkline.billing.BillingTestSupport.awaitConsumed;
import static io.trunkline.billing.BillingTestSupport.balance;
import static io.trunkline.billing.BillingTestSupport.inTx;
import static io.trunkline.billing.BillingTestSupport.ops;
import static io.trunkline.billing.BillingTestSupport.tenant;
import static io.trunkline.billing.BillingTestSupport.topUp;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.billing.repository.LedgerRepository;
import io.trunkline.billing.repository.RatedCdrRepository;
import io.trunkline.billing.service.AccountService;
import io.trunkline.billing.service.AlertDelivery;
import io.trunkline.billing.service.ChargeService;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** Rate plans, CSV import, CDRs rated over the real broker into MariaDB, charges, invoices, routes and alerts. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing_test"))
class RatingEngineTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    RatedCdrRepository cdrs;
    @Inject
    LedgerRepository ledger;
    @Inject
    ChargeService charges;
    @Inject
    AccountService accountService;
    @Inject
    EntityManager em;
    @Inject
    AlertDelivery alerts;
    @Inject
    MockMailbox mailbox;

    static String id(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void plan(String id, String kind, String carrier, String currency, String failedPolicy) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", kind, "currency", currency,
                "failedPolicy", failedPolicy));
        if (carrier != null) {
            body.put("carrier", carrier);
        }
        ops().body(body).put("/v1/ops/rate-plans/{id}", id).then().statusCode(201);
    }

    static void importCsv(String plan, String csv) {
        ops().contentType("text/csv").body(csv).post("/v1/ops/rate-plans/{id}/rates", plan).then().statusCode(200);
    }

    static void assign(String tenant, String plan) {
        ops().body(Map.of("planId", plan)).put("/v1/ops/accounts/{t}/plan", tenant).then().statusCode(200)
                .body("planId", equalTo(plan));
    }

    static CdrRecorded call(String tenant, String destination, long seconds, Instant at, String carrier) {
        return new CdrRecorded("cdr-" + UUID.randomUUID(), tenant, CdrService.CALL_OUT, "call-1", "+27115550000",
                destination, 0, seconds, at, at.plusSeconds(3), at.plusSeconds(3 + seconds), "sip", carrier, true, "16");
    }

    static CdrRecorded sms(String tenant, String destination, int segments, Instant at, String carrier, boolean ok) {
        return new CdrRecorded("cdr-" + UUID.randomUUID(), tenant, CdrService.SMS_OUT, "msg-1", "Trunkline",
                destination, segments, 0, at, null, at.plusMillis(200), "smpp", carrier, ok, ok ? null : "088");
    }

    RatedCdr rated(CdrRecorded cdr) {
        await().atMost(WAIT).until(() -> inTx(() -> cdrs.findById(cdr.cdrId())) != null);
        return inTx(() -> cdrs.findById(cdr.cdrId()));
    }

    @Test
    void callsAreRatedByBlocksLongestPrefixAndEffectiveDatesOverKafka() {
        String plan = id("gold");
        plan(plan, "sell", null, "USD", "not-billed");
        importCsv(plan, """
                prefix,destination,service,rate,connect_fee,initial_block,increment,minimum_charge,start_date,stop_date
                27,South Africa,call-out,0.0300,0,60,60,0,,
                2782,ZA Vodacom,call-out,0.0300,0,30,6,0,,
                2783,ZA MTN,call-out,0.0600,0.0200,1,1,0.1000,,
                2784,ZA Cell C,call-out,0.0100,0,60,60,0,2026-01-01,2026-02-01
                2784,ZA Cell C,call-out,0.0200,0,60,60,0,2026-02-01,
                """);
        String tenant = tenant();
        topUp(tenant, "10.00");
        assign(tenant, plan);
        Instant jan = Instant.parse("2026-01-15T10:00:00Z");
        Instant feb = Instant.parse("2026-02-15T10:00:00Z");

        CdrRecorded at6060 = call(tenant, "+27115550123", 61, jan, null);
        CdrRecorded at306 = call(tenant, "+27821234567", 61, jan, null);
        CdrRecorded minimum = call(tenant, "+27831234567", 10, jan, null);
        CdrRecorded janRate = call(tenant, "+27841234567", 60, jan, null);
        CdrRecorded febRate = call(tenant, "+27841234567", 60, feb, null);
        for (CdrRecorded c : List.of(at6060, at306, minimum, janRate, febRate)) {
            TestTopics.publish(bootstrap, c);
        }

        RatedCdr a = rated(at6060);
        assertEquals("27", a.ratePrefix);
        assertEquals(120L, a.billedSeconds, "61 s at 60/60 bills 120 s");
        assertMoney("0.0600", a.amount);
        assertEquals(plan, a.ratePlan);
        assertMoney("1", a.fxRate);

        RatedCdr b = rated(at306);
        assertEquals("2782", b.ratePrefix, "the longest prefix wins");
        assertEquals(66L, b.billedSeconds, "61 s at 30/6 bills 66 s");
        assertMoney("0.0330", b.amount);

        RatedCdr m = rated(minimum);
        assertEquals("2783", m.ratePrefix);
        assertMoney("0.1000", m.amount, "0.02 connect + 10 s at 0.06/min = 0.03, raised to the 0.10 minimum");

        assertMoney("0.0100", rated(janRate).amount);
        assertMoney("0.0200", rated(febRate).amount, "February's rate from 2026-02-01");
        // 10 - 0.06 - 0.033 - 0.10 - 0.01 - 0.02
        await().atMost(WAIT).until(() -> balance(tenant).compareTo(new BigDecimal("9.777")) == 0);
    }

    @Test
    void fxBuyCostAndMarginAreStoredAndUnmatchedCdrsAreUnrated() {
        String sell = id("eur-plan");
        plan(sell, "sell", null, "EUR", "billed");
        importCsv(sell, "prefix,service,rate\n61,sms-out,0.0400\n");
        String carrier = id("acme");
        String buy = id("acme-buy");
        plan(buy, "buy", carrier, "USD", "not-billed");
        importCsv(buy, "prefix,service,rate\n614,sms-out,0.0100\n");
        ops().body(Map.of("from", "EUR", "to", "USD", "rate", "1.10")).put("/v1/ops/fx").then().statusCode(200);

        String tenant = tenant();
        topUp(tenant, "5.00");
        assign(tenant, sell);
        Instant now = Instant.now();
        CdrRecorded ok = sms(tenant, "+61412345678", 2, now, carrier, true);
        CdrRecorded failed = sms(tenant, "+61412345678", 1, now, carrier, false);
        CdrRecorded nowhere = sms(tenant, "+4420123456", 1, now, carrier, true);
        TestTopics.publish(bootstrap, ok);
        TestTopics.publish(bootstrap, failed);
        TestTopics.publish(bootstrap, nowhere);

        RatedCdr r = rated(ok);
        assertEquals(CdrStatus.RATED, r.status);
        assertEquals("EUR", r.rateCurrency);
        assertMoney("0.08", r.rateAmount);
        assertMoney("1.10", r.fxRate);
        assertMoney("0.088", r.amount);
        assertEquals("USD", r.currency);
        assertEquals(buy, r.buyPlan);
        assertMoney("0.02", r.buyCost);
        assertMoney("0.068", r.margin);
        assertEquals(CdrStatus.RATED, rated(failed).status, "this plan bills failed messages");

        RatedCdr u = rated(nowhere);
        assertEquals(CdrStatus.UNRATED, u.status);
        assertMoney("0", u.amount);
        assertTrue(u.statusReason.contains("no sms-out rate"), u.statusReason);
        ops().get("/v1/ops/cdrs/unrated?size=1000").then().statusCode(200)
                .body("cdrId", org.hamcrest.Matchers.hasItem(nowhere.cdrId()));
        awaitConsumed(bootstrap);
        await().atMost(WAIT).until(() -> balance(tenant).compareTo(new BigDecimal("4.868")) == 0); // 5 - 0.088 - 0.044
    }

    @Test
    void aCsvWithBadRowsImportsNothingAndNamesEachRow() {
        String plan = id("silver");
        plan(plan, "sell", null, "USD", "not-billed");
        importCsv(plan, "prefix,service,rate\n61,sms-out,0.05\n");
        String before = ops().get("/v1/ops/rate-plans/{id}/rates", plan).then().statusCode(200).extract().asString();

        ops().contentType("text/csv").body("""
                prefix,service,rate,increment
                62,sms-out,0.05,
                6a,sms-out,0.05,
                63,teleport,0.05,
                64,call-out,0.05,0
                """).post("/v1/ops/rate-plans/{id}/rates", plan)
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", contains("rows/3/prefix", "rows/4/service", "rows/5/increment"))
                .body("detail", containsString("nothing was imported"));

        assertEquals(before, ops().get("/v1/ops/rate-plans/{id}/rates", plan).then().extract().asString());
        ops().get("/v1/ops/rate-plans/{id}", plan).then().body("rates", equalTo(1));
        assertTrue(before.contains("\n61,,sms-out,USD,0.0500,"), before);
    }

    @Test
    void aMonthlyChargeIsAppliedOncePerPeriodAcrossRunsReplicasAndRestarts() throws Exception {
        String tenant = tenant();
        topUp(tenant, "100.00");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String start = today.minusMonths(2).withDayOfMonth(1).toString();
        ops().body(Map.of("kind", "monthly", "description", "number rental", "amount", "2.50", "startDate", start))
                .post("/v1/ops/accounts/{t}/charges", tenant).then().statusCode(201);
        ops().body(Map.of("kind", "once", "description", "setup", "amount", "10.00", "startDate", today.toString()))
                .post("/v1/ops/accounts/{t}/charges", tenant).then().statusCode(201);

        // two "replicas" at once: two threads, each with its own transactions, over the same database
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = List.of(pool.submit(() -> charges.runDue(today)),
                    pool.submit(() -> charges.runDue(today)));
            for (Future<Integer> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // the job again, then a "restart": a new ChargeService instance with no in-memory state of its own
        charges.runDue(today);
        new ChargeService(em, accountService).runDue(today);

        long fees = inTx(() -> ledger.count("tenantId = ?1 and type = ?2", tenant, EntryType.FEE));
        assertEquals(4, fees, "3 months of rental + 1 setup, each once");
        assertMoney("82.50", balance(tenant));
        // and a period already applied is refused by the key even when the check is bypassed
        String chargeId = inTx(() -> (String) em.createNativeQuery(
                "SELECT charge_id FROM charge_run WHERE tenant_id = ?1 AND period <> 'once' LIMIT 1")
                .setParameter(1, tenant).getSingleResult());
        String period = inTx(() -> (String) em.createNativeQuery(
                "SELECT period FROM charge_run WHERE charge_id = ?1 LIMIT 1").setParameter(1, chargeId).getSingleResult());
        assertEquals(false, inTx(() -> charges.apply(chargeId, period)));
        assertMoney("82.50", balance(tenant));
    }

    @Test
    void invoicesAreDraftThenFinalNumberedWithoutGapsAndDownloadable() {
        String tenant = tenant();
        topUp(tenant, "10.00");
        Instant lastYear = Instant.parse("2025-03-10T12:00:00Z");
        CdrRecorded a = sms(tenant, "+61412345678", 2, lastYear, null, true);
        CdrRecorded b = sms(tenant, "+61412345679", 1, lastYear.plusSeconds(60), null, true);
        CdrRecorded other = sms(tenant, "+61412345679", 1, Instant.parse("2025-04-01T00:00:00Z"), null, true);
        for (CdrRecorded c : List.of(a, b, other)) {
            TestTopics.publish(bootstrap, c);
        }
        rated(a);
        rated(b);
        rated(other);

        String id = ops().body(Map.of("tenantId", tenant, "period", "2025-03")).post("/v1/ops/invoices")
                .then().statusCode(200).body("status", equalTo("draft")).body("number", org.hamcrest.Matchers.nullValue())
                .body("lines", hasSize(1)).body("lines[0].service", equalTo("sms-out"))
                .body("lines[0].quantity", equalTo(2)).body("lines[0].units", equalTo(3))
                .body("total", equalTo("0.1500")).extract().path("id");
        String number = ops().post("/v1/ops/invoices/{id}/finalize", id).then().statusCode(200)
                .body("status", equalTo("final")).extract().path("number");
        assertTrue(number.matches("INV-\\d{6}"), number);
        ops().post("/v1/ops/invoices/{id}/finalize", id).then().statusCode(200).body("number", equalTo(number));
        ops().body(Map.of("tenantId", tenant, "period", "2025-03")).post("/v1/ops/invoices").then().statusCode(409);

        String next = ops().body(Map.of("tenantId", tenant, "period", "2025-04")).post("/v1/ops/invoices")
                .then().statusCode(200).extract().path("id");
        String nextNumber = ops().post("/v1/ops/invoices/{id}/finalize", next).then().statusCode(200)
                .extract().path("number");
        assertEquals(Integer.parseInt(number.substring(4)) + 1, Integer.parseInt(nextNumber.substring(4)),
                "consecutive numbers");

        String csv = ops().get("/v1/ops/invoices/{id}?format=csv", id).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("invoice,number,tenant,period,status,line,kind,service"), csv);
        assertTrue(csv.contains(number + "," + tenant + ",2025-03,final,1,usage,sms-out,,"), csv);
        ops().get("/v1/ops/invoices/{id}", id).then().statusCode(200).body("lines", hasSize(1));
        ops().post("/v1/ops/invoices/{id}/finalize", UUID.randomUUID().toString()).then().statusCode(404);
        // the current month has not ended
        String current = ops().body(Map.of("tenantId", tenant, "period",
                java.time.YearMonth.now(ZoneOffset.UTC).toString())).post("/v1/ops/invoices").then().statusCode(200)
                .extract().path("id");
        ops().post("/v1/ops/invoices/{id}/finalize", current).then().statusCode(409);

        String usage = ops().get("/v1/ops/accounts/{t}/usage?from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z", tenant)
                .then().statusCode(200).extract().asString();
        assertEquals(3, usage.split("\n").length, usage);
        assertTrue(usage.contains(a.cdrId()) && usage.contains(b.cdrId()) && !usage.contains(other.cdrId()), usage);
    }

    @Test
    void routeQuoteListsCarriersByBuyCost() {
        String dest = "+9" + (100 + (int) (Math.random() * 800)) + "1234567";
        String prefix = dest.substring(1, 5);
        String cheap = id("cheap");
        String dear = id("dear");
        plan(cheap + "-card", "buy", cheap, "EUR", "not-billed");
        importCsv(cheap + "-card", "prefix,service,rate\n" + prefix + ",sms-out,0.0100\n" + prefix + ",call-out,0.5\n");
        plan(dear + "-card", "buy", dear, "USD", "not-billed");
        importCsv(dear + "-card", "prefix,service,rate\n" + prefix.substring(0, 3) + ",sms-out,0.0200\n");
        ops().body(Map.of("from", "EUR", "to", "USD", "rate", "1.10")).put("/v1/ops/fx").then().statusCode(200);

        ops().get("/v1/routes/quote?destination={d}&service=sms-out", dest).then().statusCode(200)
                .body("carriers.carrier", contains(cheap, dear))
                .body("carriers[0].comparablePrice", equalTo("0.0110"))
                .body("carriers[1].prefix", equalTo(prefix.substring(0, 3)));
        ops().get("/v1/routes/quote?destination={d}&service=call-out", dest).then().statusCode(200)
                .body("carriers.carrier", contains(cheap));
        ops().get("/v1/routes/quote?destination=x&service=fax").then().statusCode(400)
                .body("errors.field", contains("destination"));
    }

    @Test
    void aTenantQuoteUsesItsPlan() {
        String plan = id("quote");
        plan(plan, "sell", null, "USD", "not-billed");
        importCsv(plan, "prefix,service,rate\n6141,sms-out,0.0300\n61,sms-out,0.0400\n");
        String tenant = tenant();
        assign(tenant, plan);
        ops().get("/v1/quotes/sms?tenantId={t}&destination={d}&segments=3", tenant, "+61412345678").then().statusCode(200)
                .body("currency", equalTo("USD")).body("unitPrice", equalTo("0.0300")).body("segments", equalTo(3))
                .body("total", equalTo("0.0900")).body("plan", equalTo(plan)).body("prefix", equalTo("6141"));
    }

    @Test
    void lowBalanceAlertsGoToASignedWebhookAndByEmail() throws IOException {
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] { ex.getRequestHeaders().getFirst("X-Trunkline-Timestamp"),
                    ex.getRequestHeaders().getFirst("X-Trunkline-Signature"), body });
            // fail the first call: delivery must retry
            ex.sendResponseHeaders(received.size() == 1 ? 503 : 204, -1);
            ex.close();
        });
        server.start();
        try {
            String tenant = tenant();
            topUp(tenant, "10.00");
            String secret = "s3cret-s3cret-s3cret";
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            ops().body(Map.of("webhookUrl", url, "webhookSecret", secret, "email", "finance@example.com"))
                    .put("/v1/ops/accounts/{t}/alert-target", tenant).then().statusCode(200);
            ops().body(Map.of("lowBalanceThreshold", "5.00")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(200);
            mailbox.clear();
            ops().body(Map.of("amount", "-6.00", "note", "test")).post("/v1/ops/accounts/{t}/adjustments", tenant)
                    .then().statusCode(201);
            String alertId = inTx(() -> (String) em.createNativeQuery(
                    "SELECT id FROM balance_alert WHERE tenant_id = ?1").setParameter(1, tenant).getSingleResult());

            alerts.deliverPending(); // the webhook answers 503: retried later
            BalanceAlert a = inTx(() -> em.find(BalanceAlert.class, alertId));
            assertEquals("pending", a.delivery);
            assertEquals(1, a.attempts);
            assertTrue(a.lastError.contains("503"), a.lastError);
            inTx(() -> em.createNativeQuery("UPDATE balance_alert SET next_attempt_at = 0 WHERE id = ?1")
                    .setParameter(1, alertId).executeUpdate());
            alerts.deliverPending();
            a = inTx(() -> em.find(BalanceAlert.class, alertId));
            assertEquals("delivered", a.delivery);
            assertNotNull(a.notifiedAt);

            assertEquals(2, received.size());
            String[] call = received.get(1);
            assertEquals(AlertDelivery.signature(secret, call[0], call[2]), call[1]);
            assertTrue(call[2].contains("\"balance\":\"4.0000\"") && call[2].contains(alertId), call[2]);
            assertEquals(1, mailbox.getMailsSentTo("finance@example.com").size());
            assertTrue(mailbox.getMailsSentTo("finance@example.com").get(0).getText().contains("4.0000 USD"));
        } finally {
            server.stop(0);
        }
    }
}
