package io.trunkline.gateway.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.MessageStatuses;
import io.trunkline.gateway.SenderId;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.SmsSegmenter;
import io.trunkline.gateway.TenantBalance;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.config.GatewayConfig;
import io.trunkline.gateway.repository.MessageRepository;
import io.trunkline.gateway.repository.MessageStatusRepository;
import io.trunkline.gateway.repository.TenantBalanceRepository;
import io.trunkline.gateway.rest.SendMessageRequest;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Accepting a tenant's message: validate, count segments, admit against the latest known balance, route
 * ({@link RoutingService}), and store it together with its {@link SmsAccepted} event in one transaction (the outbox
 * sends the event after commit).
 */
@ApplicationScoped
public class MessageService {
    private static final Logger LOG = Logger.getLogger(MessageService.class);
    /** The history's channel for steps the gateway itself records. */
    public static final String GATEWAY_CHANNEL = "gateway";
    static final int MAX_REFERENCE = 255;
    static final int MAX_CALLBACK = 2048;
    static final int DEFAULT_PAGE_SIZE = 20;

    private final MessageRepository messages;
    private final MessageStatusRepository history;
    private final TenantBalanceRepository balances;
    private final PhoneNumbers numbers;
    private final Outbox outbox;
    private final GatewayConfig config;
    private final MeterRegistry registry;
    private final RoutingService routing;
    private final OptOutService optOuts;

    public MessageService(MessageRepository messages, MessageStatusRepository history, TenantBalanceRepository balances,
            PhoneNumbers numbers, Outbox outbox, GatewayConfig config, MeterRegistry registry, RoutingService routing,
            OptOutService optOuts) {
        this.routing = routing;
        this.optOuts = optOuts;
        this.messages = messages;
        this.history = history;
        this.balances = balances;
        this.numbers = numbers;
        this.outbox = outbox;
        this.config = config;
        this.registry = registry;
    }

    /** A message with its history, oldest step first. */
    public record MessageWithHistory(SmsMessage message, List<MessageStatusEntry> history) {
    }

    /** A send request that passed validation: normalised numbers, segmentation, and the optional fields. */
    public record Validated(String to, String from, SmsSegmenter.Segmentation seg, String reference, String callback,
            Long validity) {
    }

    /**
     * Checks a send (or quote) request exactly as {@code POST /v1/messages} does: every offending field in one 400.
     */
    public Validated validate(TenantPrincipal tenant, SendMessageRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String to = destination(tenant, request.to(), errors);
        if (to != null && optOuts.isOptedOut(tenant.tenantId(), to)) {
            errors.add(new Problem.FieldError("to", "opted out of this account's messages (STOP); it can opt back in "
                    + "by sending JOIN"));
        }
        String from = sender(tenant, request.from(), errors);
        SmsSegmenter.Segmentation seg = text(request.text(), errors);
        String reference = request.reference();
        if (reference != null && reference.length() > MAX_REFERENCE) {
            errors.add(new Problem.FieldError("reference", "must be at most " + MAX_REFERENCE + " characters"));
        }
        String callback = callback(request.statusCallback(), errors);
        Long validity = request.validity();
        long maxValidity = config.maxValidity().toSeconds();
        if (validity != null && (validity < 1 || validity > maxValidity)) {
            errors.add(new Problem.FieldError("validity", "must be between 1 and " + maxValidity + " seconds"));
        }
        if (!errors.isEmpty()) {
            registry.counter("trunkline.gateway.messages.rejected", "reason", "invalid").increment();
            throw new ProblemException(Problem.invalid(errors));
        }
        return new Validated(to, from, seg, reference, callback, validity);
    }

    /**
     * Accepts a message: validate, admit, route (outside any transaction: routing may ask billing), then store it with
     * its {@link SmsAccepted} in one transaction. Without an idempotency key, the new message.
     */
    public SmsMessage send(TenantPrincipal tenant, SendMessageRequest request) {
        Validated v = validate(tenant, request);
        admit(tenant);
        RoutingService.Decision route = routing.decide(tenant.tenantId(), v.to());
        return QuarkusTransaction.requiringNew().call(() -> store(tenant, request, v, route.route()));
    }

    /**
     * As {@link #send}, but inside the caller's transaction, so an inbound message's replies commit or roll back with
     * it and its consumer's de-duplication (a redelivery sends nothing twice); {@code route} not null forces that
     * route instead of routing's decision (an app's forward to {@code email:<address>}). Refusals throw before
     * anything is written.
     */
    SmsMessage sendWithin(TenantPrincipal tenant, SendMessageRequest request, String route) {
        Validated v = validate(tenant, request);
        admit(tenant);
        String r = route != null ? route : routing.decide(tenant.tenantId(), v.to()).route();
        return store(tenant, request, v, r);
    }

