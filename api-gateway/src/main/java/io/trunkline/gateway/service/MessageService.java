package io.trunkline.gateway.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.MessageIds;
import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.MessageStatuses;
import io.trunkline.gateway.SenderId;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.SmsSegmenter;
import io.trunkline.gateway.TenantBalance;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.config.GatewayConfig;
import io.trunkline.gateway.config.MessageLifecycleConfig;
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
 * sends the event after commit). A message with {@code send_at} is stored {@code scheduled} without its event;
 * {@link ScheduledMessageDispatcher} queues and publishes it when it is due, unless it was canceled first.
 */
@ApplicationScoped
public class MessageService {
    private static final Logger LOG = Logger.getLogger(MessageService.class);
    /** The history's channel for steps the gateway itself records. */
    public static final String GATEWAY_CHANNEL = "gateway";
    static final int MAX_REFERENCE = 255;
    static final int MAX_CALLBACK = 2048;
    /** Page size of tenant lists when the request names none (broadcasts, contacts). */
    static final int DEFAULT_PAGE_SIZE = 20;
    static final String CANCEL_REFUSED = "not-cancelable";
    static final String EXPIRED_REASON = "validity ended before the scheduled message could be sent";

    private final MessageRepository messages;
    private final MessageStatusRepository history;
    private final TenantBalanceRepository balances;
    private final PhoneNumbers numbers;
    private final Outbox outbox;
    private final GatewayConfig config;
    private final MeterRegistry registry;
    private final RoutingService routing;
    private final OptOutService optOuts;
    private final WebhookService webhooks;
    private final MessageLifecycleConfig lifecycle;
    private final AcceptCaches caches;
    private final MessageWriter writer;
    private final ReceiverAddresses receivers;

    public MessageService(MessageRepository messages, MessageStatusRepository history, TenantBalanceRepository balances,
            PhoneNumbers numbers, Outbox outbox, GatewayConfig config, MeterRegistry registry, RoutingService routing,
            OptOutService optOuts, WebhookService webhooks, MessageLifecycleConfig lifecycle, AcceptCaches caches,
            MessageWriter writer, ReceiverAddresses receivers) {
        this.receivers = receivers;
        this.caches = caches;
        this.writer = writer;
        this.webhooks = webhooks;
        this.lifecycle = lifecycle;
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

    /**
     * A send request that passed validation: normalised numbers, segmentation, and the optional fields;
     * {@code sendAt} null = send now.
     */
    public record Validated(String to, String from, SmsSegmenter.Segmentation seg, String reference, String callback,
            Long validity, Instant sendAt) {

        /** A send now. */
        public Validated(String to, String from, SmsSegmenter.Segmentation seg, String reference, String callback,
                Long validity) {
            this(to, from, seg, reference, callback, validity, null);
        }
    }

    /**
     * Checks a send (or quote) request exactly as {@code POST /v1/messages} does: every offending field in one 400.
     */
    public Validated validate(TenantPrincipal tenant, SendMessageRequest request) {
        return validate(tenant, request, true);
    }

    /** As {@link #validate(TenantPrincipal, SendMessageRequest)}; without the opt-out check when {@link MessageWriter} makes it. */
    Validated validate(TenantPrincipal tenant, SendMessageRequest request, boolean checkOptOut) {
        return validate(tenant, request, checkOptOut, Addressee.GIVEN);
    }

    /**
     * How strictly {@code to} is checked. A number a tenant gives must be valid (libphonenumber's assigned ranges); a
     * number the network gave us, a handset that wrote in or one of our receiving numbers, need only be possible:
     * it is reachable by the fact, and libphonenumber's ranges lag the networks' (4834-4837 in Australia, say).
     */
    enum Addressee {
        GIVEN, KNOWN
    }

    private Validated validate(TenantPrincipal tenant, SendMessageRequest request, boolean checkOptOut,
            Addressee addressee) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String to = destination(tenant, request.to(), addressee, errors);
        if (checkOptOut && to != null && optOuts.isOptedOut(tenant.tenantId(), to)) {
            errors.add(new Problem.FieldError("to", MessageWriter.OPTED_OUT));
        }
        String from = sender(tenant, request.from(), errors);
        SmsSegmenter.Segmentation seg = text(request.text(), errors);
        String reference = request.reference();
        if (reference != null && reference.length() > MAX_REFERENCE) {
            errors.add(new Problem.FieldError("reference", "must be at most " + MAX_REFERENCE + " characters"));
        }
        String callback = callback(request.statusCallback(), errors);
        String refused = receivers.refuseGiven(callback);
        if (refused != null) {
            errors.add(new Problem.FieldError("status_callback", refused));
            callback = null;
        }
        Long validity = request.validity();
        long maxValidity = config.maxValidity().toSeconds();
        if (validity != null && (validity < 1 || validity > maxValidity)) {
            errors.add(new Problem.FieldError("validity", "must be between 1 and " + maxValidity + " seconds"));
        }
        Instant sendAt = sendAt(request.sendAt(), errors);
        if (!errors.isEmpty()) {
            registry.counter("trunkline.gateway.messages.rejected", "reason", "invalid").increment();
            throw new ProblemException(Problem.invalid(errors));
        }
        return new Validated(to, from, seg, reference, callback, validity, sendAt);
    }

