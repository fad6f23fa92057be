package io.trunkline.gsm.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * gsm-gateway-service settings. Ports are keyed by a name of your choice:
 * {@code trunkline.gsm.ports.<name>.device=/dev/ttyUSB0} (env {@code TRUNKLINE_GSM_PORTS_<NAME>_DEVICE}). With no
 * port configured the service still starts and stays ready (it queues messages routed to {@code gsm}).
 */
@ConfigMapping(prefix = "trunkline.gsm")
public interface GsmConfig {

    /** The modem ports by name. */
    Map<String, Port> ports();

    /** Bearer token of the ops endpoints (TRUNKLINE_OPERATOR_TOKEN). */
    @WithDefault("dev-operator-token")
    String operatorToken();

    /** Keep sending to a destination from the SIM that last sent to it (while that port is up). */
    @WithDefault("false")
    boolean stickyDestinations();

    /** How long a destination stays with its SIM after the last message. */
    @WithDefault("P1D")
    Duration stickyFor();

    /** How often an idle port is asked for signal (AT+CSQ) and registration (AT+CREG?). */
    @WithDefault("30s")
    Duration healthInterval();

    /** How long a modem may take to answer an ordinary command before the port is marked down. */
    @WithDefault("5s")
    Duration commandTimeout();

    /** How long from the PDU's Ctrl-Z to +CMGS (real modems: 1-5 s; networks can be slower). */
    @WithDefault("60s")
    Duration sendTimeout();

    /** How often a port that is down is tried again. */
    @WithDefault("5s")
    Duration reconnectInterval();

    /** How often an idle port looks for queued messages when nothing woke it. */
    @WithDefault("250ms")
    Duration idlePoll();

    /** Ports a message may be tried on after transient +CMS ERRORs before it fails with the last code. */
    @WithDefault("3")
    int maxAttempts();

    /** Ask for status reports (TP-SRR) when the message wants a delivery report. */
    @WithDefault("true")
    boolean statusReports();

    interface Port {
        /** Device path, e.g. /dev/ttyUSB0 or a pty link. */
        String device();

        /** Serial speed. */
        @WithDefault("115200")
        int baud();

        /** SIM PIN, entered when the SIM asks for it. */
        Optional<String> pin();

        /** SMSC number to set with AT+CSCA (else the SIM's own). */
        Optional<String> smsc();

        /** The SIM's own number: the {@code to} of messages received on it. */
        Optional<String> simNumber();

        /** A label for ops (e.g. the slot on the modem card). */
        Optional<String> label();

        /** Parts this SIM may send per UTC day; 0 = no cap. */
        @WithDefault("0")
        int dailyCap();

        /** Parts this SIM may send per minute; 0 = no cap. */
        @WithDefault("0")
        int perMinuteCap();

        /** false: configured but not opened. */
        @WithDefault("true")
        boolean enabled();
    }
}
