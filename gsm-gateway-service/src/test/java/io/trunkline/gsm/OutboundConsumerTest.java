package io.trunkline.gsm;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.EventType;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.gsm.repository.QueuedMessageRepository;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gsm_test"))
class OutboundConsumerTest {

    @Inject
    QueuedMessageRepository queue;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void readyWhenKafkaAndDatabaseAreUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        // the operator's endpoints say so in the document, so Swagger UI and generated clients send the token
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.operatorToken.scheme", equalTo("bearer"))
                .body("paths.'/ops/gsm/ports'.get.security[0].operatorToken", notNullValue())
                .body("paths.'/ops/gsm/ports'.get.responses.'401'.content.'application/problem+json'",
                        notNullValue());
    }

    @Test
    void queuesOnlyMessagesRoutedToGsmAndOnlyOnce() {
        SmsAccepted gsm = sms("gsm");
        SmsAccepted smpp = sms("smpp:sandbox");
        EventEnvelope<TrunklineEvent> first = TestTopics.publish(bootstrap, gsm);
        TestTopics.publish(bootstrap, first); // redelivery: same ce_id
        TestTopics.publish(bootstrap, smpp);
        SmsAccepted marker = sms("gsm");
        TestTopics.publish(bootstrap, marker);

        await().atMost(Duration.ofSeconds(20)).until(() -> inTx(() -> queue.findById(marker.messageId()) != null));
        inTx(() -> {
            QueuedMessage m = queue.findById(gsm.messageId());
            assertEquals(QueuedMessage.State.QUEUED, m.state);
            assertEquals("+61412345678", m.destination);
            assertNull(queue.findById(smpp.messageId()));
            assertEquals(1, queue.count("messageId", gsm.messageId()));
            return null;
        });
    }

    /**
     * One poll (published together) holding GSM messages among others, a redelivery, and one message re-published
     * under a new ce_id: each GSM message is queued once, nothing else is.
     */
    @Test
    void aPollIsQueuedAsOneByOne() {
        SmsAccepted a = sms("gsm");
        SmsAccepted b = sms("gsm");
        SmsAccepted other = sms("smpp:sandbox");
        EventEnvelope<SmsAccepted> first = EventEnvelope.of(a, "/trunkline/test");
        EventEnvelope<SmsAccepted> republished = EventEnvelope.of(a, "/trunkline/test"); // same message, new ce_id
        TestTopics.publishAll(bootstrap, List.of(first, EventEnvelope.of(other, "/trunkline/test"), first,
                republished, EventEnvelope.of(b, "/trunkline/test")));

        await().atMost(Duration.ofSeconds(20)).until(() -> inTx(() -> queue.findById(b.messageId()) != null));
        inTx(() -> {
            assertEquals(1, queue.count("messageId", a.messageId()));
            assertEquals(QueuedMessage.State.QUEUED, queue.findById(a.messageId()).state);
            assertNull(queue.findById(other.messageId()));
            return null;
        });
    }

    @Test
    void unreadableEventGoesToTheDeadLetterTopic() {
        String id = TestTopics.publishUnreadable(bootstrap, EventType.SMS_ACCEPTED);
        TestTopics.awaitDeadLettered(bootstrap, Topics.SMS_OUTBOUND, id, Duration.ofSeconds(20));
    }

    private static SmsAccepted sms(String route) {
        return new SmsAccepted(UUID.randomUUID().toString(), "tenant-a", "+61400000000", "+61412345678", "Hey Jude",
                SmsEncoding.GSM7, 1, route, true, null, null, Instant.now());
    }

    private static <T> T inTx(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
