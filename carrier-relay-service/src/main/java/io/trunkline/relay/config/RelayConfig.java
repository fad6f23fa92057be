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

    /**
     * Receiving numbers (E.164 prefix, without {@code +}) to the tenant that owns them, for SMS_IN CDRs and the
     * tenant id of {@code SmsReceived}; the longest prefix wins. A number no prefix matches gets no CDR from the relay
     * (the gateway, which owns numbers, still routes the message).
     */
    Map<String, String> inboundTenants();

    /** HTTP carriers by name (the part after {@code http:} in a route); names must differ from the SMPP ones. */
    Map<String, HttpCarrier> httpCarriers();

    /** The e-mail channel: SMS-to-email out (quarkus-mailer) and e-mail-to-SMS in (an SMTP listener). */
    Email email();

    /** Bearer token of the ops endpoints ({@code TRUNKLINE_OPERATOR_TOKEN}). */
    @WithDefault("dev-operator-token")
    String operatorToken();

    /** How often SENT / UNKNOWN messages whose validity ended without a receipt are looked for. */
    @WithDefault("30s")
    Duration expirySweepInterval();

    /** How often carriers whose circuit is open have their queued messages moved to their failover carrier. */
    @WithDefault("2s")
    Duration failoverSweepInterval();

    /**
     * At most this many submit outcomes (or delivery receipts) are written in one transaction by the single writer
     * that records them (group commit; JDBC batching per {@code quarkus.hibernate-orm.jdbc.statement-batch-size}).
     */
    @WithDefault("200")
    int writeBatchSize();

    /**
     * How long the writer waits for more outcomes or receipts after the first before it writes the batch; a
     * caller (submit worker, deliver_sm thread) waits for its own commit, so this adds at most that to each.
     */
    @WithDefault("2ms")
    Duration writeBatchLinger();

    /**
     * A sender that found its queue empty waits for a wake-up (a message queued by this process, a failover to its
     * carrier) or polls again after 1 s, doubling up to this while the queue stays empty. Only messages queued by
     * another instance wait for the poll.
     */
    @WithDefault("10s")
    Duration idlePollMax();

    /** How a long message goes to the carrier. */
    enum LongMessageMode {
        /** Concatenation UDH in short_message, esm_class 0x40 (IEI 0x00, 8-bit reference). */
        UDH,
        /** One submit_sm per part without UDH, with sar_msg_ref_num / sar_total_segments / sar_segment_seqnum. */
        SAR,
        /** One submit_sm with the whole text in message_payload; the carrier splits it. */
        PAYLOAD
    }

    /** How the ids quoted in receipts relate to the ids of submit_sm_resp. */
    enum IdFormat {
        /** Match as written, as the hex of a decimal id and as the decimal of a hex id (the default). */
        AUTO,
        /** Match only as written (case and leading zeros ignored). */
        AS_IS,
        /** submit_sm_resp answers hex; receipts may quote it as decimal. */
        HEX_RESP_DECIMAL_RECEIPT,
        /** submit_sm_resp answers decimal; receipts may quote it as hex. */
        DECIMAL_RESP_HEX_RECEIPT
    }

    /** What a message still SENT or UNKNOWN becomes when its validity ended without a final receipt. */
    enum ExpiryStatus {
        EXPIRED, UNKNOWN
    }

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

        /**
         * Deprecated alias kept for old configs: the window is {@link #windowSize()}; when senders is larger it wins.
         */
        @WithDefault("1")
        int senders();

        /** submit_sm in flight at once per bind (asynchronous window): each waits for its own submit_sm_resp. */
        @WithDefault("50")
        int windowSize();

        /** Transmitting binds (sessions) to open to this carrier; all share {@link #maxSubmitsPerSecond()}. */
        @WithDefault("1")
        int binds();

        /** Token bucket over all of this carrier's binds: submit_sm per second; 0 = unlimited. */
        @WithDefault("0")
        int maxSubmitsPerSecond();

        /** udh (default), sar or payload: see {@link LongMessageMode}. */
        @WithDefault("udh")
        LongMessageMode longMessages();

        /** auto (default), as-is, hex-resp-decimal-receipt, decimal-resp-hex-receipt: see {@link IdFormat}. */
        @WithDefault("auto")
        IdFormat idFormat();

        /**
         * How long after submission a message with no validUntil counts as expired when no final receipt came; the
         * sweep then publishes {@link #expiryStatus()}.
         */
        @WithDefault("48h")
        Duration defaultValidity();

        /** Grace after the validity end for a late receipt before the expiry sweep settles the message. */
        @WithDefault("5m")
        Duration expiryGrace();

        /** expired (default) or unknown: what the expiry sweep publishes. */
        @WithDefault("expired")
        ExpiryStatus expiryStatus();

        /**
         * Carriers (by name) that take this carrier's queued messages while its circuit is open, in order. Only
         * messages nothing of which went out are moved, so none is sent twice.
         */
        Optional<java.util.List<String>> failover();

        /** Consecutive link failures (bind failures, dropped sessions, I/O errors, timeouts) that open the circuit. */
        @WithDefault("3")
        int circuitFailures();

        /** How long the circuit stays open before the carrier is tried again (half-open). */
        @WithDefault("30s")
        Duration circuitOpenFor();

        /**
         * Threads per session handling incoming PDUs; each waits until its receipt is committed (several receipts
         * per transaction: as many as are waiting together, up to {@code write-batch-size}).
         */
        @WithDefault("32")
        int receiveThreads();

        /** Incoming PDUs queued per session before jSMPP answers ESME_RTHROTTLED (the SMSC retries). */
        @WithDefault("2000")
        int receiveQueue();

        /** How often one message may be moved to a failover carrier. */
        @WithDefault("2")
        int maxFailovers();

        /** What this carrier charges us per segment, for the buy cost on SMS_OUT CDRs (see {@link Price}). */
        Price price();
    }

    /**
     * A carrier's buy price: {@code price.per-segment} in {@code price.currency}, or per destination prefix
     * ({@code price.prefixes."44"=0.031}, E.164 without +, the longest prefix wins). Known price: SMS_OUT CDRs carry
     * {@code buyCost} = segments x price (0 for a message the carrier never took); no price or no currency: no
     * {@code buyCost}, and billing rates the buy side from its own buy cards.
     */
    interface Price {
        /** Price of one segment (one submitted part) for any destination without a prefix price. */
        Optional<java.math.BigDecimal> perSegment();

        /** ISO 4217 currency of the prices (required for any price to be used). */
        Optional<String> currency();

        /** Price of one segment by destination prefix. */
        Map<String, java.math.BigDecimal> prefixes();
    }

    /**
     * A carrier with an HTTP API, described by templates. Placeholders: {@code {username}}, {@code {password}},
     * {@code {from}} / {@code {to}} (E.164 without +), {@code {from+}} / {@code {to+}} (with +), {@code {text}},
     * {@code {sendtime}} (now, in {@link #timeFormat()} and {@link #timeZone()}), {@code {messageId}} (ours),
     * {@code {dlr}} (1 if a receipt was asked for, else 0). Values are URL-encoded in the URL and in form bodies and
     * JSON-escaped in JSON bodies.
     */
    interface HttpCarrier {
        /** GET or POST. */
        @WithDefault("POST")
        String method();

        /** URL template, e.g. {@code https://api.example/sms?mode=sendsms&username={username}&textmsg={text}}. */
        String url();

        /** Body template for POST; none sends an empty body. */
        Optional<String> body();

        /** Content-Type of the body. */
        @WithDefault("application/x-www-form-urlencoded")
        String contentType();

        Optional<String> username();

        Optional<String> password();

        /** none, basic (username:password) or bearer ({@link #token()}). */
        @WithDefault("none")
        String auth();

        Optional<String> token();

        /** Extra request headers. */
        Map<String, String> headers();

        /** Format of {@code {sendtime}} (java.time pattern). */
        @WithDefault("yyyy-MM-dd HH:mm:ss")
        String timeFormat();

        @WithDefault("UTC")
        String timeZone();

        /** Regex the answer body must contain (find) for success, besides a 2xx status; none: any 2xx succeeds. */
        Optional<String> successPattern();

        /** Regex whose group 1 in the answer body is the carrier's message id. */
        Optional<String> idPattern();

        /** Regex whose group 1 in the answer body is the carrier's error code (on failure). */
        Optional<String> errorPattern();

        /** Request timeout: no answer in time means UNKNOWN, never resent. */
        @WithDefault("10s")
        Duration timeout();

        /** Requests in flight at once. */
        @WithDefault("20")
        int windowSize();

        /** Requests per second; 0 = unlimited. */
        @WithDefault("0")
        int maxSubmitsPerSecond();

        /** Answers with these HTTP statuses are retried after a growing wait (like ESME_RTHROTTLED). */
        @WithDefault("429,503")
        java.util.List<Integer> retryStatuses();

        @WithDefault("200ms")
        Duration retryBackoff();

        @WithDefault("10")
        int retries();

        /** Receipt endpoint parameter (query or form) carrying the carrier's message id. */
        @WithDefault("id")
        String receiptIdParam();

        /** Receipt endpoint parameter carrying the carrier's status. */
        @WithDefault("status")
        String receiptStatusParam();

        /** Receipt endpoint parameter carrying the carrier's error code. */
        @WithDefault("err")
        String receiptErrorParam();

        /**
         * The carrier's status values to SMPP stat words (DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN,
         * ACCEPTD, ENROUTE); a value not listed is read as a stat word itself.
         */
        Map<String, String> receiptStatusMap();

        /** Shared secret the carrier must send as parameter {@code token} to the receipt endpoint; none: open. */
        Optional<String> receiptToken();

        /**
         * Carriers (SMPP or HTTP, by name) that take this carrier's queued messages while its circuit is open, in
         * order. Only messages nothing of which went out are moved, so none is sent twice.
         */
        Optional<java.util.List<String>> failover();

        /** How often one message may be moved to a failover carrier. */
        @WithDefault("2")
        int maxFailovers();

        /**
         * Consecutive failed requests (connection refused or timed out, no answer in time, a 5xx answer) that open
         * the circuit.
         */
        @WithDefault("3")
        int circuitFailures();

        /** How long the circuit stays open before one request is let through again (half-open). */
        @WithDefault("30s")
        Duration circuitOpenFor();

        /** As for SMPP carriers: validity of a message without validUntil, counted from its sending. */
        @WithDefault("48h")
        Duration defaultValidity();

        /** Grace after the validity end for a late receipt before the expiry sweep settles the message. */
        @WithDefault("5m")
        Duration expiryGrace();

        /** expired (default) or unknown: what the expiry sweep publishes. */
        @WithDefault("expired")
        ExpiryStatus expiryStatus();

        /** What this carrier charges us per segment, for the buy cost on SMS_OUT CDRs (see {@link Price}). */
        Price price();
    }

    interface Email {
        /** Run the SMTP listener for e-mail-to-SMS. */
        @WithDefault("true")
        boolean inboundEnabled();

        /** SMTP listener port (0 = any free port; tests). */
        @WithDefault("2525")
        int smtpPort();

        /** Address the listener binds to. */
        @WithDefault("0.0.0.0")
        String smtpBind();

        /** Mail must be addressed to {@code <number>@domain} or {@code <list>@domain}; else 550. */
        @WithDefault("sms.trunkline.local")
        String domain();

        /**
         * Per tenant id, the sender addresses it authorises ({@code tenants.<tenant>.senders=a@x.example,*@y.example});
         * mail from anyone else is refused with 550 at MAIL FROM.
         */
        Map<String, EmailTenant> tenants();

        /** From address of SMS-to-email mails. */
        @WithDefault("sms@sms.trunkline.local")
        String from();

        /** Subject of SMS-to-email mails; {@code {from}} and {@code {to}} are replaced. */
        @WithDefault("SMS from {from}")
        String subject();

        /**
         * For a route {@code email} whose {@code to} is a number: mail goes to {@code <number>@outbound-domain}. A route
         * {@code email:<address>} or a {@code to} with an {@code @} names the address itself.
         */
        Optional<String> outboundDomain();

        /** Attempts to hand a mail to the SMTP server before the message FAILS. */
        @WithDefault("5")
        int sendAttempts();

        /** Longest SMS text taken from an e-mail (longer is cut). */
        @WithDefault("1530")
        int maxTextLength();
    }

    interface EmailTenant {
        /** Authorised sender addresses, case-insensitive; {@code *@domain} authorises a whole domain. */
        java.util.List<String> senders();
    }
}
