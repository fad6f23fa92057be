package io.trunkline.gateway.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.WebhookAttempt;
import io.trunkline.gateway.WebhookDelivery;
import io.trunkline.gateway.WebhookSettings;
import io.trunkline.gateway.config.WebhookConfig;
import io.trunkline.gateway.repository.WebhookAttemptRepository;
import io.trunkline.gateway.repository.WebhookDeliveryRepository;
import io.trunkline.gateway.repository.WebhookSettingsRepository;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Webhooks to tenants: status callbacks, inbound messages, call status, verifications. A caller enqueues inside its
 * own transaction, so a callback exists exactly when the change it reports was committed; delivery (signing, retries,
 * the delivery log) is {@link WebhookDispatcher}'s, apart from the caller, and never slows it.
 */
@ApplicationScoped
public class WebhookService {
    private static final Logger LOG = Logger.getLogger(WebhookService.class);
    /** Longest overlap a rotation may give the replaced secret. */
    public static final Duration MAX_PREVIOUS_SECRET_VALIDITY = Duration.ofDays(7);
    static final int MAX_URL = 2048;
    static final int MAX_ERROR = 512;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int PURGE_BATCH = 1000;
    static final List<String> STATUSES = List.of(WebhookDelivery.PENDING, WebhookDelivery.RETRYING,
            WebhookDelivery.DELIVERED, WebhookDelivery.DEAD);

    /** Kinds of webhook a tenant can receive; each kind has its own tenant default URL. */
    public enum Kind {
        MESSAGE_STATUS, INBOUND_MESSAGE, CALL_STATUS, VERIFICATION;

        /** The name in the API and the metrics: lower case. */
        public String external() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final WebhookSettingsRepository settings;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookAttemptRepository attempts;
    private final WebhookSecrets secrets;
    private final WebhookConfig config;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final ReceiverAddresses receivers;

    public WebhookService(WebhookSettingsRepository settings, WebhookDeliveryRepository deliveries,
            WebhookAttemptRepository attempts, WebhookSecrets secrets, WebhookConfig config, ObjectMapper json,
            MeterRegistry registry, ReceiverAddresses receivers) {
        this.receivers = receivers;
        this.settings = settings;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.secrets = secrets;
        this.config = config;
        this.json = json;
        this.registry = registry;
    }

    /**
     * Queues one webhook. {@code url} is the per-message/per-call callback, or null for the tenant's default URL of
     * that kind (no default: nothing is queued). {@code payload} is serialised to JSON as it is, as the {@code data}
     * of the {@link WebhookPayloads.Envelope}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String tenantId, Kind kind, String eventType, String url, Object payload) {
        String target = url;
        if (target == null || target.isBlank()) {
            WebhookSettings s = settings.findById(tenantId);
            target = s == null ? null : defaultUrl(s, kind);
        }
        enqueueTo(tenantId, kind, eventType, target, payload);
    }

    private void enqueueTo(String tenantId, Kind kind, String eventType, String target, Object payload) {
        if (target == null || target.isBlank()) {
            LOG.tracef("no %s webhook URL for tenant %s: %s not queued", kind, tenantId, eventType);
            return;
        }
        Optional<String> host = host(target);
        if (host.isEmpty()) {
            // Callers validate URLs when they take them; one that slipped through must not fail the caller's change.
            LOG.warnf("webhook URL %s of tenant %s is not an absolute http(s) URL: %s not queued", target, tenantId,
                    eventType);
            return;
        }
        Instant now = Clocks.now();
        String body;
        try {
            body = json.writeValueAsString(new WebhookPayloads.Envelope(UUID.randomUUID().toString(), eventType,
                    tenantId, now, payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook payload of " + eventType + " cannot be serialised", e);
        }
        WebhookDelivery d = newDelivery(tenantId, kind.name(), eventType, target, host.get(), body, now);
        deliveries.persist(d);
        registry.counter("trunkline.gateway.webhooks.enqueued", "kind", kind.external()).increment();
        LOG.debugf("webhook %s (%s) queued for tenant %s to %s", d.id, eventType, tenantId, target);
    }

    /**
     * Queues the status callback of a message's new step (the message's own {@code status_callback}, else the
     * tenant's default); call in the transaction that recorded the step.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void messageStatus(SmsMessage m, MessageStatusEntry step) {
        messageStatuses(List.of(new StatusStep(m, step)));
    }

    /** A message's new step, for {@link #messageStatuses}. */
    public record StatusStep(SmsMessage message, MessageStatusEntry step) {
    }

