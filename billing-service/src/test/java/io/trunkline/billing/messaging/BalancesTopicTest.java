package io.trunkline.billing.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import io.trunkline.testsupport.EmbeddedKafka;

/** Topic management against the real embedded broker (a fresh topic name per case). */
class BalancesTopicTest {

    @Test
    void createsAMissingTopicCompactedAndLeavesItSo() throws Exception {
        try (Admin admin = admin()) {
            String topic = "balances-" + UUID.randomUUID();
            assertEquals(BalancesTopic.Outcome.CREATED,
                    BalancesTopic.ensureCompacted(admin, topic, Optional.of(3), Optional.empty()));
            assertEquals("compact", policy(admin, topic));
            assertEquals(3, admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().size());
            assertEquals(BalancesTopic.Outcome.ALREADY_COMPACTED,
                    BalancesTopic.ensureCompacted(admin, topic, Optional.empty(), Optional.empty()));
        }
    }

    @Test
    void compactsATopicThatWasAutoCreatedWithDelete() throws Exception {
        try (Admin admin = admin()) {
            String topic = "balances-" + UUID.randomUUID();
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())
                    .configs(Map.of("cleanup.policy", "delete")))).all().get(10, TimeUnit.SECONDS);
            assertEquals("delete", policy(admin, topic));
            assertEquals(BalancesTopic.Outcome.MADE_COMPACTED,
                    BalancesTopic.ensureCompacted(admin, topic, Optional.empty(), Optional.empty()));
            assertEquals("compact", policy(admin, topic));
        }
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
        return Admin.create(p);
    }

    /** The topic's policy, once the broker knows the topic (metadata reaches it shortly after creation). */
    private static String policy(Admin admin, String topic) {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(
                () -> admin.describeConfigs(List.of(r)).all().get(10, TimeUnit.SECONDS).get(r).get("cleanup.policy")
                        .value(),
                v -> v != null);
    }
}
