package io.trunkline.relay.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * carrier-relay-service settings. A message routed {@code smpp:<name>} goes to {@code carriers.<name>}; a route
 * naming a carrier that is not configured here is left alone (logged).
 */
@ConfigMapping(prefix = "trunkline.relay")
public interface RelayConfig {

    /** The SMPP carriers by name (the part after {@code smpp:} in a route). */
    Map<String, Carrier> carriers();

    /** A message still SUBMITTING this long after it was claimed lost its sender (a crash): it becomes UNKNOWN. */
    @WithDefault("10m")
    Duration staleSubmitAfter();

    /** Orphan receipts older than this are no longer matched against new parts. */
    @WithDefault("P2D")
    Duration orphanRetention();

    /** How often orphan receipts are matched against the parts again (read by the scheduler). */
    @WithDefault("15s")
    Duration orphanRetryInterval();

    /** How often messages stuck in SUBMITTING are looked for (read by the scheduler). */
    @WithDefault("60s")
    Duration staleSweepInterval();

    /** How to bind to the SMSC. */
    enum BindMode {
        /** One bind_transceiver session: submits out, receipts and MO in. */
        TRANSCEIVER,
        /** One bind_transmitter session: submits only, no receipts. */
        TRANSMITTER,
        /** bind_transmitter for submits plus bind_receiver for receipts and MO (carriers that want two binds). */
        TRANSMITTER_AND_RECEIVER
    }

    interface Carrier {
        /** SMSC host. */
        String host();

        /** SMSC port (2775 is the IANA port for SMPP). */
        @WithDefault("2775")
        int port();

        /** system_id to bind with. */
        String systemId();

        /** password to bind with (at most 8 characters in SMPP 3.4). */
        String password();

        /** system_type to bind with; empty by default. */
        Optional<String> systemType();

        /** service_type of submit_sm; empty (the SMSC default) by default. */
        Optional<String> serviceType();

        /** transceiver (default), transmitter, or transmitter-and-receiver. */
        @WithDefault("transceiver")
        BindMode bindMode();

        /** source_addr_ton for numeric senders (1 = international); alphanumeric senders always go as 5/0. */
        @WithDefault("1")
        int sourceTon();

        /** source_addr_npi for numeric senders (1 = ISDN E.164). */
        @WithDefault("1")
        int sourceNpi();

        /** dest_addr_ton (1 = international: the number goes without its +). */
        @WithDefault("1")
        int destTon();

        /** dest_addr_npi (1 = ISDN E.164). */
        @WithDefault("1")
        int destNpi();

        /** Idle time after which an enquire_link is sent. */
        @WithDefault("30s")
        Duration enquireLinkInterval();

        /** First wait before binding again after a failed bind or a dropped session; doubles up to the max. */
        @WithDefault("1s")
        Duration reconnectBackoff();

        /** Longest wait between bind attempts. */
        @WithDefault("60s")
        Duration reconnectBackoffMax();

        /** How long to wait for a bind response. */
        @WithDefault("10s")
        Duration bindTimeout();

        /** How long to wait for a submit_sm_resp. No answer in time: the message is UNKNOWN, never resent blindly. */
        @WithDefault("10s")
        Duration submitTimeout();

        /** First wait after ESME_RTHROTTLED / ESME_RMSGQFUL before submitting the same part again; doubles. */
        @WithDefault("200ms")
        Duration throttleBackoff();

        /** Longest wait between throttled attempts. */
        @WithDefault("5s")
        Duration throttleBackoffMax();

        /** Throttled attempts per part before the message fails with the throttling status. */
        @WithDefault("20")
        int throttleRetries();

        /** Messages submitted at the same time on this carrier (each waits for its submit_sm_resp). */
        @WithDefault("2")
        int senders();
    }
}