    /**
     * Accepts a message: validate, admit, route (outside any transaction: routing may ask billing), then store it with
     * its {@link SmsAccepted} in one transaction. Without an idempotency key, the new message.
     */
    public SmsMessage send(TenantPrincipal tenant, SendMessageRequest request) {
        return accept(tenant, request, validate(tenant, request));
    }

    /** Admits, routes and stores an already validated send in a transaction of its own. */
    private SmsMessage accept(TenantPrincipal tenant, SendMessageRequest request, Validated v) {
        admit(tenant);
        RoutingService.Decision route = routing.decide(tenant.tenantId(), v.to());
        return QuarkusTransaction.requiringNew().call(() -> store(tenant, request, v, route.route()));
    }

    /**
     * As {@link #send}, answered when the message is committed by {@link MessageWriter} together with other sends
     * (group commit): validation, admission and routing here, the opt-out check and the storage there. A scheduled
     * message ({@code send_at}) is stored at once by {@link #send}. Refusals complete the stage exceptionally with a
     * {@link ProblemException}; validation and admission refusals are thrown before anything is queued.
     */
    public CompletionStage<SmsMessage> sendAsync(TenantPrincipal tenant, SendMessageRequest request) {
        return sendAsync(tenant, request, UnaryOperator.identity());
    }

    /**
     * As {@link #sendAsync(TenantPrincipal, SendMessageRequest)}, with the validated send adjusted before admission
     * (Kannel's {@code coding=2} forces UCS-2 segmentation); {@code adjust} may throw to refuse it.
     */
    public CompletionStage<SmsMessage> sendAsync(TenantPrincipal tenant, SendMessageRequest request,
            UnaryOperator<Validated> adjust) {
        Validated v = adjust.apply(validate(tenant, request, false));
        if (v.sendAt() != null) {
            InMemoryOnly.mayBlock();
            if (optOuts.isOptedOut(tenant.tenantId(), v.to())) {
                registry.counter("trunkline.gateway.messages.rejected", "reason", "invalid").increment();
                throw new ProblemException(Problem.invalid("to", MessageWriter.OPTED_OUT));
            }
            return CompletableFuture.completedFuture(accept(tenant, request, v));
        }
        admit(tenant);
        RoutingService.Decision route = routing.decide(tenant.tenantId(), v.to());
        return writer.submit(tenant, request, v, route.route());
    }

    /**
     * As {@link #send}, but inside the caller's transaction, so an inbound message's replies commit or roll back with
     * it and its consumer's de-duplication (a redelivery sends nothing twice); {@code route} not null forces that
     * route instead of routing's decision (an app's forward to {@code email:<address>}); {@code addressee} says how
     * strictly {@code to} is checked. Refusals throw before anything is written.
     */
    SmsMessage sendWithin(TenantPrincipal tenant, SendMessageRequest request, String route, Addressee addressee) {
        Validated v = validate(tenant, request, true, addressee);
        admit(tenant);
        String r = route != null ? route : routing.decide(tenant.tenantId(), v.to()).route();
        return store(tenant, request, v, r);
    }

