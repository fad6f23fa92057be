package io.trunkline.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.pdu.SubmitSm;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsReceived;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** The relay against a second, independent SMPP implementation as the SMSC: Cloudhopper ch-smpp's server. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MySqlTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "relay_ch_test"), restrictToAnnotatedClass = true)
@QuarkusTestResource(value = CloudhopperSmscResource.class, restrictToAnnotatedClass = true)
class CloudhopperSmscTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aGsmMessageIsSubmittedAndItsCloudhopperReceiptDeliversIt() {
        SmsAccepted sms = sms("+61418000001", "Hello {world} @ 5\u20ac", SmsEncoding.GSM7);
        TestTopics.publish(bootstrap, sms);
        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        assertEquals(List.of(SmsStatus.SENT, SmsStatus.DELIVERED),
                statuses.stream().map(SmsStatusChanged::status).toList());
        SubmitSm s = submitsTo("61418000001").get(0);
        assertEquals(0, s.getDataCoding());
        assertEquals(sms.text(), CharsetUtil.decode(s.getShortMessage(), CharsetUtil.CHARSET_GSM));
        assertEquals(1, s.getRegisteredDelivery());
        assertTrue(statuses.get(0).channelMessageId().matches("9\\d{9}"), "Cloudhopper's decimal id");
    }

    @Test
    void aLongUcs2MessageGoesAsUdhPartsThatCloudhopperReassembles() {
        String text = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! \ud83d\ude00 ".repeat(9); // 144 UTF-16 units: 3 parts
        SmsAccepted sms = sms("+61418000002", text, SmsEncoding.UCS2);
        TestTopics.publish(bootstrap, sms);
        awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        List<SubmitSm> parts = submitsTo("61418000002");
        assertEquals(3, parts.size());
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            SubmitSm p = parts.get(i);
            assertEquals(8, p.getDataCoding());
            assertTrue((p.getEsmClass() & 0x40) != 0);
            byte[] sm = p.getShortMessage();
            assertEquals(5, sm[0]);
            assertEquals(3, sm[4]);
            assertEquals(i + 1, sm[5]);
            joined.append(new String(sm, 6, sm.length - 6, StandardCharsets.UTF_16BE));
        }
        assertEquals(text, joined.toString());
    }

    @Test
    void aCloudhopperMoBecomesAnInboundMessage() throws Exception {
        CloudhopperSmscResource.smsc().sendMo("61412999000", "61400000777",
                CharsetUtil.encode("Vote YES", CharsetUtil.CHARSET_GSM));
        List<EventEnvelope<SmsReceived>> got = TestTopics.await(bootstrap, Topics.SMS_INBOUND, SmsReceived.class,
                r -> r.from().equals("+61412999000"), WAIT);
        SmsReceived mo = got.get(got.size() - 1).payload();
        assertEquals("Vote YES", mo.text());
        assertEquals("+61400000777", mo.to());
    }

    private static SmsAccepted sms(String to, String text, SmsEncoding encoding) {
        return new SmsAccepted(UUID.randomUUID().toString(), "tenant-ch", "+61400000000", to, text, encoding, 1,
                "smpp:sandbox", true, null, null, Instant.now());
    }

    private static List<SubmitSm> submitsTo(String dest) {
        return CloudhopperSmscResource.smsc().submits.stream()
                .filter(s -> s.getDestAddress().getAddress().equals(dest)).toList();
    }

    private List<SmsStatusChanged> awaitStatus(String messageId, SmsStatus status) {
        return TestTopics.await(bootstrap, Topics.SMS_STATUS, SmsStatusChanged.class,
                s -> s.messageId().equals(messageId) && s.status() == status, WAIT).stream()
                .map(EventEnvelope::payload).filter(s -> s.messageId().equals(messageId)).toList();
    }
}
