package io.trunkline.bench.relay;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.trunkline.events.EventCodec;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatusChanged;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.sandbox.smsc.SandboxSmsc;
import io.trunkline.sandbox.smsc.SmscConfig;
import io.trunkline.testsupport.EmbeddedKafka;
import io.trunkline.testsupport.TestDatabase;

/**
 * End to end: N {@code SmsAccepted} on {@code sms.outbound} → the packaged carrier-relay-service (a separate JVM,
 * -Xmx512m, window 100 on one transceiver bind) → the sandbox SMSC (this JVM, receipts at once) → receipts →
 * {@code sms.status} DELIVERED for every message, read back from the real broker. Database: a fresh schema on the
 * MariaDB at 127.0.0.1:3306.
 *
 * <pre>java ... EndToEndBenchmark [messages=5000] [path/to/quarkus-run.jar]</pre>
 */
public final class EndToEndBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        String jar = args.length > 1 ? args[1] : "../../carrier-relay-service/target/quarkus-app/quarkus-run.jar";
        String bootstrap = EmbeddedKafka.bootstrapServers();
        TestDatabase db = TestDatabase.create("bench_relay");
        SandboxSmsc smsc = SandboxSmsc.start(SmscConfig.defaults().withReceiptDelay(Duration.ZERO));
        int httpPort = 18083;
        List<String> cmd = new java.util.ArrayList<>(List.of("java", "-Xmx512m"));
        String extra = System.getenv("RELAY_JVM_OPTS"); // e.g. -XX:TieredStopAtLevel=1
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of(
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dtrunkline.relay.carriers.sandbox.host=127.0.0.1",
                "-Dtrunkline.relay.carriers.sandbox.port=" + smsc.port(),
                "-Dtrunkline.relay.carriers.sandbox.window-size=100",
                "-Dtrunkline.relay.email.smtp-port=0",
                "-Dquarkus.log.level=WARN",
                "-jar", jar));
        Process relay = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File("target/relay.log"))
                .start();
        String profile = System.getenv("RELAY_PROFILE"); // collapsed-stack output file for async-profiler
        boolean failed = false;
        try {
            awaitReady(httpPort);
            Thread.sleep(3000); // let the start-up's JIT settle before the baseline
            java.util.Map<String, long[]> cpuAtReady = ThreadCpu.read(relay.pid());
            long processAtReady = ThreadCpu.process(relay.pid());
            String dbPid = System.getenv("RELAY_DB_PID"); // the MariaDB server's pid: its CPU during the run too
            long dbAtReady = dbPid == null ? 0 : ThreadCpu.process(Long.parseLong(dbPid));
            if (profile != null) {
                ThreadCpu.jcmd(relay.pid(), "start,event=itimer,interval=1ms");
            }
            KafkaConsumer<String, String> consumer = consumer(bootstrap);
            consumer.subscribe(List.of("sms.status"));
            consumer.poll(Duration.ofSeconds(2));
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            Set<String> open = new HashSet<>();
            long start = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < n; i++) {
                    SmsAccepted sms = new SmsAccepted(UUID.randomUUID().toString(), "tenant-bench", "+61400000000",
                            String.format("+614%08d", i), "End to end benchmark " + i, SmsEncoding.GSM7, 1,
                            "smpp:sandbox", true, null, null, Instant.now());
                    open.add(sms.messageId());
                    EventEnvelope<TrunklineEvent> env = EventEnvelope.of(sms, "/trunkline/bench");
                    ProducerRecord<String, String> r = new ProducerRecord<>(env.topic(), env.key(),
                            EventCodec.toJson(sms));
                    env.headers().toKafkaHeaders().forEach((k, v) -> r.headers().add(k, v));
                    producer.send(r);
                }
            }
            long published = System.nanoTime();
            int sent = 0;
            long firstSentDone = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    SmsStatusChanged s = EventCodec.fromJson(r.value(), SmsStatusChanged.class);
                    switch (s.status()) {
                        case SENT -> {
                            if (++sent == n) {
                                firstSentDone = System.nanoTime();
                            }
                        }
                        case DELIVERED -> open.remove(s.messageId());
                        default -> {
                        }
                    }
                }
            }
            long done = System.nanoTime();
            System.out.printf("messages %d: published in %.1f s%n", n, (published - start) / 1e9);
            if (firstSentDone > 0) {
                System.out.printf("all SENT after %.1f s -> %.0f submits/s through the relay%n",
                        (firstSentDone - start) / 1e9, n / ((firstSentDone - start) / 1e9));
            }
            System.out.printf("DELIVERED %d of %d after %.1f s -> %.0f messages/s sms.outbound -> receipt%n",
                    n - open.size(), n, (done - start) / 1e9, (n - open.size()) / ((done - start) / 1e9));
            if (profile != null) {
                ThreadCpu.jcmd(relay.pid(), "stop,file=" + profile + ",collapsed");
            }
            ThreadCpu.reportProcess(processAtReady, ThreadCpu.process(relay.pid()), n - open.size());
            if (dbPid != null) {
                long dbCpu = ThreadCpu.process(Long.parseLong(dbPid)) - dbAtReady;
                System.out.printf("database server CPU meanwhile (all its clients): %.1f s = %.2f ms/message%n",
                        dbCpu / 100.0, dbCpu * 10.0 / Math.max(1, n - open.size()));
            }
            ThreadCpu.report(cpuAtReady, ThreadCpu.read(relay.pid()), n - open.size());
            consumer.close();
        } catch (Throwable e) {
            e.printStackTrace(); // System.exit below would otherwise hide it
            failed = true;
        } finally {
            relay.destroy();
            relay.waitFor();
            smsc.close();
            db.drop();
            System.exit(failed ? 1 : 0);
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long until = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < until) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the relay did not become ready; see target/relay.log");
    }
}
