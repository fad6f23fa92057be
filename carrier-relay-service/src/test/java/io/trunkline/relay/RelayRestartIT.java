package io.trunkline.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsReceived;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.sandbox.smsc.SandboxSmsc;
import io.trunkline.sandbox.smsc.SmscConfig;
import io.trunkline.testsupport.EmbeddedKafka;
import io.trunkline.testsupport.TestDatabase;
import io.trunkline.testsupport.TestTopics;

/**
 * A real restart of the packaged relay ({@code target/quarkus-app/quarkus-run.jar}, run as a child process) between
 * a submit and its receipt. What is simulated, precisely: the relay process is killed with SIGKILL (no shutdown hook,
 * no unbind) right after it published SENT; the SMSC (sandbox, in this JVM, receipts 4 s after the submit) finds no
 * receiver and keeps the receipt, retrying, as real SMSCs do; a new relay process starts on the same database and
 * broker, binds, and receives the receipt. Between the two processes the SMSC also delivers the first part of a
 * concatenated MO (to the first process) and the second part (to the second).
 */
class RelayRestartIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String bootstrap;
    private static TestDatabase db;
    private static SandboxSmsc smsc;
    private static Process relay;

    @BeforeAll
    static void start() throws Exception {
        bootstrap = EmbeddedKafka.bootstrapServers();
        db = TestDatabase.create("relay_restart_it");
        smsc = SandboxSmsc.start(SmscConfig.defaults().withReceiptDelay(Duration.ofSeconds(4)));
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.destroyForcibly();
        }
        if (smsc != null) {
            smsc.close();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void aReceiptAfterAKillAndRestartStillSettlesTheMessage() throws Exception {
        relay = startRelay(1);
        SmsAccepted sms = new SmsAccepted(UUID.randomUUID().toString(), "tenant-r", "+61400000000", "+61419000001",
                "survive a restart", SmsEncoding.GSM7, 1, "smpp:sandbox", true, null, null, Instant.now());
        TestTopics.publish(bootstrap, sms);
        awaitStatus(sms.messageId(), SmsStatus.SENT);
        String text = "Part one then a crash, part two after the restart. ".repeat(4); // 2 parts
        smsc.sendMoConcatenated("+61412000042", "+61400000042", text, 42, 1);

        relay.destroyForcibly().waitFor(); // SIGKILL: no unbind, nothing flushed
        await().atMost(WAIT).until(() -> smsc.boundSessions() == 0); // the SMSC saw the connection die

        relay = startRelay(2);
        List<SmsStatusChanged> statuses = awaitStatus(sms.messageId(), SmsStatus.DELIVERED);
        assertEquals(SmsStatus.DELIVERED, statuses.get(statuses.size() - 1).status());
        assertEquals(1, smsc.accepted().stream().filter(s -> s.destAddr().equals("61419000001")).count(),
                "submitted once across the restart");

        smsc.sendMoConcatenated("+61412000042", "+61400000042", text, 42, 2);
        List<EventEnvelope<SmsReceived>> mo = TestTopics.await(bootstrap, Topics.SMS_INBOUND, SmsReceived.class,
                r -> r.from().equals("+61412000042"), WAIT);
        assertEquals(text, mo.get(mo.size() - 1).payload().text());
    }

    private static Process startRelay(int n) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        File jar = new File("target/quarkus-app/quarkus-run.jar");
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx384m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dtrunkline.relay.carriers.sandbox.host=127.0.0.1",
                "-Dtrunkline.relay.carriers.sandbox.port=" + smsc.port(),
                "-Dtrunkline.relay.carriers.sandbox.reconnect-backoff=200ms",
                "-Dtrunkline.relay.email.smtp-port=0",
                "-jar", jar.getAbsolutePath())
                .redirectErrorStream(true).redirectOutput(new File("target/restart-it-relay-" + n + ".log")).start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return p;
    }

    private static List<SmsStatusChanged> awaitStatus(String messageId, SmsStatus status) {
        return TestTopics.await(bootstrap, Topics.SMS_STATUS, SmsStatusChanged.class,
                s -> s.messageId().equals(messageId) && s.status() == status, WAIT).stream()
                .map(EventEnvelope::payload).filter(s -> s.messageId().equals(messageId)).toList();
    }
}