    /**
     * {@link #messageStatus} for a batch of steps: a tenant's default URL is read once for the batch (a tenant
     * without settings would otherwise be looked up again for each step).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void messageStatuses(List<StatusStep> steps) {
        Map<String, Optional<WebhookSettings>> tenants = new HashMap<>();
        for (StatusStep s : steps) {
            SmsMessage m = s.message();
            String target = m.statusCallback;
            if (target == null || target.isBlank()) {
                target = tenants.computeIfAbsent(m.tenantId, id -> Optional.ofNullable(settings.findById(id)))
                        .map(w -> defaultUrl(w, Kind.MESSAGE_STATUS)).orElse(null);
            }
            enqueueTo(m.tenantId, Kind.MESSAGE_STATUS, "message.status", target,
                    WebhookPayloads.MessageStatus.of(m, s.step()));
        }
    }

    // ---- tenant settings and secret ----

    /** The tenant's URLs; what was given replaces all four (null = none). */
    public record Urls(String messageStatus, String inboundMessage, String callStatus, String verification) {
    }

    /** The settings as they are now, and the secret when this call made the tenant's first one. */
    public record SettingsAnswer(WebhookSettings settings, String newSecret) {
    }

    /** The tenant's settings (an unsaved empty one when it never set any). */
    @Transactional
    public WebhookSettings settings(String tenantId) {
        WebhookSettings s = settings.findById(tenantId);
        if (s == null) {
            s = new WebhookSettings();
            s.tenantId = tenantId;
        }
        return s;
    }

    /** Validates and replaces the default URLs; makes the signing secret on first use and answers it once. */
    @Transactional
    public SettingsAnswer updateSettings(String tenantId, Urls urls) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String ms = receiver("messageStatusUrl", urls.messageStatus(), errors);
        String in = receiver("inboundMessageUrl", urls.inboundMessage(), errors);
        String cs = receiver("callStatusUrl", urls.callStatus(), errors);
        String vf = receiver("verificationUrl", urls.verification(), errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        Instant now = Clocks.now();
        WebhookSettings s = settings.lockOrCreate(tenantId, now);
        s.messageStatusUrl = ms;
        s.inboundMessageUrl = in;
        s.callStatusUrl = cs;
        s.verificationUrl = vf;
        s.updatedAt = now;
        String fresh = null;
        if (s.secretEnc == null) {
            fresh = secrets.generate();
            s.secretEnc = secrets.encrypt(fresh);
            s.secretCreatedAt = now;
        }
        LOG.infof("webhook settings of tenant %s updated", tenantId);
        return new SettingsAnswer(s, fresh);
    }

    /**
     * A new signing secret, shown only in this answer. The replaced one stops at once, or keeps signing beside the new
     * one for {@code previousValidFor} (up to {@link #MAX_PREVIOUS_SECRET_VALIDITY}) so the tenant's receivers can
     * switch without refusing the webhooks in between. A secret already in its overlap is dropped: only the last one
     * replaced overlaps.
     */
    @Transactional
    public SettingsAnswer rotateSecret(String tenantId, Duration previousValidFor) {
        if (previousValidFor.isNegative() || previousValidFor.compareTo(MAX_PREVIOUS_SECRET_VALIDITY) > 0) {
            throw ProblemException.invalid("previousSecretValidFor", "must be between PT0S and "
                    + MAX_PREVIOUS_SECRET_VALIDITY + " (an ISO-8601 duration)");
        }
        Instant now = Clocks.now();
        WebhookSettings s = settings.lockOrCreate(tenantId, now);
        if (s.secretEnc != null && !previousValidFor.isZero()) {
            s.previousSecretEnc = s.secretEnc;
            s.previousSecretExpiresAt = now.plus(previousValidFor);
        } else {
            s.previousSecretEnc = null;
            s.previousSecretExpiresAt = null;
        }
        String fresh = secrets.generate();
        s.secretEnc = secrets.encrypt(fresh);
        s.secretCreatedAt = now;
        s.updatedAt = now;
        LOG.infof("webhook signing secret of tenant %s rotated; the previous one %s", tenantId,
                s.previousSecretEnc == null ? "stopped at once" : "signs too until " + s.previousSecretExpiresAt);
        return new SettingsAnswer(s, fresh);
    }

