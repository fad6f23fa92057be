package io.trunkline.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.sandbox.smsc.Submitted;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** A carrier that answers ESME_RTHROTTLED beyond one submit a second: the relay waits and submits the part again. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MySqlTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "relay_throttle_test"), restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SandboxSmscResource.class,
        initArgs = @ResourceArg(name = "maxSubmitsPerSecond", value = "1"), restrictToAnnotatedClass = true)
class ThrottledCarrierTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void throttledPartsAreRetriedUntilTheMessageGoesThrough() {
        String text = "z".repeat(153 * 3);
        SmsAccepted sms = new SmsAccepted(UUID.randomUUID().toString(), "tenant-t", "+61400000000", "+61413000001",
                text, SmsEncoding.GSM7, 3, "smpp:sandbox", true, null, null, Instant.now());
        TestTopics.publish(bootstrap, sms);

        List<SmsStatusChanged> statuses = TestTopics.await(bootstrap, Topics.SMS_STATUS, SmsStatusChanged.class,
                s -> s.messageId().equals(sms.messageId()) && s.status() == SmsStatus.DELIVERED, Duration.ofSeconds(60))
                .stream().map(EventEnvelope::payload).filter(s -> s.messageId().equals(sms.messageId())).toList();
        assertEquals(List.of(SmsStatus.SENT, SmsStatus.DELIVERED), statuses.stream().map(SmsStatusChanged::status).toList());

        List<Submitted> submits = SandboxSmscResource.smsc().submitted().stream()
                .filter(s -> s.destAddr().equals("61413000001")).toList();
        assertTrue(submits.stream().anyMatch(s -> s.commandStatus() == 0x58), "the carrier throttled: " + submits);
        List<Submitted> accepted = submits.stream().filter(Submitted::accepted).toList();
        assertEquals(3, accepted.size());
        assertEquals(List.of(1, 2, 3), accepted.stream().map(Submitted::concatSeq).toList());
    }
}
