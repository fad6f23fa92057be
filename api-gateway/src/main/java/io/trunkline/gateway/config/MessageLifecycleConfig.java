package io.trunkline.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Scheduled sends and the message list ({@code trunkline.gateway.messages.*}); environment names are in
 * application.properties. The list's largest {@code limit} is {@code trunkline.gateway.max-page-size}.
 */
@ConfigMapping(prefix = "trunkline.gateway.messages")
public interface MessageLifecycleConfig {

    /** How far ahead {@code send_at} may be (the API promises 35 days). */
    @WithDefault("P35D")
    Duration maxScheduleAhead();

    /**
     * How often the dispatcher looks for scheduled messages that are due (read by {@code @Scheduled} of
     * {@code ScheduledMessageDispatcher}): the most a scheduled message goes out after its {@code send_at}, when the
     * gateway keeps up.
     */
    @WithDefault("1s")
    String dispatchEvery();

    /** Due messages claimed and dispatched per transaction; the dispatcher repeats while a batch comes back full. */
    @WithDefault("200")
    int dispatchBatchSize();

    /** Set false to stop dispatching scheduled messages in this instance (they wait, and another instance sends them). */
    @WithDefault("true")
    boolean dispatchEnabled();

    /** {@code limit} of {@code GET /v1/messages} when the request gives none. */
    @WithDefault("20")
    int defaultListLimit();
}
