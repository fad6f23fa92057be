package io.trunkline.billing.messaging;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.events.Topics;
import io.trunkline.platform.config.PlatformConfig;

/**
 * Makes sure {@code billing.balances} exists with {@code cleanup.policy=compact}: a broker's auto-created topic is
 * not compacted, and consumers read this one as "the latest state per tenant". Creates the topic if it is missing
 * and turns compaction on if it exists without it (e.g. auto-created by an early consumer). Runs in the background
 * at start; while the broker is unreachable it logs quietly and tries again.
 */
@ApplicationScoped
public class BalancesTopic {
    private static final Logger LOG = Logger.getLogger(BalancesTopic.class);
    private static final long TIMEOUT_MS = 10_000;

    private final BillingConfig.BalancesTopic config;
    private final String bootstrap;
    private final String clientId;
    private volatile boolean ensured;
    private ScheduledExecutorService executor;

    public BalancesTopic(BillingConfig config, PlatformConfig platform) {
        this.config = config.balancesTopic();
        this.bootstrap = platform.kafkaBootstrapServers();
        this.clientId = platform.serviceName() + "-topics";
    }

    void start(@Observes StartupEvent event) {
        if (!config.manage()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "billing-balances-topic");
            t.setDaemon(true);
            return t;
        });
        executor.execute(this::attempt);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Whether the topic was seen compacted (or made so) since start. */
    public boolean ensured() {
        return ensured;
    }

    private void attempt() {
        try (Admin admin = Admin.create(adminProperties())) {
            ensureCompacted(admin, Topics.BILLING_BALANCES, config.partitions(), config.replicationFactor());
            ensured = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.infof("cannot check topic %s yet (%s); trying again in %s", Topics.BILLING_BALANCES, rootMessage(e),
                    config.retryInterval());
            if (!executor.isShutdown()) {
                executor.schedule(this::attempt, config.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** What {@link #ensureCompacted} found. */
    enum Outcome {
        CREATED, ALREADY_COMPACTED, MADE_COMPACTED
    }

    /** Creates {@code topic} compacted, or turns compaction on for an existing topic that lacks it. */
    static Outcome ensureCompacted(Admin admin, String topic, Optional<Integer> partitions,
            Optional<Short> replicationFactor) throws InterruptedException, ExecutionException, TimeoutException {
        if (!admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(topic)) {
            NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                LOG.infof("created topic %s (cleanup.policy=compact)", topic);
                return Outcome.CREATED;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // created meanwhile by someone else: check it below
            }
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config current = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .get(resource);
        String policy = Optional.ofNullable(current.get(TopicConfig.CLEANUP_POLICY_CONFIG)).map(ConfigEntry::value)
                .orElse("");
        if (List.of(policy.split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.debugf("topic %s is compacted", topic);
            return Outcome.ALREADY_COMPACTED;
        }
        LOG.warnf("topic %s exists with cleanup.policy=%s; setting it to compact", topic, policy);
        Collection<AlterConfigOp> ops = List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                AlterConfigOp.OpType.SET));
        admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return Outcome.MADE_COMPACTED;
    }

    private Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_MS));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        return p;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
    }
}