    /**
     * Stores an accepted message, its first history step and its event; call inside the transaction. With
     * {@code v.sendAt()} the message is {@code scheduled}: no event yet, its status callback is queued instead.
     */
    public SmsMessage store(TenantPrincipal tenant, SendMessageRequest request, Validated v, String route) {
        Instant now = Clocks.now();
        SmsMessage m = newMessage(tenant, request, v, route, now);
        messages.persist(m);

        MessageStatusEntry step = step(m, m.status, now, null);
        if (v.sendAt() == null) {
            outbox.publish(accepted(m));
        } else {
            webhooks.messageStatus(m, step);
            registry.counter("trunkline.gateway.messages.scheduled").increment();
        }
        registry.counter("trunkline.gateway.messages.accepted", "encoding", m.encoding.name()).increment();
        registry.counter("trunkline.gateway.segments.accepted").increment(m.segments);
        LOG.debugf("message %s accepted for tenant %s: %s, %d segment(s), route %s, send at %s", m.id, m.tenantId,
                m.encoding, m.segments, m.route, m.sendAt == null ? "once" : m.sendAt);
        return m;
    }

    /** A new message as accepted now: {@code queued}, or {@code scheduled} with {@code v.sendAt()}; not stored. */
    static SmsMessage newMessage(TenantPrincipal tenant, SendMessageRequest request, Validated v, String route,
            Instant now) {
        SmsMessage m = new SmsMessage();
        m.id = MessageIds.next();
        m.tenantId = tenant.tenantId();
        m.sender = v.from();
        m.recipient = v.to();
        m.body = request.text();
        m.encoding = v.seg().encoding();
        m.segments = v.seg().segments();
        m.route = route;
        SmsStatus first = v.sendAt() == null ? SmsStatus.QUEUED : SmsStatus.SCHEDULED;
        m.status = first;
        m.statusRank = MessageStatuses.rank(first);
        m.reference = v.reference();
        m.statusCallback = v.callback();
        m.sendAt = v.sendAt();
        // a scheduled message's validity runs from when it is due, not from when it was accepted
        Instant validFrom = v.sendAt() == null ? now : v.sendAt();
        m.validUntil = v.validity() == null ? null : validFrom.plusSeconds(v.validity());
        m.createdAt = now;
        m.updatedAt = now;
        return m;
    }

    /** One of the gateway's own steps in a message's history; not stored. */
    static MessageStatusEntry newStep(SmsMessage m, SmsStatus status, Instant at, String reason) {
        MessageStatusEntry e = new MessageStatusEntry();
        e.messageId = m.id;
        e.status = status;
        e.occurredAt = at;
        e.channel = GATEWAY_CHANNEL;
        e.reason = reason;
        e.recordedAt = at;
        return e;
    }

    /** The event that hands the message to its channel. */
    static SmsAccepted accepted(SmsMessage m) {
        return new SmsAccepted(m.id, m.tenantId, m.sender, m.recipient, m.body, m.encoding, m.segments, m.route, true,
                m.validUntil, m.reference, m.createdAt);
    }

    /** Records one of the gateway's own steps in the message's history. */
    private MessageStatusEntry step(SmsMessage m, SmsStatus status, Instant at, String reason) {
        MessageStatusEntry e = newStep(m, status, at, reason);
        history.persist(e);
        return e;
    }

