package io.trunkline.bench.billing;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;
import io.trunkline.events.CloudEventHeaders;
import io.trunkline.events.EventCodec;
import io.trunkline.events.Topics;
import io.trunkline.testsupport.EmbeddedKafka;
import io.trunkline.testsupport.TestDatabase;

/**
 * End to end: N {@link CdrRecorded} events on {@code cdr.events} to N committed {@code rated_cdr} rows.
 *
 * <p>By default it starts everything itself: the embedded KRaft broker (test-support), a fresh database on the local
 * MySQL-compatible server, and the packaged billing-service ({@code billing-service/target/quarkus-app}) as a
 * separate process; it waits until billing is ready, publishes the CDRs as fast as the producer goes (acks=all,
 * CloudEvents headers, keyed by tenant), polls {@code SELECT COUNT(*) FROM rated_cdr} every 100 ms until it reaches N,
 * prints the figures, and stops and drops everything. With {@code -Dbench.bootstrap} and {@code -Dbench.db} it runs
 * against a billing that is already running instead (e.g. {@code ./trunkline up}'s) and only publishes and counts.
 *
 * <p>System properties: {@code bench.cdrs} (20000), {@code bench.tenants} (200), {@code bench.calls} (percentage of
 * call CDRs, 0), {@code bench.partitions} (4, when the bench creates {@code cdr.events}), {@code bench.billing.opts}
 * (extra JVM options for billing, space separated, e.g. {@code -Dsmallrye.messaging.worker.billing-cdr.max-concurrency=16}),
 * {@code bench.billing.xmx} (512m), {@code bench.timeout} (600 s), {@code bench.commitProbe} (true: first measure the
 * database's own commit rate, the ceiling of a one-transaction-per-CDR design), {@code trunkline.root} (the repository
 * root, default {@code ../..}).
 */
public final class EndToEndBench {
    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.cdrs", 20_000);
        int tenants = Integer.getInteger("bench.tenants", 200);
        int callsPercent = Integer.getInteger("bench.calls", 0);
        int partitions = Integer.getInteger("bench.partitions", 4);
        Duration timeout = Duration.ofSeconds(Long.getLong("bench.timeout", 600));
        Path root = Path.of(System.getProperty("trunkline.root", "../..")).toAbsolutePath().normalize();

        String externalBootstrap = System.getProperty("bench.bootstrap");
        String externalDb = System.getProperty("bench.db");
        boolean external = externalBootstrap != null;