    /**
     * The secrets a try is signed with now, the current one first, then the replaced one while its overlap lasts; the
     * current one is made when the tenant has none yet (a per-message callback can come before the tenant ever asked
     * for one; it gets it by rotating).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> signingSecrets(String tenantId) {
        WebhookSettings s = settings.findById(tenantId);
        if (s == null || s.secretEnc == null) {
            Instant now = Clocks.now();
            s = settings.lockOrCreate(tenantId, now);
            if (s.secretEnc == null) {
                s.secretEnc = secrets.encrypt(secrets.generate());
                s.secretCreatedAt = now;
                s.updatedAt = now;
            }
        }
        if (s.previousSecretValidAt(Clocks.now())) {
            return List.of(secrets.decrypt(s.secretEnc), secrets.decrypt(s.previousSecretEnc));
        }
        return List.of(secrets.decrypt(s.secretEnc));
    }

    // ---- delivery log ----

    /** A delivery with its tries. */
    public record DeliveryWithAttempts(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
    }

    public record DeliveryPage(List<WebhookDelivery> items, String nextCursor) {
    }

    /** The tenant's deliveries, newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    @Transactional
    public DeliveryPage list(String tenantId, String status, String limit, String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String st = null;
        if (status != null && !status.isBlank()) {
            st = status.trim().toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(st)) {
                errors.add(new Problem.FieldError("status", "must be one of " + STATUSES));
            }
        }
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                errors.add(new Problem.FieldError("limit", "must be a whole number between 1 and " + MAX_LIMIT));
            }
        }
        Instant afterAt = null;
        String afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            PageCursor c = PageCursor.tryDecode(cursor);
            if (c == null) {
                errors.add(new Problem.FieldError("cursor", "is not a cursor this API gave (use nextCursor as it is)"));
            } else {
                afterAt = c.time();
                afterId = c.id();
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        List<WebhookDelivery> rows = deliveries.page(tenantId, st, afterAt, afterId, n);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            WebhookDelivery last = rows.get(n - 1);
            next = new PageCursor(last.createdAt, last.id).encode();
        }
        return new DeliveryPage(List.copyOf(rows), next);
    }

    /** The tenant's delivery with its tries; 404 for an unknown id or another tenant's delivery alike. */
    @Transactional
    public DeliveryWithAttempts get(String tenantId, String id) {
        WebhookDelivery d = deliveries.findForTenant(tenantId, id)
                .orElseThrow(() -> ProblemException.notFound("webhook delivery " + id));
        return new DeliveryWithAttempts(d, attempts.forDelivery(d.id));
    }

    /** Queues a new delivery of the same body to the same URL (whatever became of the first); 404 as {@link #get}. */
    @Transactional
    public WebhookDelivery replay(String tenantId, String id) {
        WebhookDelivery original = deliveries.findForTenant(tenantId, id)
                .orElseThrow(() -> ProblemException.notFound("webhook delivery " + id));
        WebhookDelivery d = newDelivery(tenantId, original.kind, original.eventType, original.url, original.host,
                original.body, Clocks.now());
        d.replayOf = original.id;
        deliveries.persist(d);
        registry.counter("trunkline.gateway.webhooks.replayed").increment();
        LOG.infof("webhook delivery %s replays %s for tenant %s", d.id, original.id, tenantId);
        return d;
    }

    // ---- outcomes (the dispatcher's) ----

    /** What to do after a try: delivered, try again at {@code next}, or dead. */
    enum Outcome {
        DELIVERED, RETRY, DEAD
    }

