package io.trunkline.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.trunkline.billing.messaging.Channels;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;

/** Shared by the billing tests: the operator API as a client, CDR samples, and "the consumer has caught up". */
final class BillingTestSupport {
    static final String TOKEN = "dev-operator-token";

    private BillingTestSupport() {
    }

    static RequestSpecification ops() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON);
    }

    static String tenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static void topUp(String tenantId, String amount) {
        ops().body(Map.of("amount", amount, "currency", "USD", "reference", "ref-" + UUID.randomUUID()))
                .post("/v1/ops/accounts/{t}/topups", tenantId).then().statusCode(201);
    }

    static BigDecimal balance(String tenantId) {
        return new BigDecimal(ops().get("/v1/ops/accounts/{t}", tenantId).then().statusCode(200).extract()
                .path("balance").toString());
    }

    static CdrRecorded sms(String tenantId, String cdrId, int segments, boolean success) {
        Instant t = Instant.now();
        return new CdrRecorded(cdrId, tenantId, CdrService.SMS_OUT, "msg-" + cdrId, "Trunkline", "+61412345678",
                segments, 0, t, null, t.plusMillis(250), "smpp", "sandbox", success, success ? null : "088");
    }

    static CdrRecorded call(String tenantId, String cdrId, long seconds) {
        Instant t = Instant.now();
        return new CdrRecorded(cdrId, tenantId, CdrService.CALL_OUT, "call-" + cdrId, "+27115550000", "+27821234567",
                0, seconds, t, t.plusSeconds(5), t.plusSeconds(5 + seconds), "sip", "asterisk", true, "16");
    }

    static void assertMoney(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }

    static void assertMoney(String expected, BigDecimal actual, String why) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> why + ": expected " + expected + " but was " + actual);
    }

    /**
     * Waits until billing's consumer group has committed offsets up to the end of every partition of
     * {@code cdr.events}: everything published before the call has been handled (or dead-lettered).
     */
    static void awaitConsumed(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of("cdr.events")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get("cdr.events").partitions().stream()
                    .map(i -> new TopicPartition("cdr.events", i.partition())).toList();
            ListOffsetsResult ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())));
            Map<TopicPartition, Long> end = new HashMap<>();
            for (TopicPartition tp : partitions) {
                end.put(tp, ends.partitionResult(tp).get(10, TimeUnit.SECONDS).offset());
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(Channels.GROUP)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the consumer group's offsets", e);
        }
    }

    static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
