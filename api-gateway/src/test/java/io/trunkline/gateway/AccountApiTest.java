package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.BalanceChanged;
import io.trunkline.events.EventType;
import io.trunkline.events.Topics;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class AccountApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    GatewayDatabase db;

    private static final Map<String, String> HEY_JUDE = Map.of("to", "+61412345678", "from", "Trunkline", "text", "Hey Jude");

    @Test
    void withoutABalanceYetTheAccountShowsNoneAndMessagesAreAdmitted() {
        String[] t = tenantWithKey("Newcomer");
        tenant(t[1]).get("/v1/account").then().statusCode(200)
                .body("tenantId", equalTo(t[0]))
                .body("name", equalTo("Newcomer"))
                .body("balance", nullValue())
                .body("currency", nullValue())
                .body("blocked", equalTo(false));
        send(t[1], HEY_JUDE).then().statusCode(202);
    }

    @Test
    void theLatestBalanceIsShownAndAnOlderVersionDoesNotOverwriteIt() {
        String[] t = tenantWithKey("Payer");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope<TrunklineEvent> v5 = TestTopics.publish(bootstrap, new BalanceChanged(t[0], "USD",
                new BigDecimal("99.95"), new BigDecimal("10"), true, false, 5, "top-up", at));
        db.awaitProcessed(v5.headers().id());
        tenant(t[1]).get("/v1/account").then().statusCode(200)
                .body("tenantId", equalTo(t[0]))
                .body("balance", equalTo("99.9500"))
                .body("currency", equalTo("USD"))
                .body("creditLimit", equalTo("10.0000"))
                .body("available", equalTo("109.9500"))
                .body("prepaid", equalTo(true))
                .body("blocked", equalTo(false))
                .body("updatedAt", equalTo(at.toString()));

        EventEnvelope<TrunklineEvent> v4 = TestTopics.publish(bootstrap, new BalanceChanged(t[0], "USD",
                new BigDecimal("1.00"), BigDecimal.ZERO, true, true, 4, "stale", at.minusSeconds(60)));
        EventEnvelope<TrunklineEvent> v5again = TestTopics.publish(bootstrap, new BalanceChanged(t[0], "USD",
                new BigDecimal("5.00"), BigDecimal.ZERO, true, true, 5, "same version", at));
        db.awaitProcessed(v4.headers().id());
        db.awaitProcessed(v5again.headers().id());
        tenant(t[1]).get("/v1/account").then().body("balance", equalTo("99.9500")).body("blocked", equalTo(false));
        send(t[1], HEY_JUDE).then().statusCode(202);
    }

    @Test
    void aBlockedAccountGets402() {
        String[] t = tenantWithKey("Blocked");
        EventEnvelope<TrunklineEvent> e = TestTopics.publish(bootstrap, new BalanceChanged(t[0], "USD",
                new BigDecimal("50"), BigDecimal.ZERO, false, true, 1, "fraud hold", Instant.now()));
        db.awaitProcessed(e.headers().id());
        send(t[1], HEY_JUDE).then().statusCode(402)
                .contentType("application/problem+json")
                .body("type", endsWith("/insufficient-funds"))
                .body("detail", containsString("blocked"));
        tenant(t[1]).get("/v1/account").then().body("blocked", equalTo(true));
        tenant(t[1]).get("/v1/messages").then().body("items", org.hamcrest.Matchers.hasSize(0));

        // billing unblocks: admitted again
        EventEnvelope<TrunklineEvent> unblocked = TestTopics.publish(bootstrap, new BalanceChanged(t[0], "USD",
                new BigDecimal("50"), BigDecimal.ZERO, false, false, 2, "released", Instant.now()));
        db.awaitProcessed(unblocked.headers().id());
        send(t[1], HEY_JUDE).then().statusCode(202);
    }

    @Test
    void aPrepaidAccountWithNothingAvailableGets402ButPostpaidDoesNot() {
        String[] prepaid = tenantWithKey("Prepaid");
        EventEnvelope<TrunklineEvent> e = TestTopics.publish(bootstrap, new BalanceChanged(prepaid[0], "EUR",
                new BigDecimal("-5"), new BigDecimal("5"), true, false, 1, "spent", Instant.now()));
        db.awaitProcessed(e.headers().id());
        tenant(prepaid[1]).get("/v1/account").then().body("available", equalTo("0.0000"));
        send(prepaid[1], HEY_JUDE).then().statusCode(402).contentType("application/problem+json")
                .body("type", endsWith("/insufficient-funds"));

        String[] postpaid = tenantWithKey("Postpaid");
        EventEnvelope<TrunklineEvent> p = TestTopics.publish(bootstrap, new BalanceChanged(postpaid[0], "EUR",
                new BigDecimal("-500"), BigDecimal.ZERO, false, false, 1, "invoice due", Instant.now()));
        db.awaitProcessed(p.headers().id());
        tenant(postpaid[1]).get("/v1/account").then().body("balance", equalTo("-500.0000")).body("available", nullValue());
        send(postpaid[1], HEY_JUDE).then().statusCode(202);
    }

    @Test
    void unreadableBalanceEventGoesToTheDeadLetterTopic() {
        String id = TestTopics.publishUnreadable(bootstrap, EventType.BALANCE_CHANGED);
        TestTopics.awaitDeadLettered(bootstrap, Topics.BILLING_BALANCES, id, Duration.ofSeconds(30));
        org.junit.jupiter.api.Assertions.assertFalse(db.processed(id));
    }
}
