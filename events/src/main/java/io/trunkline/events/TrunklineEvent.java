package io.trunkline.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Every event record on a Trunkline topic. */
public interface TrunklineEvent {
    /** The tenant the event belongs to; also sent as the {@code tenantid} header. */
    String tenantId();

    /** The Kafka record key, as the architecture's topic table defines it for this event's topic. */
    @JsonIgnore
    String key();
}
