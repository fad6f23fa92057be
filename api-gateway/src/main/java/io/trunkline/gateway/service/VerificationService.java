package io.trunkline.gateway.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.events.CallKind;
import io.trunkline.events.CallRequested;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.SenderId;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.Verification;
import io.trunkline.gateway.VerificationChannel;
import io.trunkline.gateway.VerificationStatus;
import io.trunkline.gateway.config.VerificationConfig;
import io.trunkline.gateway.repository.VerificationRepository;
import io.trunkline.gateway.rest.SendMessageRequest;
import io.trunkline.gateway.rest.VerificationRequest;
import io.trunkline.gateway.rest.VerificationView;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Verification codes (OTP). Starting one: validate, admit against the balance, route (outside any transaction), then
 * in one transaction under the tenant's lock row: the fraud limits, the previous pending verification to the number
 * canceled, the verification stored with the code's hash only, and the code sent. An SMS goes through the message
 * path ({@link MessageService#store}: the message and its {@code SmsAccepted} in the same transaction, billed like any
 * message); a call is a {@code CallRequested} speech broadcast through the outbox.
 *
 * <p>The code exists in clear only in the SMS text / the call's speech text: {@code SmsAccepted.text} and
 * {@code CallRequested.speechText} carry it by necessity (and so does their outbox row until it is purged). The stored
 * message's body is masked ({@code *} for each digit), so {@code GET /v1/messages} never shows it; it is never logged.
 * Every status change queues a {@code verification.status} webhook in its transaction.
 */
@ApplicationScoped
public class VerificationService {
    private static final Logger LOG = Logger.getLogger(VerificationService.class);
    public static final String WEBHOOK_EVENT = "verification.status";
    static final int MIN_CODE_LENGTH = 4;
    static final int MAX_CODE_LENGTH = 10;
    static final int MAX_TEMPLATE = 640;
    static final int MAX_PRESENTED_CODE = 20;
    static final int SWEEP_BATCH = 500;

    private final VerificationRepository verifications;
    private final VerificationCodes codes;
    private final VerificationTemplates templates;
    private final VerificationConfig config;
    private final MessageService messages;
    private final RoutingService routing;
    private final PhoneNumbers numbers;
    private final Outbox outbox;
    private final WebhookService webhooks;
    private final MeterRegistry registry;

    public VerificationService(VerificationRepository verifications, VerificationCodes codes,
            VerificationTemplates templates, VerificationConfig config, MessageService messages,
            RoutingService routing, PhoneNumbers numbers, Outbox outbox, WebhookService webhooks,
            MeterRegistry registry) {
        this.verifications = verifications;
        this.codes = codes;
        this.templates = templates;
        this.config = config;
        this.messages = messages;
        this.routing = routing;
        this.numbers = numbers;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.registry = registry;
    }

    /** A start request that passed validation. {@code sms} is the message check's result (channel sms only). */
    record Plan(VerificationChannel channel, String to, String from, int codeLength, long ttlSeconds, String locale,
            String template, String reference, String voice, MessageService.Validated sms) {
    }

    /** The result of a check: the verification after it, whether the code was right, or refused (not pending). */
    public record CheckResult(Verification verification, boolean valid, boolean refused) {
    }

    /** Starts a verification and sends its code; the answer never holds the code. */
    public Verification start(TenantPrincipal tenant, VerificationRequest request) {
        Plan plan = validate(tenant, request);
        messages.admit(tenant);
        String route = plan.channel() == VerificationChannel.SMS
                ? routing.decide(tenant.tenantId(), plan.to()).route() : null;
        String code = codes.generate(plan.codeLength());
        // the lock row is created apart: two first-time starts creating it inside their main transactions could
        // deadlock (both holding the duplicate-key share lock, both asking for the exclusive one)
        QuarkusTransaction.requiringNew().run(() -> verifications.ensureTenantLock(tenant.tenantId()));
        try {
            return QuarkusTransaction.requiringNew().call(() -> create(tenant, plan, route, code));
        } catch (VerificationRateLimitedException e) {
            registry.counter("trunkline.gateway.verifications.rate-limited", "limit", e.limit()).increment();
            throw e;
        }
    }

    private Verification create(TenantPrincipal tenant, Plan plan, String route, String code) {
        verifications.lockTenant(tenant.tenantId());
        Instant now = Clocks.now();
        checkLimits(tenant.tenantId(), plan.to(), prefix(plan.to()), now);

        for (Verification old : verifications.pendingTo(tenant.tenantId(), plan.to())) {
            transition(old, old.expiredAt(now) ? VerificationStatus.EXPIRED : VerificationStatus.CANCELED, now);
        }
        verifications.flush(); // frees the unique pending slot before the new row is inserted

        Verification v = new Verification();
        v.id = UUID.randomUUID().toString();
        v.tenantId = tenant.tenantId();
        v.toNumber = plan.to();
        v.toPrefix = prefix(plan.to());
        v.channel = plan.channel();
        v.locale = plan.locale();
        v.codeLength = plan.codeLength();
        v.codeHash = codes.hash(v.id, code);
        v.status = VerificationStatus.PENDING;
        v.attempts = 0;
        v.maxAttempts = config.maxAttempts();
        v.sender = plan.from();
        v.reference = plan.reference();
        v.expiresAt = now.plusSeconds(plan.ttlSeconds());
        v.createdAt = now;
        v.updatedAt = now;

        if (plan.channel() == VerificationChannel.SMS) {
            String text = VerificationTemplates.render(plan.template(), code);
            SmsMessage m = messages.store(tenant, new SendMessageRequest(plan.to(), plan.from(), text,
                    plan.reference(), null, plan.ttlSeconds()), plan.sms(), route);
            // SmsAccepted has been written with the real text already; the stored body is what the message API shows
            m.body = VerificationTemplates.render(plan.template(), "*".repeat(code.length()));
            v.messageId = m.id;
            // the message's own clock: its validity then ends exactly when the code does
            v.createdAt = m.createdAt;
            v.updatedAt = m.createdAt;
            v.expiresAt = m.validUntil;
        } else {
            v.callId = UUID.randomUUID().toString();
            String speech = VerificationTemplates.render(plan.template(), VerificationCodes.spoken(code));
            outbox.publish(new CallRequested(v.callId, v.tenantId, CallKind.SPEECH_BROADCAST, List.of(),
                    List.of(v.toNumber), plan.from(), speech, plan.voice(), null, v.reference, null, v.expiresAt,
                    now));
        }
        verifications.persist(v);
        webhooks.enqueue(v.tenantId, WebhookService.Kind.VERIFICATION, WEBHOOK_EVENT, null, VerificationView.of(v));
        registry.counter("trunkline.gateway.verifications.started", "channel", v.channel.external()).increment();
        LOG.debugf("verification %s started for tenant %s by %s, expires %s", v.id, v.tenantId,
                v.channel.external(), v.expiresAt);
        return v;
    }

    /** The tenant's verification (its expiry applied); 404 for an unknown id or another tenant's alike. */
    public Verification get(TenantPrincipal tenant, String id) {
        Verification v = QuarkusTransaction.requiringNew().call(() -> verifications
                .findForTenant(tenant.tenantId(), id).orElseThrow(() -> notFound(id)));
        if (v.status == VerificationStatus.PENDING && v.expiredAt(Clocks.now())) {
            return QuarkusTransaction.requiringNew().call(() -> {
                Verification locked = lock(tenant, id);
                Instant now = Clocks.now();
                if (locked.status == VerificationStatus.PENDING && locked.expiredAt(now)) {
                    transition(locked, VerificationStatus.EXPIRED, now);
                }
                return locked;
            });
        }
        return v;
    }

    /**
     * Checks a code. Right code → approved; wrong → one attempt used, the last allowed one moving it to
     * max_attempts_reached; a verification that is not pending (or has just expired) refuses every code (409). The
     * row is locked for the check, so two concurrent checks cannot both pass or both use the last attempt.
     */
    public CheckResult check(TenantPrincipal tenant, String id, String code) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalid("code", "is required");
        }
        String presented = code.trim();
        if (presented.length() > MAX_PRESENTED_CODE || !presented.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ProblemException.invalid("code", "must be the digits of the code (at most " + MAX_PRESENTED_CODE
                    + ")");
        }
        CheckResult r = QuarkusTransaction.requiringNew().call(() -> {
            Verification v = lock(tenant, id);
            Instant now = Clocks.now();
            if (v.status != VerificationStatus.PENDING) {
                return new CheckResult(v, false, true);
            }
            if (v.expiredAt(now)) {
                transition(v, VerificationStatus.EXPIRED, now);
                return new CheckResult(v, false, true);
            }
            if (codes.matches(v.id, presented, v.codeHash)) {
                transition(v, VerificationStatus.APPROVED, now);
                return new CheckResult(v, true, false);
            }
            v.attempts++;
            v.updatedAt = now;
            if (v.attempts >= v.maxAttempts) {
                transition(v, VerificationStatus.MAX_ATTEMPTS_REACHED, now);
            }
            return new CheckResult(v, false, false);
        });
        registry.counter("trunkline.gateway.verifications.checks", "result",
                r.refused() ? "refused" : r.valid() ? "approved" : "wrong").increment();
        if (r.refused()) {
            throw notPending(r.verification(), "checked");
        }
        return r;
    }

    /** Cancels a pending verification; 409 when it is no longer pending. */
    public Verification cancel(TenantPrincipal tenant, String id) {
        CheckResult r = QuarkusTransaction.requiringNew().call(() -> {
            Verification v = lock(tenant, id);
            Instant now = Clocks.now();
            if (v.status != VerificationStatus.PENDING) {
                return new CheckResult(v, false, true);
            }
            if (v.expiredAt(now)) {
                transition(v, VerificationStatus.EXPIRED, now);
                return new CheckResult(v, false, true);
            }
            transition(v, VerificationStatus.CANCELED, now);
            return new CheckResult(v, false, false);
        });
        if (r.refused()) {
            throw notPending(r.verification(), "canceled");
        }
        return r.verification();
    }

    /** Moves pending verifications past their expiry to expired, so their webhooks go out without a read. */
    @Scheduled(every = "${trunkline.gateway.verifications.expiry-sweep-every:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sweepExpired() {
        Instant now = Clocks.now();
        List<Verification> due = verifications.lockExpiredPending(now, SWEEP_BATCH);
        for (Verification v : due) {
            transition(v, VerificationStatus.EXPIRED, now);
        }
        if (!due.isEmpty()) {
            LOG.debugf("expired %d verification(s)", due.size());
        }
    }

    private Verification lock(TenantPrincipal tenant, String id) {
        return verifications.lockForTenant(tenant.tenantId(), id).orElseThrow(() -> notFound(id));
    }

    /** A status change with its webhook, in the caller's transaction. */
    private void transition(Verification v, VerificationStatus to, Instant now) {
        v.status = to;
        v.updatedAt = now;
        webhooks.enqueue(v.tenantId, WebhookService.Kind.VERIFICATION, WEBHOOK_EVENT, null, VerificationView.of(v));
        registry.counter("trunkline.gateway.verifications.status", "status", to.external()).increment();
    }

    private void checkLimits(String tenantId, String to, String prefix, Instant now) {
        limit("number", "to", "this number", config.numberMax(), config.numberWindow(),
                verifications.numberWindow(tenantId, to, now.minus(config.numberWindow())), now);
        limit("prefix", "to", "numbers starting +" + prefix, config.prefixMax(), config.prefixWindow(),
                verifications.prefixWindow(tenantId, prefix, now.minus(config.prefixWindow())), now);
        limit("tenant", "tenant", "this account", config.tenantMax(), config.tenantWindow(),
                verifications.tenantWindow(tenantId, now.minus(config.tenantWindow())), now);
    }

    private static void limit(String name, String field, String what, int max, Duration window,
            VerificationRepository.Window w, Instant now) {
        if (w.count() < max) {
            return;
        }
        // a slot frees when the oldest start in the window leaves it
        Instant free = (w.oldest() == null ? now : w.oldest()).plus(window);
        long retry = Math.max(1, (Duration.between(now, free).toMillis() + 999) / 1000);
        throw new VerificationRateLimitedException(name, field, "too many verifications to " + what + ": at most " + max
                + " per " + human(window) + "; retry after " + retry + " s", retry);
    }

    private String prefix(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return digits.substring(0, Math.min(digits.length(), Math.max(1, config.prefixLength())));
    }

    /** Checks the request: every offending field in one 400. */
    Plan validate(TenantPrincipal tenant, VerificationRequest r) {
        if (r == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        VerificationChannel channel = VerificationChannel.SMS;
        if (r.channel() != null) {
            Optional<VerificationChannel> c = VerificationChannel.parse(r.channel());
            if (c.isEmpty()) {
                errors.add(new Problem.FieldError("channel", "must be sms or call"));
            } else {
                channel = c.get();
            }
        }
        int codeLength = r.codeLength() == null ? config.defaultCodeLength() : r.codeLength();
        if (codeLength < MIN_CODE_LENGTH || codeLength > MAX_CODE_LENGTH) {
            errors.add(new Problem.FieldError("code_length", "must be between " + MIN_CODE_LENGTH + " and "
                    + MAX_CODE_LENGTH));
        }
        long minTtl = config.minTtl().toSeconds();
        long maxTtl = config.maxTtl().toSeconds();
        long ttl = r.ttl() == null ? config.defaultTtl().toSeconds() : r.ttl();
        if (ttl < minTtl || ttl > maxTtl) {
            errors.add(new Problem.FieldError("ttl", "must be between " + minTtl + " and " + maxTtl + " seconds"));
        }
        Optional<String> locale = VerificationTemplates.locale(r.locale());
        String voice = null;
        if (locale.isEmpty()) {
            errors.add(new Problem.FieldError("locale", "must be one of " + VerificationTemplates.languages()
                    + ", optionally with a region (e.g. en-GB)"));
        } else if (channel == VerificationChannel.CALL) {
            voice = templates.voice(locale.get()).orElse(null);
            if (voice == null) {
                errors.add(new Problem.FieldError("locale", "has no voice for calls; the voice service reads "
                        + "English only (configure trunkline.gateway.verifications.call-voices)"));
            }
        }
        String template = r.template();
        if (template != null) {
            if (!template.contains(VerificationTemplates.PLACEHOLDER)) {
                errors.add(new Problem.FieldError("template", "must contain " + VerificationTemplates.PLACEHOLDER));
                template = null;
            } else if (template.length() > MAX_TEMPLATE) {
                errors.add(new Problem.FieldError("template", "must be at most " + MAX_TEMPLATE + " characters"));
                template = null;
            }
        } else if (locale.isPresent()) {
            template = VerificationTemplates.builtIn(locale.get(), channel);
        }
        String reference = r.reference();
        if (reference != null && reference.length() > MessageService.MAX_REFERENCE) {
            errors.add(new Problem.FieldError("reference", "must be at most " + MessageService.MAX_REFERENCE
                    + " characters"));
        }

        String to = null;
        String from = null;
        MessageService.Validated sms = null;
        if (channel == VerificationChannel.CALL) {
            to = destination(tenant, r.to(), errors);
            from = callerId(r.from(), errors);
        } else {
            from = r.from() != null ? r.from() : tenant.senderIds().stream().findFirst().orElse(null);
            if (from == null) {
                errors.add(new Problem.FieldError("from", "is required: this account has no sender id"));
            }
            // the message's own checks (number, opt-out, sender, text length) on the text with a stand-in code of the
            // same length: digits never change the encoding or the segment count
            String sample = template == null ? "0" : VerificationTemplates.render(template, "0".repeat(
                    Math.max(MIN_CODE_LENGTH, Math.min(MAX_CODE_LENGTH, codeLength))));
            try {
                sms = messages.validate(tenant, new SendMessageRequest(r.to(), from == null ? "" : from, sample,
                        null, null, ttl >= minTtl && ttl <= maxTtl ? ttl : null));
                to = sms.to();
                from = sms.from();
            } catch (ProblemException e) {
                for (Problem.FieldError fe : e.problem().errors() == null ? List.<Problem.FieldError>of()
                        : e.problem().errors()) {
                    String field = switch (fe.field()) {
                        case "text" -> "template";
                        case "validity" -> "ttl";
                        default -> fe.field();
                    };
                    if (field.equals("from") && from == null) {
                        continue; // already said
                    }
                    if (field.equals("template") && template == null) {
                        continue;
                    }
                    if (errors.stream().noneMatch(x -> x.field().equals(field))) {
                        errors.add(new Problem.FieldError(field, fe.message()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            registry.counter("trunkline.gateway.verifications.rejected", "reason", "invalid").increment();
            throw new ProblemException(Problem.invalid(errors));
        }
        return new Plan(channel, to, from, codeLength, ttl, locale.get(), template, reference, voice,
                sms);
    }

    private String destination(TenantPrincipal tenant, String to, List<Problem.FieldError> errors) {
        if (to == null || to.isBlank()) {
            errors.add(new Problem.FieldError("to", "is required"));
            return null;
        }
        Optional<String> e164 = numbers.validE164(to.trim(), tenant.defaultRegion());
        if (e164.isEmpty()) {
            errors.add(new Problem.FieldError("to", "is not a valid phone number (E.164, or national in "
                    + tenant.defaultRegion() + ")"));
            return null;
        }
        return e164.get();
    }

    private String callerId(String from, List<Problem.FieldError> errors) {
        if (from == null || from.isBlank()) {
            return null;
        }
        Optional<String> e164 = SenderId.looksE164(from) ? numbers.possibleE164(from) : Optional.empty();
        if (e164.isEmpty()) {
            errors.add(new Problem.FieldError("from", "must be an E.164 number for a call (the caller id)"));
            return null;
        }
        return e164.get();
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("verification " + id);
    }

    private static ProblemException notPending(Verification v, String action) {
        String detail = "the verification is " + v.status.external() + " and cannot be " + action
                + " any more; start a new one";
        return new ProblemException(new Problem(Problem.TYPE_BASE + "verification-not-pending",
                "Verification not pending", 409, detail, null, List.of(new Problem.FieldError("id", detail))));
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + " h";
        }
        if (s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }
}
