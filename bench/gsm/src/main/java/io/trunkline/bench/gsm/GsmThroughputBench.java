package io.trunkline.bench.gsm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.trunkline.events.EventCodec;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.sandbox.modem.ModemBank;
import io.trunkline.sandbox.modem.ModemConfig;

/**
 * Messages per minute through N simulated modems with a fixed per-send latency, end to end: SmsAccepted on
 * sms.outbound (real local broker) -> the packaged gsm-gateway-service (real MariaDB) -> AT+CMGS over socat ptys to
 * the stand-ins -> SENT on sms.status. Compared with the physical limit N x 60 / latency.
 * Args: [ports list, e.g. 1,2,4] [latency ms] [messages per port].
 */
public final class GsmThroughputBench {
    private static final int KAFKA_PORT = 19092;
    private static final int HTTP_PORT = 18081;
    private static final String DB = "trunkline_gsm_bench";

    private GsmThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        String[] portCounts = (args.length > 0 ? args[0] : "1,4").split(",");
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        int perPort = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path root = Path.of(System.getProperty("trunkline.root", "../..")).toAbsolutePath().normalize();
        Path service = root.resolve("gsm-gateway-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(service)) {
            throw new IllegalStateException("package the service first: ./mvnw -B -o -pl gsm-gateway-service package "
                    + "-DskipTests (" + service + " is missing)");
        }
        Path work = Files.createTempDirectory("gsm-bench");
        Process kafka = new ProcessBuilder("java", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.trunkline.sandbox.kafka.LocalKafkaBroker", work.resolve("kafka").toString(),
                String.valueOf(KAFKA_PORT), String.valueOf(KAFKA_PORT + 1))
                .redirectErrorStream(true).redirectOutput(work.resolve("kafka.log").toFile()).start();
        List<String> rows = new ArrayList<>();
        try {
            waitPort(KAFKA_PORT, Duration.ofSeconds(60));
            for (String n : portCounts) {
                rows.add(run(Integer.parseInt(n.trim()), latency, perPort, service, work));
            }
        } finally {
            kafka.destroy();
            kafka.waitFor(10, TimeUnit.SECONDS);
            kafka.destroyForcibly();
        }
        System.out.println();
        System.out.println("| ports | latency | messages | seconds | msg/min end to end (of limit) "
                + "| msg/min steady state (of limit) | limit = ports x 60 / latency |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(int ports, long latency, int perPort, Path service, Path work) throws Exception {
        sql("DROP DATABASE IF EXISTS " + DB);
        List<ModemConfig> configs = new ArrayList<>();
        for (int i = 0; i < ports; i++) {
            configs.add(ModemConfig.of("modem" + i, "+6140000010" + i)
                    .withDelays(Duration.ofMillis(latency), Duration.ofMillis(500)));
        }
        try (ModemBank bank = ModemBank.start(work.resolve("modems-" + ports), configs)) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("TRUNKLINE_KAFKA", "127.0.0.1:" + KAFKA_PORT);
            for (int i = 0; i < ports; i++) {
                env.put("TRUNKLINE_GSM_PORTS_MODEM" + i + "_DEVICE", bank.devices().get(i).toString());
                env.put("TRUNKLINE_GSM_PORTS_MODEM" + i + "_SIM_NUMBER", configs.get(i).simNumber());
            }
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx384m",
                    "-Dquarkus.http.port=" + HTTP_PORT,
                    "-Dquarkus.datasource.jdbc.url=jdbc:mysql://127.0.0.1:3306/" + DB + "?createDatabaseIfNotExist=true",
                    "-Dquarkus.log.level=WARN",
                    "-jar", service.toString());
            pb.environment().putAll(env);
            pb.redirectErrorStream(true).redirectOutput(work.resolve("gsm-" + ports + ".log").toFile());
            Process svc = pb.start();
            try {
                waitReady(ports, Duration.ofSeconds(90));
                String row = measure(ports, latency, perPort);
                for (var m : bank.modems()) {
                    var subs = m.submitted();
                    long gaps = 0;
                    long worst = 0;
                    for (int i = 1; i < subs.size(); i++) {
                        long g = Duration.between(subs.get(i - 1).at(), subs.get(i).at()).toMillis();
                        gaps += g;
                        worst = Math.max(worst, g);
                    }
                    System.out.printf("  %s: %d sent, mean time between +CMGS %.0f ms (worst %d ms)%n",
                            m.config().name(), subs.size(), subs.size() > 1 ? (double) gaps / (subs.size() - 1) : 0,
                            worst);
                }
                return row;
            } finally {
                svc.destroy();
                if (!svc.waitFor(15, TimeUnit.SECONDS)) {
                    svc.destroyForcibly();
                }
            }
        } finally {
            sql("DROP DATABASE IF EXISTS " + DB);
        }
    }

    private static String measure(int ports, long latency, int perPort) {
        int total = ports * perPort;
        String bootstrap = "127.0.0.1:" + KAFKA_PORT;
        Set<String> ids = new HashSet<>();
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(),
                new StringDeserializer());
                KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(),
                        new StringSerializer())) {
            consumer.subscribe(List.of(Topics.SMS_STATUS));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long t0 = System.nanoTime();
            for (int i = 0; i < total; i++) {
                SmsAccepted sms = new SmsAccepted(UUID.randomUUID().toString(), "bench", "+61400000000",
                        String.format("+6142%07d", i), "Benchmark message " + i, SmsEncoding.GSM7, 1, "gsm", false,
                        null, null, Instant.now());
                ids.add(sms.messageId());
                EventEnvelope<TrunklineEvent> env = EventEnvelope.of(sms, "/bench");
                ProducerRecord<String, String> r = new ProducerRecord<>(env.topic(), env.key(),
                        EventCodec.toJson(sms));
                env.headers().toKafkaHeaders().forEach((k, v) -> r.headers().add(k, v));
                producer.send(r);
            }
            producer.flush();
            Set<String> sent = new HashSet<>();
            long first = 0;
            long last = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(latency * (perPort + 5) * 3 + 60_000);
            while (sent.size() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(100))) {
                    Map<String, byte[]> h = new HashMap<>();
                    for (Header x : rec.headers()) {
                        h.put(x.key(), x.value());
                    }
                    if (EventCodec.read(rec.topic(), rec.key(), h, rec.value()).payload() instanceof SmsStatusChanged s
                            && s.status() == SmsStatus.SENT && ids.contains(s.messageId())) {
                        if (sent.add(s.messageId())) {
                            last = System.nanoTime();
                            first = first == 0 ? last : first;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (sent.size() < total) {
                throw new IllegalStateException("only " + sent.size() + " of " + total + " SENT in " + seconds + " s");
            }
            double perMin = total * 60 / seconds;
            double limit = ports * 60_000.0 / latency;
            // steady state: the first round fills the pipeline; from the first SENT to the last, (rounds - 1)
            // rounds of `ports` messages each went through
            double steady = (total - ports) * 60 / ((last - first) / 1e9);
            String row = String.format("| %d | %d ms | %d | %.1f | %.1f (%.1f %%) | %.1f (%.1f %%) | %.1f |", ports,
                    latency, total, seconds, perMin, 100 * perMin / limit, steady, 100 * steady / limit, limit);
            System.out.println(row);
            return row;
        }
    }

    private static void waitReady(int ports, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT
                        + "/ops/gsm/ports")).header("Authorization", "Bearer dev-operator-token").build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && count(r.body(), "\"state\":\"READY\"") == ports) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the service did not get " + ports + " ports READY in " + timeout);
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            n++;
        }
        return n;
    }

    private static void waitPort(int port, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Kafka did not open port " + port);
    }

    private static void sql(String statement) throws Exception {
        Process p = new ProcessBuilder("mysql", "-h127.0.0.1", "-uroot", "-e", statement).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("mysql failed: " + statement);
        }
    }
}
