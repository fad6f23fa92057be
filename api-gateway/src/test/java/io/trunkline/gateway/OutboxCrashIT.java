package io.trunkline.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.trunkline.events.EventCodec;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.testsupport.EmbeddedKafka;
import io.trunkline.testsupport.TestDatabase;

/**
 * "A crash between accept and publish loses nothing": the packaged gateway ({@code target/quarkus-app}) as a child
 * process on a fresh database and the real broker. The first process runs with its outbox relay switched off
 * ({@code trunkline.outbox.enabled=false}), so what it accepts is committed but never published; it is then killed
 * with SIGKILL (no shutdown hooks, no flush). A second process on the same database must publish every accepted message
 * exactly once: one sent at once, one scheduled and already dispatched before the crash, and one still scheduled at
 * the crash, which the second process dispatches when it is due.
 */
class OutboxCrashIT {
    private static final String OPERATOR_TOKEN = "crash-it-operator-token";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();
    private TestDatabase db;

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void acceptedMessagesSurviveAKillBeforePublishAndGoOutOnce() throws Exception {
        String bootstrap = EmbeddedKafka.bootstrapServers();
        db = TestDatabase.create("gateway_it");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;

        Process first = start(bootstrap, port, "gateway-1", false);
        String tenantId = given().header("Authorization", "Bearer " + OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "Crash", "defaultRegion", "AU", "senderIds", List.of("Trunkline")))
                .post(base + "/v1/operator/tenants").then().statusCode(201).extract().path("id");
        String key = given().header("Authorization", "Bearer " + OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "it")).post(base + "/v1/operator/tenants/" + tenantId + "/keys")
                .then().statusCode(201).extract().path("key");

        String now = send(base, key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "sent at once"));
        String dispatched = send(base, key, Map.of("to", "+61412345678", "from", "Trunkline",
                "text", "scheduled, dispatched before the crash", "send_at", Instant.now().plusSeconds(2).toString()));
        String stillScheduled = send(base, key, Map.of("to", "+61412345678", "from", "Trunkline",
                "text", "still scheduled at the crash", "send_at", Instant.now().plusSeconds(60).toString()));
        // the first process dispatches the scheduled one (queued, its event in the outbox) ...
        await().atMost(WAIT).until(() -> "queued".equals(given().auth().oauth2(key)
                .get(base + "/v1/messages/" + dispatched).then().statusCode(200).extract().path("status")));
        // ... and nothing has left: every accepted event is still waiting in the outbox
        assertEquals(Map.of(now, 1, dispatched, 1), pendingOutbox(Set.of(now, dispatched, stillScheduled)));
        assertEquals(0, publishedOutbox());

        first.destroyForcibly(); // SIGKILL
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "killed by SIGKILL, not shut down");

        Process second = start(bootstrap, port, "gateway-2", true);
        List<String> ids = List.of(now, dispatched, stillScheduled);
        // the restarted gateway publishes what the first accepted, and dispatches the still scheduled one when due
        await().atMost(WAIT.multipliedBy(2)).until(() -> publishedOutbox() == 3);
        Map<String, List<SmsAccepted>> onTopic = readAll(bootstrap, Set.copyOf(ids));
        for (String id : ids) {
            assertEquals(1, onTopic.getOrDefault(id, List.of()).size(), "SmsAccepted of " + id + " exactly once: "
                    + onTopic);
            assertEquals(tenantId, onTopic.get(id).get(0).tenantId());
        }
        assertEquals("still scheduled at the crash", onTopic.get(stillScheduled).get(0).text());
        given().auth().oauth2(key).get(base + "/v1/messages/" + stillScheduled).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("queued"));
        assertTrue(second.isAlive());
    }

    private static String send(String base, String key, Map<String, String> body) {
        return given().auth().oauth2(key).contentType(ContentType.JSON).body(body).post(base + "/v1/messages")
                .then().statusCode(202).extract().path("id");
    }

    private Process start(String bootstrap, int port, String name, boolean relay) throws Exception {
        Path jar = Path.of(System.getProperty("gateway.app", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the IT runs after package (./mvnw verify)");
        }
        Path log = Path.of("target", "it-logs", name + ".log");
        Files.createDirectories(log.getParent());
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                "-Dquarkus.datasource.username=" + TestDatabase.user(),
                "-Dquarkus.datasource.password=" + TestDatabase.password(),
                // the first process never publishes: its accepted events stay in the outbox when it is killed
                "-Dtrunkline.outbox.enabled=" + relay,
                "-jar", jar.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TRUNKLINE_KAFKA", bootstrap);
        pb.environment().put("TRUNKLINE_OPERATOR_TOKEN", OPERATOR_TOKEN);
        Process p = pb.start();
        processes.add(p);
        Instant end = Instant.now().plus(WAIT);
        while (!ready(port)) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + "; see " + log);
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException(name + " not ready within " + WAIT + "; see " + log);
            }
            Thread.sleep(250);
        }
        return p;
    }

    private boolean ready(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Unpublished sms.outbound outbox events per message id, among {@code ids}. */
    private Map<String, Integer> pendingOutbox(Set<String> ids) throws Exception {
        Map<String, Integer> pending = new HashMap<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), TestDatabase.user(), TestDatabase.password());
                PreparedStatement s = c.prepareStatement("SELECT record_key FROM outbox_event "
                        + "WHERE topic = 'sms.outbound' AND published_at IS NULL");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                if (ids.contains(r.getString(1))) {
                    pending.merge(r.getString(1), 1, Integer::sum);
                }
            }
        }
        return pending;
    }

    private int publishedOutbox() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), TestDatabase.user(), TestDatabase.password());
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM outbox_event "
                        + "WHERE topic = 'sms.outbound' AND published_at IS NOT NULL");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Every SmsAccepted of these messages on sms.outbound, reading each partition from the start to its end. */
    private static Map<String, List<SmsAccepted>> readAll(String bootstrap, Set<String> ids) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, List<SmsAccepted>> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.SMS_OUTBOUND, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            Instant deadline = Instant.now().plus(WAIT);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + Topics.SMS_OUTBOUND + " to its end " + end);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!ids.contains(r.key())) {
                        continue;
                    }
                    Map<String, byte[]> headers = new HashMap<>();
                    r.headers().forEach(h -> headers.put(h.key(), h.value()));
                    EventEnvelope<TrunklineEvent> env = EventCodec.read(r.topic(), r.key(), headers, r.value());
                    found.computeIfAbsent(r.key(), k -> new ArrayList<>()).add((SmsAccepted) env.payload());
                }
            }
        }
        return found;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
