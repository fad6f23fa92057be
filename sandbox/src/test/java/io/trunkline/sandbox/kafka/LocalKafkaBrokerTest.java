package io.trunkline.sandbox.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {

    @Test
    void formatsStorageOnceAndKeepsTheClusterAcrossRestarts(@TempDir Path dir) throws Exception {
        Path config = LocalKafkaBroker.prepare(dir, 19192, 19193);
        Path meta = dir.resolve("logs/meta.properties");
        assertTrue(Files.exists(meta), "storage formatted");
        String clusterId = Files.readString(dir.resolve("cluster.id")).trim();
        assertTrue(Files.readString(meta).contains("cluster.id=" + clusterId));

        LocalKafkaBroker.prepare(dir, 19192, 19193);
        assertEquals(clusterId, Files.readString(dir.resolve("cluster.id")).trim(), "same cluster on restart");
        assertTrue(Files.readString(meta).contains("cluster.id=" + clusterId), "not reformatted");

        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(config)) {
            p.load(r);
        }
        assertEquals("broker,controller", p.getProperty("process.roles"));
        assertEquals("1@127.0.0.1:19193", p.getProperty("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:19192", p.getProperty("advertised.listeners"));
        assertEquals("1", p.getProperty("offsets.topic.replication.factor"));
        assertEquals("0", p.getProperty("group.initial.rebalance.delay.ms"));
    }

    /**
     * One random cluster id in 64 begins with '-' in URL-safe base64; the format tool's command line once read such an
     * id as an option and failed (a CI run did). A kept id of that shape must still format.
     */
    @Test
    void formatsWithAClusterIdThatBeginsWithADash(@TempDir Path dir) throws Exception {
        String dashed = "-bR8uYLbSgCvTzw0cVvDrQ";
        Files.writeString(dir.resolve("cluster.id"), dashed);

        LocalKafkaBroker.prepare(dir, 19192, 19193);

        assertTrue(Files.readString(dir.resolve("logs/meta.properties")).contains("cluster.id=" + dashed));
    }

    @Test
    void newClusterIdsNeverBeginWithADash(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 2_000; i++) {
            Path d = Files.createDirectory(dir.resolve("c" + i));
            String id = LocalKafkaBroker.clusterId(d);
            assertEquals(22, id.length(), id);
            assertTrue(!id.startsWith("-"), id);
        }
    }
}