        TestDatabase db = null;
        Process billing = null;
        try {
            String bootstrap = external ? externalBootstrap : EmbeddedKafka.bootstrapServers();
            String dbUrl;
            if (external) {
                dbUrl = externalDb != null ? externalDb : TestDatabase.serverUrl() + "/trunkline_billing";
            } else {
                createTopic(bootstrap, Topics.CDR_EVENTS, partitions);
                db = TestDatabase.create("bench_billing");
                dbUrl = db.jdbcUrl();
                if (Boolean.parseBoolean(System.getProperty("bench.commitProbe", "true"))) {
                    System.out.printf(Locale.ROOT, "database commit ceiling (8 threads, one-row INSERT + COMMIT each, "
                            + "5 s): %,.0f commits/s%n", commitProbe(dbUrl, 8, Duration.ofSeconds(5)));
                }
                billing = startBilling(root, bootstrap, dbUrl);
            }
            long before = external ? count(dbUrl) : 0;
            System.out.printf(Locale.ROOT, "billing ready; publishing %,d CDRs for %d tenants (%d%% calls) to %s%n",
                    n, tenants, callsPercent, bootstrap);

            long t0 = System.nanoTime();
            publish(bootstrap, n, tenants, callsPercent);
            long published = System.nanoTime();

            // count committed rows until all are there
            List<long[]> samples = new ArrayList<>(); // {nanos since t0, rows}
            long rows;
            long deadline = t0 + timeout.toNanos();
            do {
                Thread.sleep(100);
                rows = count(dbUrl) - before;
                samples.add(new long[] { System.nanoTime() - t0, rows });
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + rows + " of " + n + " rows after " + timeout);
                }
                if (billing != null && !billing.isAlive()) {
                    throw new IllegalStateException("billing-service exited with " + billing.exitValue());
                }
            } while (rows < n);
            long done = samples.get(samples.size() - 1)[0];

            double publishSec = (published - t0) / 1e9;
            double totalSec = done / 1e9;
            System.out.printf(Locale.ROOT, "published %,d CDRs in %.2f s (%,.0f/s)%n", n, publishSec, n / publishSec);
            System.out.printf(Locale.ROOT, "all %,d rows committed %.2f s after the first publish: %,.0f CDRs/s end to end%n",
                    n, totalSec, n / totalSec);
            System.out.printf(Locale.ROOT, "steady state (10%% to 90%% of the rows): %,.0f CDRs/s%n",
                    steadyRate(samples, n));
            if (external) {
                System.out.println("(rows counted on " + dbUrl + "; the bench's CDRs stay there)");
            }
        } finally {
            if (billing != null) {
                billing.destroy();
                if (!billing.waitFor(30, TimeUnit.SECONDS)) {
                    billing.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            if (db != null) {
                db.drop();
            }
        }
        // the embedded broker's non-daemon threads would keep the JVM up; its shutdown hook closes it
        System.exit(0);
    }

    /** Rows per second between the samples at 10 % and 90 % of n: the consumer's rate without start-up and tail. */
    static double steadyRate(List<long[]> samples, long n) {
        long[] first = null;
        long[] last = null;
        for (long[] s : samples) {
            if (first == null && s[1] >= n / 10) {
                first = s;
            }
            if (last == null && s[1] >= n * 9 / 10) {
                last = s;
            }
        }
        if (first == null || last == null || last[0] == first[0]) {
            return Double.NaN;
        }
        return (last[1] - first[1]) / ((last[0] - first[0]) / 1e9);
    }

    static void publish(String bootstrap, int n, int tenants, int callsPercent) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Random rnd = new Random(42);
        Instant now = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                String tenant = "bench-" + run + "-" + (i % tenants);
                boolean call = rnd.nextInt(100) < callsPercent;
                String destination = "+614" + String.format(Locale.ROOT, "%08d", rnd.nextInt(100_000_000));
                Instant started = now.minusMillis(n - i);
                CdrRecorded cdr = call
                        ? new CdrRecorded("cdr-" + run + "-" + i, tenant, CdrService.CALL_OUT, "call-" + i, "+61290000000",
                                destination, 0, 1 + rnd.nextInt(300), started, started.plusSeconds(2),
                                started.plusSeconds(60), "sip", "bench-carrier", true, null)
                        : new CdrRecorded("cdr-" + run + "-" + i, tenant, CdrService.SMS_OUT, "msg-" + i, "Trunkline",
                                destination, 1 + rnd.nextInt(2), 0, started, null, started, "smpp", "bench-carrier",
                                true, null);
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CDR_EVENTS, cdr.key(),
                        EventCodec.toJson(cdr));
                for (Map.Entry<String, byte[]> h : CloudEventHeaders.forEvent(cdr, "/trunkline/bench").toKafkaHeaders()
                        .entrySet()) {
                    record.headers().add(h.getKey(), h.getValue());
                }
                producer.send(record);
            }
            producer.flush();
        }
    }

    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    static Process startBilling(Path root, String bootstrap, String dbUrl) throws Exception {
        Path jar = root.resolve("billing-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -B -o -pl billing-service package -DskipTests");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + System.getProperty("bench.billing.xmx", "512m"));
        String opts = System.getProperty("bench.billing.opts", "").trim();
        if (!opts.isEmpty()) {
            cmd.addAll(List.of(opts.split("\\s+")));
        }
        cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.datasource.jdbc.url=" + dbUrl,
                "-Dquarkus.datasource.username=" + TestDatabase.user(),
                "-Dquarkus.datasource.password=" + TestDatabase.password(), "-jar", jar.toString()));
        Path log = Path.of("target/billing-e2e.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TRUNKLINE_KAFKA", bootstrap);
        Process process = pb.start();
        System.out.println("billing-service starting on port " + port + " (log: " + log + ")");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant end = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("billing-service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException("billing-service not ready within 120 s; see " + log);
    }

    /**
     * The database's own ceiling for one-commit-per-CDR designs: {@code threads} connections each inserting one row
     * and committing, for {@code time}, on a scratch table dropped afterwards.
     */
    static double commitProbe(String dbUrl, int threads, Duration time) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_commit_probe (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(64)) ENGINE=InnoDB");
        }
        java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
        long end = System.nanoTime() + time.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(dbUrl, TestDatabase.user(), TestDatabase.password());
                        java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO bench_commit_probe (v) VALUES (?)")) {
                    c.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        ps.setString(1, "probe");
                        ps.executeUpdate();
                        c.commit();
                        commits.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        try (Connection c = DriverManager.getConnection(dbUrl, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_commit_probe");
        }
        return commits.get() / (time.toNanos() / 1e9);
    }

    static long count(String dbUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, TestDatabase.user(), TestDatabase.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM rated_cdr")) {
            r.next();
            return r.getLong(1);
        }
    }
}