    /**
     * A scheduled message that is due, locked by the caller's claim: queued with its {@link SmsAccepted}, or expired
     * (and never sent) when its validity ended first. Call in the claiming transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dispatch(SmsMessage m, Instant now) {
        if (m.status != SmsStatus.SCHEDULED) {
            return;
        }
        if (m.validUntil != null && !m.validUntil.isAfter(now)) {
            moveTo(m, SmsStatus.EXPIRED, now, EXPIRED_REASON);
            registry.counter("trunkline.gateway.messages.expired-unsent").increment();
            LOG.infof("scheduled message %s of tenant %s expired unsent (due %s, valid until %s)", m.id, m.tenantId,
                    m.sendAt, m.validUntil);
            return;
        }
        moveTo(m, SmsStatus.QUEUED, now, null);
        outbox.publish(accepted(m));
        registry.counter("trunkline.gateway.messages.dispatched").increment();
        LOG.debugf("scheduled message %s of tenant %s queued (due %s)", m.id, m.tenantId, m.sendAt);
    }

    private void moveTo(SmsMessage m, SmsStatus status, Instant now, String reason) {
        m.status = status;
        m.statusRank = MessageStatuses.rank(status);
        m.updatedAt = now;
        if (reason != null) {
            m.errorReason = reason;
        }
        webhooks.messageStatus(m, step(m, status, now, reason));
    }

    /**
     * Cancels the tenant's scheduled message: 404 for an unknown id or another tenant's message, 409
     * {@code not-cancelable} once it left the schedule. The row lock orders it with the dispatcher: a cancel waits for
     * a dispatch in progress (and then finds the message queued), a dispatch skips a message being canceled.
     */
    @Transactional
    public MessageWithHistory cancel(TenantPrincipal tenant, String id) {
        SmsMessage m = messages.lockForTenant(tenant.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("message " + id));
        if (m.status != SmsStatus.SCHEDULED) {
            String now = MessageStatuses.external(m.status);
            throw new ProblemException(new Problem(Problem.TYPE_BASE + CANCEL_REFUSED, "Message not cancelable", 409,
                    "the message is " + now + "; only a scheduled message can be canceled", null,
                    List.of(new Problem.FieldError("status", "is " + now + ", not scheduled"))));
        }
        moveTo(m, SmsStatus.CANCELED, Clocks.now(), null);
        registry.counter("trunkline.gateway.messages.canceled").increment();
        return new MessageWithHistory(m, history.timeline(m.id));
    }

    /** The tenant's message with its history; 404 for an unknown id or another tenant's message alike. */
    @Transactional
    public MessageWithHistory get(TenantPrincipal tenant, String id) {
        SmsMessage m = messages.findForTenant(tenant.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("message " + id));
        return new MessageWithHistory(m, history.timeline(m.id));
    }

    /** The query parameters of {@code GET /v1/messages}, as given (null = absent). */
    public record ListParams(String status, String to, String from, String dateFrom, String dateTo, String reference,
            String limit, String cursor) {
    }

    /** One page of messages, newest first, and the cursor of the next page (null on the last page). */
    public record Slice(List<SmsMessage> items, String nextCursor) {
    }

