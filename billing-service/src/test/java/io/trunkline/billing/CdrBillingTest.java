package io.trunkline.billing;

import static io.trunkline.billing.BillingTestSupport.assertMoney;
import static io.trunkline.billing.BillingTestSupport.awaitConsumed;
import static io.trunkline.billing.BillingTestSupport.balance;
import static io.trunkline.billing.BillingTestSupport.call;
import static io.trunkline.billing.BillingTestSupport.inTx;
import static io.trunkline.billing.BillingTestSupport.ops;
import static io.trunkline.billing.BillingTestSupport.sms;
import static io.trunkline.billing.BillingTestSupport.tenant;
import static io.trunkline.billing.BillingTestSupport.topUp;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.billing.repository.AccountRepository;
import io.trunkline.billing.repository.BalanceAlertRepository;
import io.trunkline.billing.repository.LedgerRepository;
import io.trunkline.billing.repository.RatedCdrRepository;
import io.trunkline.events.BalanceChanged;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.EventType;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** CDRs from the real broker into real MariaDB: rated, charged once, and the new balance published. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing_test"))
class CdrBillingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final BigDecimal SMS_OUT = new BigDecimal("0.0500");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AccountRepository accounts;
    @Inject
    LedgerRepository ledger;
    @Inject
    RatedCdrRepository cdrs;
    @Inject
    BalanceAlertRepository alerts;
    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void cdrIsChargedSegmentsTimesRateAndTheNewBalanceIsPublished() {
        String tenant = tenant();
        topUp(tenant, "25.00");
        CdrRecorded cdr = sms(tenant, "cdr-" + UUID.randomUUID(), 3, true);
        TestTopics.publish(bootstrap, cdr);

        List<EventEnvelope<BalanceChanged>> seen = TestTopics.await(bootstrap, Topics.BILLING_BALANCES,
                BalanceChanged.class, b -> tenant.equals(b.tenantId()) && ("cdr " + cdr.cdrId()).equals(b.cause()), WAIT);
        BalanceChanged changed = seen.get(seen.size() - 1).payload();
        BigDecimal expected = new BigDecimal("25.00").subtract(SMS_OUT.multiply(BigDecimal.valueOf(3)));
        assertEquals(0, expected.compareTo(changed.balance()), "balance " + changed.balance());
        assertEquals("USD", changed.currency());
        assertEquals(2, changed.version(), "top-up is version 1, the charge version 2");
        assertFalse(changed.blocked());
        assertEquals(tenant, seen.get(seen.size() - 1).key(), "keyed by tenant id (compacted topic)");
        assertEquals(0, expected.compareTo(balance(tenant)));

        RatedCdr rated = inTx(() -> cdrs.findById(cdr.cdrId()));
        assertEquals(CdrStatus.RATED, rated.status);
        assertEquals(3, rated.units);
        assertMoney("0.0500", rated.unitPrice);
        assertMoney("0.1500", rated.amount);
        assertEquals("USD", rated.currency);
        assertEquals("default", rated.ratePlan);
        assertNotNull(rated.ledgerEntryId);

        LedgerEntry charge = inTx(() -> ledger.findById(rated.ledgerEntryId));
        assertEquals(EntryType.CHARGE, charge.type);
        assertMoney("-0.15", charge.amount);
        assertMoney(expected.toPlainString(), charge.balanceAfter);
        assertEquals(cdr.cdrId(), charge.reference);
        assertEquals("/trunkline/test", charge.actor);
    }

    @Test
    void aRedeliveredEventAndARepublishedCdrAreChargedOnce() {
        String tenant = tenant();
        topUp(tenant, "10.00");
        CdrRecorded cdr = sms(tenant, "cdr-" + UUID.randomUUID(), 1, true);
        EventEnvelope<TrunklineEvent> first = TestTopics.publish(bootstrap, cdr);
        await().atMost(WAIT).until(() -> balance(tenant).compareTo(new BigDecimal("9.95")) == 0);

        TestTopics.publish(bootstrap, first); // the same envelope again: same ce_id
        EventEnvelope<TrunklineEvent> republished = TestTopics.publish(bootstrap, cdr); // new ce_id, same cdrId
        assertFalse(first.headers().id().equals(republished.headers().id()));
        awaitConsumed(bootstrap);

        assertMoney("9.95", balance(tenant));
        ops().get("/v1/ops/accounts/{t}", tenant).then().body("version", equalTo(2));
        assertEquals(1L, (long) inTx(() -> cdrs.count("tenantId", tenant)));
        assertEquals(1L, (long) inTx(() -> ledger.count("tenantId = ?1 and type = ?2", tenant, EntryType.CHARGE)));
        assertEquals(first.headers().id(), inTx(() -> cdrs.findById(cdr.cdrId()).eventId));
    }

    @Test
    void aFailedCdrIsStoredButNotCharged() {
        String tenant = tenant();
        topUp(tenant, "10.00");
        CdrRecorded failed = sms(tenant, "cdr-" + UUID.randomUUID(), 2, false);
        TestTopics.publish(bootstrap, failed);
        await().atMost(WAIT).until(() -> inTx(() -> cdrs.findById(failed.cdrId())) != null);

        RatedCdr stored = inTx(() -> cdrs.findById(failed.cdrId()));
        assertEquals(CdrStatus.NOT_BILLED, stored.status);
        assertMoney("0", stored.amount);
        assertFalse(stored.success);
        assertNull(stored.ledgerEntryId);
        assertMoney("10.00", balance(tenant));
        assertEquals(1L, (long) inTx(() -> ledger.countFor(tenant)), "only the top-up");
        ops().get("/v1/ops/accounts/{t}/cdrs", tenant).then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].cdrId", equalTo(failed.cdrId()))
                .body("items[0].status", equalTo("not-billed"))
                .body("items[0].amount", equalTo("0.0000"));
    }

    @Test
    void aCdrForAnUnknownTenantOpensItsAccountAndIsStillCharged() {
        String tenant = tenant();
        CdrRecorded cdr = sms(tenant, "cdr-" + UUID.randomUUID(), 2, true);
        TestTopics.publish(bootstrap, cdr);
        List<EventEnvelope<BalanceChanged>> seen = TestTopics.await(bootstrap, Topics.BILLING_BALANCES,
                BalanceChanged.class, b -> tenant.equals(b.tenantId()), WAIT);
        BalanceChanged changed = seen.get(seen.size() - 1).payload();
        assertMoney("-0.10", changed.balance());
        assertTrue(changed.prepaid());
        assertTrue(changed.blocked(), "prepaid with no credit: blocked once balance + credit <= 0");

        Account account = inTx(() -> accounts.findById(tenant));
        assertEquals("USD", account.currency);
        assertMoney("-0.10", account.balance);
        assertTrue(account.blocked);
        assertEquals(CdrStatus.RATED, inTx(() -> cdrs.findById(cdr.cdrId()).status));
    }

    @Test
    void callsAreChargedPerStartedMinute() {
        String tenant = tenant();
        topUp(tenant, "1.00");
        CdrRecorded call = call(tenant, "cdr-" + UUID.randomUUID(), 61);
        TestTopics.publish(bootstrap, call);
        await().atMost(WAIT).until(() -> inTx(() -> cdrs.findById(call.cdrId())) != null);
        RatedCdr rated = inTx(() -> cdrs.findById(call.cdrId()));
        assertEquals(120, rated.units, "the default plan bills calls 60/60: 61 s is 120 s");
        assertEquals(120L, rated.billedSeconds);
        assertMoney("0.04", rated.amount);
        assertMoney("0.96", balance(tenant));
    }

    @Test
    void twentyConcurrentCdrsForOneTenantLoseNoUpdate() throws Exception {
        String tenant = tenant();
        topUp(tenant, "100.00");
        int n = 20;
        List<CdrRecorded> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(sms(tenant, "cdr-" + UUID.randomUUID(), 2, true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (CdrRecorded cdr : batch) {
                sent.add(pool.submit(() -> {
                    go.await();
                    return TestTopics.publish(bootstrap, cdr);
                }));
            }
            go.countDown();
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        await().atMost(WAIT).until(() -> inTx(() -> cdrs.count("tenantId", tenant)) == n);
        BigDecimal expected = new BigDecimal("100.00").subtract(SMS_OUT.multiply(BigDecimal.valueOf(2L * n)));
        assertEquals(0, expected.compareTo(balance(tenant)), "balance " + balance(tenant));

        // every change has its own version and the ledger's balances chain without a gap
        List<LedgerEntry> entries = inTx(() -> ledger.list("tenantId = ?1 order by accountVersion", tenant));
        assertEquals(n + 1, entries.size());
        BigDecimal running = BigDecimal.ZERO;
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            assertEquals(i + 1, e.accountVersion);
            running = running.add(e.amount);
            assertEquals(0, running.compareTo(e.balanceAfter), "entry " + e.accountVersion);
        }
        TestTopics.await(bootstrap, Topics.BILLING_BALANCES, BalanceChanged.class,
                b -> tenant.equals(b.tenantId()) && b.version() == n + 1 && expected.compareTo(b.balance()) == 0, WAIT);
    }

    @Test
    void aBurstOfManyTenantsWithDuplicatesAndAnUnreadableRecordIsBilledExactly() {
        // sent back to back so that the consumer takes them in a few batches: one bad record, a re-published CDR
        // and a re-delivered event inside the burst change nothing for the others
        int tenants = 5;
        int perTenant = 12;
        List<String> ids = new ArrayList<>();
        List<EventEnvelope<TrunklineEvent>> sent = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            String tenant = tenant();
            ids.add(tenant);
            topUp(tenant, "10.00");
        }
        String unreadable = null;
        for (int i = 0; i < perTenant; i++) {
            for (String tenant : ids) {
                sent.add(TestTopics.publish(bootstrap, sms(tenant, "cdr-" + UUID.randomUUID(), 1, true)));
            }
            if (i == perTenant / 2) {
                unreadable = TestTopics.publishUnreadable(bootstrap, EventType.CDR_RECORDED);
                TestTopics.publish(bootstrap, sent.get(0)); // same ce_id
                TestTopics.publish(bootstrap, sent.get(1).payload()); // same cdrId, new ce_id
            }
        }
        TestTopics.publish(bootstrap, sms(ids.get(0), "cdr-" + UUID.randomUUID(), 2, false)); // failed: not billed
        String bad = unreadable;
        TestTopics.awaitDeadLettered(bootstrap, Topics.CDR_EVENTS, bad, WAIT);
        for (String tenant : ids) {
            long expected = tenant.equals(ids.get(0)) ? perTenant + 1 : perTenant;
            await().atMost(WAIT).until(() -> inTx(() -> cdrs.count("tenantId", tenant)) == expected);
        }
        awaitConsumed(bootstrap);
        BigDecimal expected = new BigDecimal("10.00").subtract(SMS_OUT.multiply(BigDecimal.valueOf(perTenant)));
        for (String tenant : ids) {
            assertMoney(expected.toPlainString(), balance(tenant));
            List<LedgerEntry> entries = inTx(() -> ledger.list("tenantId = ?1 order by accountVersion", tenant));
            assertEquals(perTenant + 1, entries.size(), "the top-up and one charge per CDR");
            BigDecimal running = BigDecimal.ZERO;
            for (int i = 0; i < entries.size(); i++) {
                assertEquals(i + 1, entries.get(i).accountVersion);
                running = running.add(entries.get(i).amount);
                assertEquals(0, running.compareTo(entries.get(i).balanceAfter));
            }
            ops().get("/v1/ops/accounts/{t}", tenant).then().body("version", equalTo(perTenant + 1));
            TestTopics.await(bootstrap, Topics.BILLING_BALANCES, BalanceChanged.class,
                    b -> tenant.equals(b.tenantId()) && b.version() == perTenant + 1
                            && expected.compareTo(b.balance()) == 0, WAIT);
        }
        assertNull(inTx(() -> cdrs.findById(bad)));
    }

    @Test
    void crossingBelowTheLowBalanceThresholdRecordsOneAlert() {
        String tenant = tenant();
        ops().body(Map.of("lowBalanceThreshold", "5.00")).put("/v1/ops/accounts/{t}", tenant).then().statusCode(201);
        topUp(tenant, "5.05");
        CdrRecorded first = sms(tenant, "cdr-" + UUID.randomUUID(), 2, true); // 5.05 -> 4.95: crosses
        TestTopics.publish(bootstrap, first);
        await().atMost(WAIT).until(() -> inTx(() -> cdrs.findById(first.cdrId())) != null);
        CdrRecorded second = sms(tenant, "cdr-" + UUID.randomUUID(), 1, true); // 4.95 -> 4.90: already below
        TestTopics.publish(bootstrap, second);
        await().atMost(WAIT).until(() -> inTx(() -> cdrs.findById(second.cdrId())) != null);

        List<BalanceAlert> raised = inTx(() -> alerts.forTenant(tenant));
        assertEquals(1, raised.size());
        assertEquals(BalanceAlert.LOW_BALANCE, raised.get(0).kind);
        assertMoney("4.95", raised.get(0).balance);
        assertMoney("5.00", raised.get(0).threshold);
        assertEquals(inTx(() -> cdrs.findById(first.cdrId()).ledgerEntryId), raised.get(0).ledgerEntryId);
    }

    @Test
    void anUnreadableCdrGoesToTheDeadLetterTopic() {
        String id = TestTopics.publishUnreadable(bootstrap, EventType.CDR_RECORDED);
        TestTopics.awaitDeadLettered(bootstrap, Topics.CDR_EVENTS, id, WAIT);
        assertNull(inTx(() -> cdrs.findById(id)));
    }

    @Test
    void theBalancesTopicIsCompacted() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.BILLING_BALANCES);
        try (Admin admin = Admin.create(p)) {
            await().atMost(WAIT).ignoreExceptions().until(() -> "compact".equals(admin.describeConfigs(List.of(topic))
                    .all().get(10, TimeUnit.SECONDS).get(topic).get("cleanup.policy").value()));
        }
    }

    @Test
    void connectionsUseReadCommitted() throws Exception {
        // the locking design relies on it: a check made after taking the account lock sees all committed rows
        try (java.sql.Connection c = dataSource.getConnection()) {
            assertEquals(java.sql.Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
        }
    }

    @Test
    void readyWhenKafkaAndDatabaseAreUp() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200);
        // the operator's endpoints say so in the document, so Swagger UI and generated clients send the token
        io.restassured.RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.operatorToken.scheme", equalTo("bearer"))
                .body("paths.'/v1/ops/invoices'.get.security[0].operatorToken", notNullValue())
                .body("paths.'/v1/ops/invoices'.get.responses.'401'.content.'application/problem+json'",
                        notNullValue());
    }
}