    /**
     * Records one try and moves the delivery on: 2xx delivered; 410 Gone dead at once (the receiver says the URL is
     * gone for good); anything else, or no answer, retried after a jittered exponential backoff, unless the tries are
     * used up or the next would be past {@code max-age}: then dead.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAttempt(String deliveryId, Instant startedAt, long durationMs, Integer httpStatus,
            String error) {
        WebhookDelivery d = deliveries.findById(deliveryId);
        if (d == null) {
            return; // purged meanwhile
        }
        Instant now = Clocks.now();
        d.attempts++;
        WebhookAttempt a = new WebhookAttempt();
        a.deliveryId = d.id;
        a.attempt = d.attempts;
        a.startedAt = startedAt;
        a.durationMs = durationMs;
        a.httpStatus = httpStatus;
        a.error = cut(error, MAX_ERROR);
        attempts.persist(a);
        d.lastHttpStatus = httpStatus;
        d.lastError = a.error;
        d.updatedAt = now;
        String kind = Kind.valueOf(d.kind).external();
        Outcome outcome;
        Instant next = null;
        if (httpStatus != null && httpStatus >= 200 && httpStatus < 300) {
            outcome = Outcome.DELIVERED;
        } else if (httpStatus != null && httpStatus == 410) {
            outcome = Outcome.DEAD;
        } else {
            next = now.plus(backoff(d.attempts));
            outcome = d.attempts >= config.maxAttempts() || next.isAfter(d.createdAt.plus(config.maxAge()))
                    ? Outcome.DEAD : Outcome.RETRY;
        }
        switch (outcome) {
            case DELIVERED -> {
                d.status = WebhookDelivery.DELIVERED;
                d.nextAttemptAt = null;
                d.finishedAt = now;
                registry.counter("trunkline.gateway.webhooks.delivered", "kind", kind).increment();
            }
            case RETRY -> {
                d.status = WebhookDelivery.RETRYING;
                d.nextAttemptAt = next;
                registry.counter("trunkline.gateway.webhooks.failed", "kind", kind).increment();
            }
            case DEAD -> {
                d.status = WebhookDelivery.DEAD;
                d.nextAttemptAt = null;
                d.finishedAt = now;
                registry.counter("trunkline.gateway.webhooks.failed", "kind", kind).increment();
                registry.counter("trunkline.gateway.webhooks.dead", "kind", kind).increment();
                LOG.infof("webhook delivery %s of tenant %s is dead after %d tries (last: %s)", d.id, d.tenantId,
                        d.attempts, httpStatus != null ? "HTTP " + httpStatus : a.error);
            }
        }
    }

    /** Delay after the n-th failed try: initial * 2^(n-1), at most max-backoff, then ±20 % jitter. */
    Duration backoff(int failedAttempts) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long base = initial;
        for (int i = 1; i < failedAttempts && base < max; i++) {
            base *= 2;
        }
        base = Math.min(base, max);
        // jitter spreads the retries of deliveries that failed together (e.g. a receiver outage)
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
    }

    // ---- retention ----

    /** Deletes finished deliveries past their retention; every {@code purge-every} (1h). */
    @Scheduled(every = "${trunkline.gateway.webhooks.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge();
    }

    /** Deletes finished (delivered or dead) deliveries created before now minus {@code retention}; returns how many. */
    public int purge() {
        Instant cutoff = Clocks.now().minus(config.retention());
        int total = 0;
        int n;
        do {
            // batches of short transactions, so a large purge never holds locks the dispatcher waits for
            n = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> deliveries.deleteFinishedBefore(cutoff, PURGE_BATCH));
            total += n;
        } while (n == PURGE_BATCH);
        if (total > 0) {
            LOG.infof("purged %d webhook deliveries created before %s", total, cutoff);
        }
        return total;
    }

    // ---- helpers ----

    private WebhookDelivery newDelivery(String tenantId, String kind, String eventType, String url, String host,
            String body, Instant now) {
        WebhookDelivery d = new WebhookDelivery();
        d.id = UUID.randomUUID().toString();
        d.tenantId = tenantId;
        d.kind = kind;
        d.eventType = eventType;
        d.url = url;
        d.host = host;
        d.body = body;
        d.status = WebhookDelivery.PENDING;
        d.attempts = 0;
        d.nextAttemptAt = now;
        d.createdAt = now;
        d.updatedAt = now;
        return d;
    }

    static String defaultUrl(WebhookSettings s, Kind kind) {
        return switch (kind) {
            case MESSAGE_STATUS -> s.messageStatusUrl;
            case INBOUND_MESSAGE -> s.inboundMessageUrl;
            case CALL_STATUS -> s.callStatusUrl;
            case VERIFICATION -> s.verificationUrl;
        };
    }

    /** {@code host:port} of an absolute http(s) URL (default ports filled in), the per-host bound's unit. */
    static Optional<String> host(String url) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                return Optional.empty();
            }
            int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(u.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** As {@link #url}, and refused when it points at a non-public address ({@link ReceiverAddresses}). */
    private String receiver(String field, String url, List<Problem.FieldError> errors) {
        String u = url(field, url, errors);
        String why = receivers.refuseGiven(u);
        if (why != null) {
            errors.add(new Problem.FieldError(field, why));
            return null;
        }
        return u;
    }

    /** A URL setting: null/blank = none; else an absolute http(s) URL of at most 2048 characters. */
    static String url(String field, String url, List<Problem.FieldError> errors) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.trim();
        if (u.length() > MAX_URL) {
            errors.add(new Problem.FieldError(field, "must be at most " + MAX_URL + " characters"));
            return null;
        }
        if (host(u).isEmpty()) {
            errors.add(new Problem.FieldError(field, "must be an absolute http or https URL"));
            return null;
        }
        return u;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