    /**
     * The tenant's messages, newest first, filtered and cursor-paged; every bad parameter is named in one 400. Only
     * the tenant's own messages are ever read.
     */
    @Transactional
    public Slice list(TenantPrincipal tenant, ListParams p) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<SmsStatus> statuses = EnumSet.noneOf(SmsStatus.class);
        if (present(p.status())) {
            for (String one : p.status().split(",")) {
                Optional<SmsStatus> parsed = one.isBlank() ? Optional.empty() : MessageStatuses.parse(one);
                if (parsed.isEmpty()) {
                    errors.add(new Problem.FieldError("status", "'" + one.trim() + "' is not one of "
                            + allStatuses()));
                    break;
                }
                statuses.add(parsed.get());
            }
        }
        String to = null;
        if (present(p.to())) {
            to = numbers.validE164(p.to().trim(), tenant.defaultRegion()).orElse(null);
            if (to == null) {
                errors.add(new Problem.FieldError("to", "is not a valid phone number (E.164, or national in "
                        + tenant.defaultRegion() + ")"));
            }
        }
        String from = null;
        if (present(p.from())) {
            from = p.from().trim();
            if (from.startsWith("+")) {
                from = numbers.possibleE164(from).orElse(null);
                if (from == null) {
                    errors.add(new Problem.FieldError("from", "is not a valid E.164 number"));
                }
            } else if (!SenderId.isAlphanumeric(from)) {
                errors.add(new Problem.FieldError("from", "must be an E.164 number or an alphanumeric sender id"));
            }
        }
        Instant dateFrom = time(p.dateFrom(), "date_from", errors);
        Instant dateTo = time(p.dateTo(), "date_to", errors);
        if (dateFrom != null && dateTo != null && !dateTo.isAfter(dateFrom)) {
            errors.add(new Problem.FieldError("date_to", "must be after date_from (the range is [date_from, date_to))"));
        }
        String reference = present(p.reference()) ? p.reference() : null;
        if (reference != null && reference.length() > MAX_REFERENCE) {
            errors.add(new Problem.FieldError("reference", "must be at most " + MAX_REFERENCE + " characters"));
        }
        int limit = lifecycle.defaultListLimit();
        if (present(p.limit())) {
            try {
                limit = Integer.parseInt(p.limit().trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > config.maxPageSize()) {
                errors.add(new Problem.FieldError("limit", "must be a whole number between 1 and "
                        + config.maxPageSize()));
            }
        }
        MessageRepository.Cursor after = null;
        if (present(p.cursor())) {
            after = decodeCursor(p.cursor().trim());
            if (after == null) {
                errors.add(new Problem.FieldError("cursor", "is not a cursor this API gave (use next_cursor as it is)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        MessageRepository.Filter filter = new MessageRepository.Filter(statuses, to, from, dateFrom, dateTo, reference);
        // one more row than asked tells whether there is a next page without counting
        List<SmsMessage> rows = messages.listForTenant(tenant.tenantId(), filter, after, limit + 1);
        if (rows.size() <= limit) {
            return new Slice(rows, null);
        }
        List<SmsMessage> page = rows.subList(0, limit);
        SmsMessage last = page.get(limit - 1);
        return new Slice(List.copyOf(page), encodeCursor(new MessageRepository.Cursor(last.createdAt, last.id)));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** An RFC 3339 time, or a date (its UTC midnight); null when absent or bad (then named in errors). */
    static Instant time(String value, String field, List<Problem.FieldError> errors) {
        if (!present(value)) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Clocks.millis(OffsetDateTime.parse(v.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeException e) {
            errors.add(new Problem.FieldError(field, "must be an RFC 3339 time (2026-11-26T09:00:00Z) or a date "
                    + "(2026-11-26, midnight UTC)"));
            return null;
        }
    }

    /** The {@link PageCursor} of the page's last row; clients treat it as opaque. */
    static String encodeCursor(MessageRepository.Cursor c) {
        return new PageCursor(c.createdAt(), c.id()).encode();
    }

    /** The cursor, or null when it is not one {@link #encodeCursor} made (message ids are UUIDs). */
    static MessageRepository.Cursor decodeCursor(String cursor) {
        PageCursor c = PageCursor.tryDecode(cursor);
        try {
            return c == null ? null : new MessageRepository.Cursor(c.time(), UUID.fromString(c.id()).toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code send_at}: RFC 3339, in the future, at most {@code max-schedule-ahead} (35 days) ahead; null = now. */
    private Instant sendAt(String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        Instant at;
        try {
            at = Clocks.millis(OffsetDateTime.parse(value.trim().toUpperCase(Locale.ROOT),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            errors.add(new Problem.FieldError("send_at", "must be an RFC 3339 time with an offset, e.g. "
                    + "2026-12-24T09:00:00Z"));
            return null;
        }
        Instant now = Clocks.now();
        if (!at.isAfter(now)) {
            errors.add(new Problem.FieldError("send_at", "must be in the future (leave it out to send now)"));
            return null;
        }
        if (at.isAfter(now.plus(lifecycle.maxScheduleAhead()))) {
            errors.add(new Problem.FieldError("send_at", "must be at most " + lifecycle.maxScheduleAhead().toDays()
                    + " days ahead"));
            return null;
        }
        return at;
    }

    private String destination(TenantPrincipal tenant, String to, Addressee addressee,
            List<Problem.FieldError> errors) {
        if (to == null || to.isBlank()) {
            errors.add(new Problem.FieldError("to", "is required"));
            return null;
        }
        Optional<String> e164 = addressee == Addressee.KNOWN && to.trim().startsWith("+")
                ? numbers.possibleE164(to.trim())
                : numbers.validE164(to.trim(), tenant.defaultRegion());
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
        TenantBalance b = caches.balance(tenant.tenantId(), id -> Optional.ofNullable(balances.findById(id)))
                .orElse(null);
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
