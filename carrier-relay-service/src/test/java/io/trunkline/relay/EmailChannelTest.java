package io.trunkline.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

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
import io.trunkline.relay.email.EmailListener;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** SMS-to-email through GreenMail, and e-mail-to-SMS through the relay's SMTP listener over a real SMTP dialogue. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MySqlTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "relay_email_test"), restrictToAnnotatedClass = true)
@QuarkusTestResource(value = EmailResource.class, restrictToAnnotatedClass = true)
class EmailChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EmailListener listener;

    @Test
    void anSmsRoutedToEmailIsMailedAndDelivered() throws Exception {
        SmsAccepted named = sms("email:Someone@Example.org", "+61400000009", "Meet at 5? \u2713");
        SmsAccepted byNumber = sms("email", "+61400000010", "to the number's mailbox");
        TestTopics.publish(bootstrap, named);
        TestTopics.publish(bootstrap, byNumber);
        List<SmsStatusChanged> s1 = awaitStatus(named.messageId(), SmsStatus.DELIVERED);
        assertEquals(List.of(SmsStatus.SENT, SmsStatus.DELIVERED), s1.stream().map(SmsStatusChanged::status).toList());
        assertEquals("email", s1.get(1).channel());
        awaitStatus(byNumber.messageId(), SmsStatus.DELIVERED);

        MimeMessage m1 = received("Someone@Example.org");
        assertEquals("SMS from +61400000000", m1.getSubject());
        assertEquals("Meet at 5? \u2713", m1.getContent().toString().trim());
        assertEquals(named.messageId(), m1.getHeader("X-Trunkline-Message-Id")[0]);
        MimeMessage m2 = received("61400000010@mail.example");
        assertEquals("to the number's mailbox", m2.getContent().toString().trim());
    }

    @Test
    void mailFromAnAuthorisedSenderBecomesInboundMessagesForItsTenant() throws Exception {
        try (Smtp smtp = new Smtp(listener.port())) {
            smtp.expect("220");
            smtp.send("EHLO client.acme.example", "250");
            smtp.send("MAIL FROM:<Boss@Acme.example>", "250");
            smtp.send("RCPT TO:<+61412345678@sms.test>", "250");
            smtp.send("RCPT TO:<friends@sms.test>", "250");
            smtp.send("DATA", "354");
            smtp.send("From: Boss <boss@acme.example>\r\nTo: friends@sms.test\r\nSubject: ignored subject\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\nPicnic moved to Sunday.\r\n\r\n\r\nBring hats.\r\n"
                    + "> earlier quoted text\r\n-- \r\nThe Boss\r\n.", "250");
            smtp.send("QUIT", "221");
        }
        SmsReceived toNumber = awaitInbound("+61412345678");
        SmsReceived toList = awaitInbound("list:friends");
        for (SmsReceived r : List.of(toNumber, toList)) {
            assertEquals("tenant-e", r.tenantId());
            assertEquals("Boss@Acme.example", r.from());
            assertEquals("Picnic moved to Sunday.\n\nBring hats.", r.text());
            assertEquals(SmsEncoding.GSM7, r.encoding());
            assertEquals(1, r.segments());
        }
    }

    @Test
    void theSubjectIsTheTextOfAnEmptyBodyAndAWholeDomainCanBeAuthorised() throws Exception {
        try (Smtp smtp = new Smtp(listener.port())) {
            smtp.expect("220");
            smtp.send("HELO ops", "250");
            smtp.send("MAIL FROM:<night-shift@ops.acme.example>", "250");
            smtp.send("RCPT TO:<61498765432@sms.test>", "250");
            smtp.send("DATA", "354");
            smtp.send("Subject: Server room too hot\r\n\r\n\r\n.", "250");
        }
        List<EventEnvelope<SmsReceived>> got = TestTopics.await(bootstrap, Topics.SMS_INBOUND, SmsReceived.class,
                r -> r.to().equals("+61498765432"), WAIT);
        assertEquals("Server room too hot", got.get(got.size() - 1).payload().text());
    }

    @Test
    void unknownSendersAndForeignRecipientsAreRefusedWith550() throws Exception {
        try (Smtp smtp = new Smtp(listener.port())) {
            smtp.expect("220");
            smtp.send("EHLO evil", "250");
            String refused = smtp.send("MAIL FROM:<stranger@evil.example>", "550");
            assertTrue(refused.contains("not authorised"), refused);
            smtp.send("RSET", "250");
            smtp.send("MAIL FROM:<boss@acme.example>", "250");
            smtp.send("RCPT TO:<+61412345678@elsewhere.example>", "550");
            smtp.send("RCPT TO:<not a number!@sms.test>", "5");
        }
    }

    /** The e-mail inbound event to this receiver (the two of one mail go to different partitions: awaited apart). */
    private SmsReceived awaitInbound(String to) {
        List<EventEnvelope<SmsReceived>> got = TestTopics.await(bootstrap, Topics.SMS_INBOUND, SmsReceived.class,
                r -> "email".equals(r.channel()) && r.to().equals(to), WAIT);
        return got.get(got.size() - 1).payload();
    }

    private static SmsAccepted sms(String route, String to, String text) {
        return new SmsAccepted(UUID.randomUUID().toString(), "tenant-e", "+61400000000", to, text, SmsEncoding.UCS2,
                1, route, false, null, null, Instant.now());
    }

    private static MimeMessage received(String to) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            for (MimeMessage m : EmailResource.mail().getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equalsIgnoreCase(to)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + to);
    }

    private List<SmsStatusChanged> awaitStatus(String messageId, SmsStatus status) {
        return TestTopics.await(bootstrap, Topics.SMS_STATUS, SmsStatusChanged.class,
                s -> s.messageId().equals(messageId) && s.status() == status, WAIT).stream()
                .map(EventEnvelope::payload).filter(s -> s.messageId().equals(messageId)).toList();
    }

    /** A plain SMTP client over a socket: every reply code is checked. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Smtp(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String expect(String code) throws Exception {
            String line;
            StringBuilder all = new StringBuilder();
            do {
                line = in.readLine();
                if (line == null) {
                    throw new AssertionError("connection closed; expected " + code + " after " + all);
                }
                all.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            assertTrue(line.startsWith(code), "expected " + code + " but got " + all);
            return all.toString();
        }

        String send(String command, String code) throws Exception {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return expect(code);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
