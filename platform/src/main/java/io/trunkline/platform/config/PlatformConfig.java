package io.trunkline.platform.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings every service shares. */
@ConfigMapping(prefix = "trunkline")
public interface PlatformConfig {

    /** The service's name: {@code ce_source} is {@code /trunkline/<name>}, and the consumer-group / inbox name. */
    @WithName("service-name")
    @WithDefault("${quarkus.application.name}")
    String serviceName();

    /** The broker the outbox publishes to; the same one the messaging channels use. */
    @WithName("kafka-bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String kafkaBootstrapServers();

    Outbox outbox();

    Inbox inbox();

    Health health();

    interface Health {
        /** How long the readiness probe waits for the broker before saying DOWN. */
        @WithDefault("3s")
        Duration kafkaTimeout();

        /** How long a broker answer is reused, so frequent probes cost one round trip. */
        @WithDefault("2s")
        Duration kafkaCacheFor();
    }

    interface Inbox {
        /**
         * How long consumed event ids are remembered for de-duplication. Longer than the topics' retention (7 days
         * by default), so a redelivery can never outlive its mark.
         */
        @WithDefault("P14D")
        Duration retention();
    }

    interface Outbox {
        /** Set false only in tests that inspect the outbox table before anything is sent. */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for events when no commit woke it (a safety net; commits wake it at once). */
        @WithDefault("500ms")
        Duration pollInterval();

        /** Events sent per transaction. */
        @WithDefault("500")
        int batchSize();

        /** How long published events are kept for inspection before being purged. */
        @WithDefault("P2D")
        Duration retention();
    }
}
