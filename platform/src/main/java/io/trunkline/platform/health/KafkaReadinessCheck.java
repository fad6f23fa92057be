package io.trunkline.platform.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.trunkline.platform.config.PlatformConfig;

/**
 * Ready only while the broker answers. Replaces Quarkus' Kafka health check, which waits on the admin client's
 * default API timeout (60 s) when the broker is gone, so a probe would hang instead of saying DOWN. Answers are
 * cached briefly so that frequent probes do not each cost a round trip.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {
    static final String NAME = "Kafka broker";

    private final PlatformConfig config;
    private volatile Admin admin;
    private volatile HealthCheckResponse last;
    private volatile Instant lastAt = Instant.EPOCH;

    public KafkaReadinessCheck(PlatformConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Duration cache = config.health().kafkaCacheFor();
        HealthCheckResponse cached = last;
        if (cached != null && Instant.now().isBefore(lastAt.plus(cache))) {
            return cached;
        }
        HealthCheckResponse fresh = probe();
        last = fresh;
        lastAt = Instant.now();
        return fresh;
    }

    private HealthCheckResponse probe() {
        long timeout = config.health().kafkaTimeout().toMillis();
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout))
                    .nodes().get(timeout + 500, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named(NAME).up()
                    .withData("nodes", nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",")))
                    .build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named(NAME).down()
                    .withData("bootstrap", config.kafkaBootstrapServers())
                    .withData("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    long timeout = config.health().kafkaTimeout().toMillis();
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                            AdminClientConfig.CLIENT_ID_CONFIG, "health-" + config.serviceName(),
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000));
                }
                a = admin;
            }
        }
        return a;
    }

    @PreDestroy
    void close() {
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ofSeconds(2));
        }
    }
}