    /** Stores an accepted message, its first history step and its event; call inside the transaction. */
    SmsMessage store(TenantPrincipal tenant, SendMessageRequest request, Validated v, String route) {
        String to = v.to();
        String from = v.from();
        SmsSegmenter.Segmentation seg = v.seg();
        String reference = v.reference();
        String callback = v.callback();
        Long validity = v.validity();
        Instant now = Clocks.now();
        SmsMessage m = new SmsMessage();
        m.id = UUID.randomUUID().toString();
        m.tenantId = tenant.tenantId();
        m.sender = from;
        m.recipient = to;
        m.body = request.text();
        m.encoding = seg.encoding();
        m.segments = seg.segments();
        m.route = route;
        m.status = SmsStatus.QUEUED;
        m.statusRank = MessageStatuses.rank(SmsStatus.QUEUED);
        m.reference = reference;
        m.statusCallback = callback;
        m.validUntil = validity == null ? null : now.plusSeconds(validity);
        m.createdAt = now;
        m.updatedAt = now;
        messages.persist(m);

        MessageStatusEntry queued = new MessageStatusEntry();
        queued.messageId = m.id;
        queued.status = SmsStatus.QUEUED;
        queued.occurredAt = now;
        queued.channel = GATEWAY_CHANNEL;
        queued.recordedAt = now;
        history.persist(queued);

        outbox.publish(new SmsAccepted(m.id, m.tenantId, m.sender, m.recipient, m.body, m.encoding, m.segments, m.route,
                true, m.validUntil, m.reference, m.createdAt));
        registry.counter("trunkline.gateway.messages.accepted", "encoding", m.encoding.name()).increment();
        registry.counter("trunkline.gateway.segments.accepted").increment(m.segments);
        LOG.debugf("message %s accepted for tenant %s: %s, %d segment(s), route %s", m.id, m.tenantId, m.encoding,
                m.segments, m.route);
        return m;
    }

    /** The tenant's message with its history; 404 for an unknown id or another tenant's message alike. */
    @Transactional
    public MessageWithHistory get(TenantPrincipal tenant, String id) {
        SmsMessage m = messages.findForTenant(tenant.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("message " + id));
        return new MessageWithHistory(m, history.timeline(m.id));
    }

    /** The tenant's messages, newest first; {@code status} optional, any case. */
    @Transactional
    public Page list(TenantPrincipal tenant, String status, String page, String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        SmsStatus filter = null;
        if (status != null && !status.isBlank()) {
            Optional<SmsStatus> parsed = MessageStatuses.parse(status);
            if (parsed.isEmpty()) {
                errors.add(new Problem.FieldError("status", "must be one of " + allStatuses()));
            } else {
                filter = parsed.get();
            }
        }
        int p = intParam(page, 0);
        int s = intParam(size, DEFAULT_PAGE_SIZE);
        if (p < 0) {
            errors.add(new Problem.FieldError("page", "must be a whole number, 0 or more"));
        }
        if (s < 1 || s > config.maxPageSize()) {
            errors.add(new Problem.FieldError("size", "must be a whole number between 1 and " + config.maxPageSize()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        PanacheQuery<SmsMessage> q = messages.pageForTenant(tenant.tenantId(), filter, p, s);
        return new Page(q.list(), p, s, q.count());
    }

    /** A query parameter as an int: {@code fallback} when absent, -1 when not a whole number. */
    private static int intParam(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public record Page(List<SmsMessage> items, int page, int size, long total) {
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

    private String sender(TenantPrincipal tenant, String from, List<Problem.FieldError> errors) {
        if (from == null || from.isEmpty()) {
            errors.add(new Problem.FieldError("from", "is required"));
            return null;
        }
        if (from.startsWith("+")) {
            Optional<String> e164 = SenderId.looksE164(from) ? numbers.possibleE164(from) : Optional.empty();
            if (e164.isEmpty()) {
                errors.add(new Problem.FieldError("from", "is not a valid E.164 number"));
                return null;
            }
            return e164.get();
        }
        if (!SenderId.isAlphanumeric(from)) {
            errors.add(new Problem.FieldError("from", "must be an E.164 number or an alphanumeric sender id of 1-"
                    + SenderId.MAX_ALPHANUMERIC + " letters, digits, spaces or . - _ &"));
            return null;
        }
        if (!tenant.senderIds().contains(from)) {
            errors.add(new Problem.FieldError("from", "sender id '" + from + "' is not allowed for this account"));
            return null;
        }
        return from;
    }

    private SmsSegmenter.Segmentation text(String text, List<Problem.FieldError> errors) {
        if (text == null || text.isEmpty()) {
            errors.add(new Problem.FieldError("text", "is required and must not be empty"));
            return null;
        }
        int bad = SmsSegmenter.unpairedSurrogate(text);
        if (bad >= 0) {
            errors.add(new Problem.FieldError("text", "has an unpaired UTF-16 surrogate at index " + bad));
            return null;
        }
        SmsSegmenter.Segmentation seg = SmsSegmenter.segment(text);
        if (seg.segments() > config.maxSegments()) {
            errors.add(new Problem.FieldError("text", "is too long: " + seg.segments() + " " + seg.encoding()
                    + " segments (" + seg.units() + (seg.encoding() == SmsEncoding.GSM7
                            ? " septets" : " UTF-16 units")
                    + "), at most " + config.maxSegments() + " allowed"));
            return null;
        }
        return seg;
    }

    private static String callback(String url, List<Problem.FieldError> errors) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (url.length() > MAX_CALLBACK) {
            errors.add(new Problem.FieldError("status_callback", "must be at most " + MAX_CALLBACK + " characters"));
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(new Problem.FieldError("status_callback", "must be an absolute http or https URL"));
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            errors.add(new Problem.FieldError("status_callback", "is not a valid URL"));
            return null;
        }
    }

    /** 402 when billing's latest state says no; no state yet (billing has not published) admits. */
    void admit(TenantPrincipal tenant) {
        TenantBalance b = balances.findById(tenant.tenantId());
        if (b != null && !b.admits()) {
            registry.counter("trunkline.gateway.messages.rejected", "reason", "insufficient-funds").increment();
            String why = b.blocked ? "the account is blocked by billing"
                    : "the prepaid balance is exhausted (available " + b.available().toPlainString() + " " + b.currency
                            + ")";
            throw new ProblemException(Problem.of(402, "insufficient-funds", "Insufficient funds", why));
        }
    }

    private static String allStatuses() {
        return java.util.Arrays.stream(SmsStatus.values()).map(MessageStatuses::external).toList().toString();
    }
}
