package io.trunkline.systemtests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.trunkline.testsupport.EmbeddedKafka;
import io.trunkline.testsupport.TestDatabase;

/**
 * The whole platform as separate processes: the packaged services ({@code target/quarkus-app/quarkus-run.jar}) and
 * the sandbox SMSC, over the test JVM's real KRaft broker and a fresh database per service on the real MySQL server.
 * Logs go to {@code system-tests/target/platform-logs/}.
 */
final class PlatformProcesses implements AutoCloseable {
    static final String OPERATOR_TOKEN = "system-test-operator-token";
    static final List<String> SERVICES = List.of("billing-service", "carrier-relay-service", "gsm-gateway-service",
            "voice-service", "portal-service", "api-gateway");

    private final Path root;
    private final Path logs;
    private final String bootstrap;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<TestDatabase> databases = new ArrayList<>();
    private final Map<String, Map<String, Function<PlatformProcesses, String>>> extraEnv = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int smscPort;

    PlatformProcesses() throws IOException {
        root = Path.of(System.getProperty("trunkline.root", "..")).toAbsolutePath().normalize();
        logs = root.resolve("system-tests/target/platform-logs");
        Files.createDirectories(logs);
        bootstrap = EmbeddedKafka.bootstrapServers();
        // how the services find each other (the ports are random): as compose and deploy/k8s wire them
        env("api-gateway", "TRUNKLINE_BILLING_URL", p -> p.url("billing-service"));
        env("api-gateway", "TRUNKLINE_VOICE_URL", p -> p.url("voice-service"));
        env("portal-service", "TRUNKLINE_GATEWAY_URL", p -> p.url("api-gateway"));
    }

    /**
     * An environment variable for one service's process, computed at {@link #start()} when every service's port is
     * known (so it may name another service's {@link #url(String)}). Call before {@code start()}; a later call for the
     * same name replaces the earlier one.
     */
    PlatformProcesses env(String service, String name, Function<PlatformProcesses, String> value) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("unknown service " + service + "; one of " + SERVICES);
        }
        extraEnv.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    String bootstrap() {
        return bootstrap;
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    Path log(String part) {
        return logs.resolve(part + ".log");
    }

    void start() throws Exception {
        smscPort = freePort();
        Path sandbox = root.resolve("sandbox/target");
        require(sandbox.resolve("sandbox.jar"));
        ProcessBuilder smsc = java(List.of("-Xmx64m", "-cp", sandbox.resolve("sandbox.jar") + ":" + sandbox.resolve("lib") + "/*",
                "io.trunkline.sandbox.smsc.SmscMain"), "smsc");
        smsc.environment().put("TRUNKLINE_SMSC_PORT", String.valueOf(smscPort));
        smsc.environment().put("TRUNKLINE_SMSC_RECEIPT_DELAY_MS", "200");
        processes.put("smsc", smsc.start());

        for (String service : SERVICES) {
            require(root.resolve(service + "/target/quarkus-app/quarkus-run.jar"));
            ports.put(service, freePort());
        }
        for (String service : SERVICES) {
            Path jar = root.resolve(service + "/target/quarkus-app/quarkus-run.jar");
            int port = ports.get(service);
            TestDatabase db = TestDatabase.create("st_" + service.replace("-service", "").replace('-', '_'));
            databases.add(db);
            ProcessBuilder pb = java(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                    "-Dquarkus.datasource.username=" + TestDatabase.user(),
                    "-Dquarkus.datasource.password=" + TestDatabase.password(),
                    "-jar", jar.toString()), service);
            Map<String, String> env = pb.environment();
            env.put("TRUNKLINE_KAFKA", bootstrap);
            env.put("TRUNKLINE_OPERATOR_TOKEN", OPERATOR_TOKEN);
            env.put("TRUNKLINE_SMSC_HOST", "127.0.0.1");
            env.put("TRUNKLINE_SMSC_PORT", String.valueOf(smscPort));
            extraEnv.getOrDefault(service, Map.of()).forEach((name, value) -> env.put(name, value.apply(this)));
            processes.put(service, pb.start());
        }
        awaitReady(Duration.ofSeconds(150));
    }

    private void awaitReady(Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        List<String> pending = new ArrayList<>(SERVICES);
        while (!pending.isEmpty()) {
            for (String s : List.copyOf(pending)) {
                if (!processes.get(s).isAlive()) {
                    throw new IllegalStateException(s + " exited with " + processes.get(s).exitValue() + "; log: "
                            + tail(log(s)));
                }
                if (ready(s)) {
                    pending.remove(s);
                }
            }
            if (Instant.now().isAfter(end)) {
                StringBuilder sb = new StringBuilder("not ready within " + timeout + ": " + pending);
                for (String s : pending) {
                    sb.append("\n--- ").append(s).append(" ---\n").append(tail(log(s)));
                }
                throw new IllegalStateException(sb.toString());
            }
            Thread.sleep(500);
        }
    }

    boolean ready(String service) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Process process(String part) {
        return processes.get(part);
    }

    private ProcessBuilder java(List<String> args, String name) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
    }

    private static void require(Path artifact) {
        if (!Files.exists(artifact)) {
            throw new IllegalStateException(artifact + " is missing: package the services first (./mvnw verify does)");
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            Process p = processes.get(name);
            p.destroy();
        }
        for (String name : names) {
            Process p = processes.get(name);
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (TestDatabase db : databases) {
            try {
                db.drop();
            } catch (RuntimeException ignored) {
                // best effort: a leftover schema has a random name and harms no later run
            }
        }
    }
}
