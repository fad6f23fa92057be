package io.trunkline.voice.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** voice-service settings; every key can be set from the environment (TRUNKLINE_VOICE_AMI_HOST and so on). */
@ConfigMapping(prefix = "trunkline.voice")
public interface VoiceConfig {

    /** Which way calls reach Asterisk. */
    enum Driver {
        /** No Asterisk: calls are stored and stay QUEUED; readiness does not depend on Asterisk. */
        NONE,
        /** AMI Originate (Async) over asterisk-java. */
        AMI,
        /** Call files renamed into the spool's outgoing/ folder; AMI (if reachable) only listens. */
        CALLFILE
    }

    /**
     * Bearer token the tenant API ({@code /v1/calls}, {@code /v1/follow-me-profiles}) requires beside the
     * {@code X-Trunkline-Tenant} header: the operator token the api-gateway holds (env {@code TRUNKLINE_OPERATOR_TOKEN}),
     * so a caller that can reach voice-service cannot act as any tenant by setting the header.
     */
    @WithDefault("dev-operator-token")
    String operatorToken();

    /** none (default: tests of other modules, docker without Asterisk), ami or callfile. */
    @WithDefault("none")
    Driver driver();

    Ami ami();

    Callfile callfile();

    /** The trunk a tenant without its own uses. */
    @WithDefault("main")
    String defaultTrunk();

    /** Channels a trunk may carry at once unless {@code trunks.<name>.max-channels} says otherwise. */
    @WithDefault("30")
    int trunkMaxChannels();

    /** Channels a tenant may use at once unless {@code tenants.<id>.max-channels} says otherwise. */
    @WithDefault("10")
    int tenantMaxChannels();

    /** Per-trunk settings: {@code trunkline.voice.trunks.<name>.max-channels}, {@code .dial-string}. */
    Map<String, Trunk> trunks();

    /** Per-tenant settings: {@code trunkline.voice.tenants.<id>.max-channels}, {@code .caller-id}, {@code .trunk}. */
    Map<String, Tenant> tenants();

    /**
     * How a number is dialled, {@code {number}} and {@code {trunk}} replaced: e.g. {@code PJSIP/{number}@{trunk}} or
     * {@code DAHDI/g1/{number}}. The default Local channel suits the sandbox and a dialplan context trunkline-out.
     */
    @WithDefault("Local/{number}@trunkline-out")
    String dialString();

    /** Caller ID for tenants without one and requests without one. */
    @WithDefault("+10000000000")
    String defaultCallerId();

    /** How long a dialled number rings before it counts as no answer. */
    @WithDefault("30s")
    Duration ringTimeout();

    /** Dialplan context an answered agent/customer leg waits in (Answer + MusicOnHold) until bridged. */
    @WithDefault("trunkline-hold")
    String holdContext();

    /** Dialplan context that speaks TTS_TEXT with TTS_VOICE (espeak/Festival) and hangs up. */
    @WithDefault("trunkline-tts")
    String speechContext();

    Broadcast broadcast();

    Callbacks callbacks();

    /** Threads the running calls are spread over (one call always on the same thread). */
    @WithDefault("4")
    int engineThreads();

    /** How often waiting calls are admitted and deadlines checked. */
    @WithDefault("200ms")
    Duration tick();

    /** A dialled leg with no result this long after its ring timeout is given up as lost. */
    @WithDefault("60s")
    Duration resultGrace();

    interface Trunk {
        Optional<Integer> maxChannels();

        Optional<String> dialString();
    }

    interface Tenant {
        Optional<Integer> maxChannels();

        Optional<String> callerId();

        Optional<String> trunk();

        /** HMAC key for this tenant's status callbacks (else callbacks.secret). */
        Optional<String> callbackSecret();
    }

    interface Ami {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5038")
        int port();

        @WithDefault("trunkline")
        String username();

        @WithDefault("secret")
        String secret();

        /** First wait after a failed login; doubles up to reconnect-max. */
        @WithDefault("500ms")
        Duration reconnectMin();

        @WithDefault("30s")
        Duration reconnectMax();

        /** How long an action waits for its response. */
        @WithDefault("10s")
        Duration responseTimeout();
    }

    interface Callfile {
        /** Asterisk's spool directory; files go to its outgoing/ and come back in outgoing_done/. */
        @WithDefault("/var/spool/asterisk")
        Path spoolDir();

        /** Where files are written before the rename; must be on the spool's filesystem (default spool/trunkline-tmp). */
        Optional<Path> stagingDir();

        /** Also listen to AMI events (answer time, hangup cause) while using call files. */
        @WithDefault("true")
        boolean amiEvents();

        /** How often outgoing_done/ is checked for finished files. */
        @WithDefault("250ms")
        Duration poll();
    }

    interface Broadcast {
        /** Numbers of one speech broadcast dialled at once. */
        @WithDefault("5")
        int maxConcurrent();

        /** Extra attempts for a number that was busy or did not answer. */
        @WithDefault("2")
        int maxRetries();

        @WithDefault("60s")
        Duration retryDelay();
    }

    interface Callbacks {
        /**
         * Whether voice-service POSTs status callbacks itself. Off by default: the api-gateway consumes
         * {@code call.status} and sends each tenant one callback per step, signed with the tenant's webhook secret like
         * message webhooks; turn on only where voice-service is used without the gateway.
         */
        @WithDefault("false")
        boolean enabled();

        /** HMAC-SHA256 key for status callbacks of tenants without their own. */
        @WithDefault("dev-callback-secret")
        String secret();

        @WithDefault("8")
        int maxAttempts();

        /** Wait before the second attempt; doubles each time. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("1s")
        Duration poll();

        @WithDefault("5s")
        Duration timeout();
    }
}
