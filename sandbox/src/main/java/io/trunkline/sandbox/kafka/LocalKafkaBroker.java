package io.trunkline.sandbox.kafka;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.Uuid;

/**
 * Runs a real single-node Kafka broker (KRaft, combined broker + controller) from the Maven artifact, with its data
 * under a directory of ours, for the local run ({@code ./trunkline up}). The first start formats the storage; later
 * starts reuse it, so messages survive {@code down}/{@code up}.
 *
 * <p>Usage: {@code LocalKafkaBroker <data-dir> [port] [controller-port]}. Runs in the foreground until killed.
 */
public final class LocalKafkaBroker {

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LocalKafkaBroker <data-dir> [port] [controller-port]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : port + 1;
        Path config = prepare(dir, port, controllerPort);
        kafka.Kafka.main(new String[] { config.toString() });
    }

    /** Writes server.properties and formats the log directory once. Returns the properties file. */
    public static Path prepare(Path dir, int port, int controllerPort) throws IOException {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Path config = dir.resolve("server.properties");
        write(config, properties(logs, port, controllerPort));
        if (!Files.exists(logs.resolve("meta.properties"))) {
            String clusterId = clusterId(dir);
            int rc = kafka.tools.StorageTool$.MODULE$.execute(
                    // "--cluster-id=" keeps an id kept from before (a '-' first is valid base64) from reading as an option
                    new String[] { "format", "--cluster-id=" + clusterId, "--config=" + config, "--ignore-formatted" },
                    System.out);
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed with " + rc);
            }
        }
        return config;
    }

    static Map<String, String> properties(Path logs, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    static String clusterId(Path dir) throws IOException {
        Path idFile = dir.resolve("cluster.id");
        if (Files.exists(idFile)) {
            return Files.readString(idFile).trim();
        }
        // Kafka's own generator (what kafka-storage random-uuid prints): never '-' first, never a reserved id
        String id = Uuid.randomUuid().toString();
        Files.writeString(idFile, id);
        return id;
    }

    private static void write(Path file, Map<String, String> props) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# written by io.trunkline.sandbox.kafka.LocalKafkaBroker; rewritten at each start\n");
            for (Map.Entry<String, String> e : props.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }
}
