package io.trunkline.gateway.service;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.trunkline.platform.Sha256;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsStatus;
import io.trunkline.gateway.Broadcast;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.ContactList;
import io.trunkline.gateway.MessageStatuses;
import io.trunkline.gateway.SmsSegmenter;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.UtcMillis;
import io.trunkline.gateway.config.BroadcastConfig;
import io.trunkline.gateway.config.GatewayConfig;
import io.trunkline.gateway.repository.BroadcastRepository;
import io.trunkline.gateway.repository.ContactListRepository;
import io.trunkline.gateway.repository.ContactRepository;
import io.trunkline.gateway.rest.BroadcastErrorPage;
import io.trunkline.gateway.rest.BroadcastErrorView;
import io.trunkline.gateway.rest.BroadcastPage;
import io.trunkline.gateway.rest.BroadcastRequest;
import io.trunkline.gateway.rest.BroadcastView;
import io.trunkline.gateway.rest.SendMessageRequest;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Accepting a broadcast: the request-level fields are checked as a single send checks them (one 400 naming each),
 * every row on its own (number, duplicate, rendered text, opt-out) into a per-row report, and the broadcast with its
 * recipients and report is stored in one transaction. {@link BroadcastDispatcher} sends it afterwards.
 */
@ApplicationScoped
public class BroadcastService {
    private static final Logger LOG = Logger.getLogger(BroadcastService.class);
    public static final String IDEMPOTENCY_HEADER = IdempotencyService.HEADER;
    static final int MAX_SCHEDULE_DAYS = 35;
    static final int INSERT_CHUNK = 500;
    static final int MAX_KEY = 255;
    static final int MAX_VALUE = 255;

    private final BroadcastRepository broadcasts;
    private final ContactListRepository lists;
    private final ContactRepository contacts;
    private final MessageService messages;
    private final PhoneNumbers numbers;
    private final OptOutService optOuts;
    private final GatewayConfig gateway;
    private final BroadcastConfig config;
    private final EntityManager em;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public BroadcastService(BroadcastRepository broadcasts, ContactListRepository lists, ContactRepository contacts,
            MessageService messages, PhoneNumbers numbers, OptOutService optOuts, GatewayConfig gateway,
            BroadcastConfig config, EntityManager em, ObjectMapper json, MeterRegistry registry) {
        this.broadcasts = broadcasts;
        this.lists = lists;
        this.contacts = contacts;
        this.messages = messages;
        this.numbers = numbers;
        this.optOuts = optOuts;
        this.gateway = gateway;
        this.config = config;
        this.em = em;
        this.json = json;
        this.registry = registry;
    }

    /** The answer to a create: the broadcast and whether it is the first answer to an Idempotency-Key again. */
    public record Created(BroadcastView view, boolean replayed) {
    }

    /** One row of the audience before checks: its 1-based row, the number as given and its template fields. */
    record Row(int row, String value, Map<String, String> fields) {
    }

    /** A row that passed the checks. */
    record Recipient(int row, String number, String body) {
    }

    public Created create(TenantPrincipal tenant, BroadcastRequest request, String idempotencyKey) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean template = request.template() != null;
        if (request.text() != null && template) {
            errors.add(new Problem.FieldError("template", "give either text or template, not both"));
        } else if (request.text() == null && !template) {
            errors.add(new Problem.FieldError("text", "text or template is required"));
        }
        String source = template ? request.template() : request.text();
        boolean inline = request.to() != null;
        boolean fromList = request.contactListId() != null && !request.contactListId().isBlank();
        if (inline && fromList) {
            errors.add(new Problem.FieldError("contact_list_id", "give either to or contact_list_id, not both"));
        } else if (!inline && !fromList) {
            errors.add(new Problem.FieldError("to", "to (a list of numbers) or contact_list_id is required"));
        } else if (inline && request.to().isEmpty()) {
            errors.add(new Problem.FieldError("to", "must name at least one recipient"));
        } else if (inline && request.to().size() > config.maxRecipients()) {
            errors.add(new Problem.FieldError("to", "at most " + config.maxRecipients() + " recipients, got "
                    + request.to().size()));
        }
        Instant sendAt = sendAt(request.sendAt(), errors);
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY
                || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            errors.add(new Problem.FieldError(IDEMPOTENCY_HEADER, "must be 1-" + MAX_KEY
                    + " visible ASCII characters"));
        }
        errors.addAll(requestFields(tenant, request, template, source));
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        messages.admit(tenant);

        String hash = idempotencyKey == null ? null : hash(request);
        if (idempotencyKey != null) {
            Optional<Created> again = replay(tenant, idempotencyKey, hash);
            if (again.isPresent()) {
                return again.get();
            }
        }

        List<Row> rows = fromList ? listRows(tenant, request.contactListId()) : inlineRows(request.to());
        Broadcast b = new Broadcast();
        b.id = UUID.randomUUID().toString();
        b.tenantId = tenant.tenantId();
        b.sender = request.from().startsWith("+") ? numbers.possibleE164(request.from()).orElseThrow()
                : request.from();
        b.body = source;
        b.template = template;
        b.contactListId = fromList ? request.contactListId() : null;
        b.reference = request.reference();
        b.statusCallback = request.statusCallback() == null || request.statusCallback().isBlank() ? null
                : request.statusCallback();
        b.status = Broadcast.QUEUED;
        b.total = rows.size();
        b.sendAt = sendAt;
        b.idempotencyKey = idempotencyKey;
        b.requestHash = hash;
        b.createdAt = Clocks.now();
        b.updatedAt = b.createdAt;

        List<BroadcastErrorView> report = new ArrayList<>();
        List<Recipient> recipients = check(tenant, b, rows, report);
        try {
            QuarkusTransaction.requiringNew().timeout(config.bulkTransactionTimeout()).run(() -> {
                broadcasts.persist(b);
                em.flush();
                insertRecipients(b.id, recipients);
                insertErrors(b.id, report);
            });
        } catch (PersistenceException | io.quarkus.narayana.jta.QuarkusTransactionException e) {
            if (idempotencyKey != null) {
                // a concurrent request with the same key won the unique key; answer as it does
                Optional<Created> again = replay(tenant, idempotencyKey, hash);
                if (again.isPresent()) {
                    return again.get();
                }
            }
            throw e;
        }
        registry.counter("trunkline.gateway.broadcasts.accepted").increment();
        registry.counter("trunkline.gateway.broadcasts.recipients").increment(recipients.size());
        LOG.infof("broadcast %s accepted for tenant %s: %d rows, %d recipients, %d invalid, %d duplicate, "
                + "%d opted out", b.id, b.tenantId, b.total, recipients.size(), b.invalidCount, b.duplicateCount,
                b.optedOutCount);
        return new Created(get(tenant, b.id), false);
    }

    private String hash(BroadcastRequest request) {
        try {
            return Sha256.hex(json.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a broadcast request", e);
        }
    }

    private Optional<Created> replay(TenantPrincipal tenant, String key, String hash) {
        Optional<Broadcast> first = QuarkusTransaction.requiringNew()
                .call(() -> broadcasts.findByIdempotencyKey(tenant.tenantId(), key));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        if (!first.get().requestHash.equals(hash)) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "idempotency-conflict",
                    "Idempotency-Key reused", 409, "this Idempotency-Key was used for a different broadcast request",
                    null, List.of(new Problem.FieldError(IDEMPOTENCY_HEADER, "was used with a different body"))));
        }
        return Optional.of(new Created(get(tenant, first.get().id), true));
    }

    /**
     * from, reference, status_callback (and a plain text) exactly as {@link MessageService#validate} checks a single
     * send: a probe send to the region's example number, keeping only the errors that do not depend on the row.
     */
    private List<Problem.FieldError> requestFields(TenantPrincipal tenant, BroadcastRequest r, boolean template,
            String source) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (source != null && template && source.isEmpty()) {
            errors.add(new Problem.FieldError("template", "must not be empty"));
        }
        String probeText = template ? "x" : source;
        try {
            messages.validate(tenant, new SendMessageRequest(probeNumber(tenant), r.from(), probeText, r.reference(),
                    r.statusCallback(), null));
        } catch (ProblemException e) {
            for (Problem.FieldError f : e.problem().errors() == null ? List.<Problem.FieldError>of()
                    : e.problem().errors()) {
                if (!f.field().equals("to") && !(f.field().equals("text") && (template || source == null))) {
                    errors.add(f);
                }
            }
        }
        return errors;
    }

    private static String probeNumber(TenantPrincipal tenant) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        var example = util.getExampleNumberForType(tenant.defaultRegion(), PhoneNumberUtil.PhoneNumberType.MOBILE);
        return example == null ? "+61412345678" : util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    private static Instant sendAt(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(value.trim()).toInstant();
            if (at.isAfter(Clocks.now().plus(Duration.ofDays(MAX_SCHEDULE_DAYS)))) {
                errors.add(new Problem.FieldError("send_at", "must be at most " + MAX_SCHEDULE_DAYS + " days ahead"));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("send_at", "must be an RFC 3339 time, e.g. 2026-12-24T09:00:00Z"));
            return null;
        }
    }

    private List<Row> inlineRows(List<JsonNode> to) {
        List<Row> rows = new ArrayList<>(to.size());
        int i = 0;
        for (JsonNode n : to) {
            i++;
            if (n != null && n.isObject()) {
                JsonNode number = n.get("number");
                rows.add(new Row(i, number != null && number.isValueNode() ? number.asText() : null,
                        fields(n.get("fields"))));
            } else if (n != null && (n.isTextual() || n.isNumber())) {
                rows.add(new Row(i, n.asText(), Map.of()));
            } else {
                rows.add(new Row(i, n == null || n.isNull() ? null : n.toString(), Map.of()));
            }
        }
        return rows;
    }

    private List<Row> listRows(TenantPrincipal tenant, String listId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ContactList l = lists.findForTenant(tenant.tenantId(), listId)
                    .orElseThrow(() -> ProblemException.notFound("contact list " + listId));
            long size = contacts.count("listId", l.id);
            if (size > config.maxRecipients()) {
                throw ProblemException.invalid("contact_list_id", "the list has " + size + " members, at most "
                        + config.maxRecipients() + " can be sent to at once");
            }
            List<Row> rows = new ArrayList<>((int) size);
            int i = 0;
            for (Object[] m : contacts.memberRows(l.id)) {
                rows.add(new Row(++i, (String) m[0], parseFields((String) m[1])));
            }
            return rows;
        });
    }

    /** A JSON object of fields as text values (numbers and booleans as their text; nested values ignored). */
    public static Map<String, String> fields(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    private Map<String, String> parseFields(String fieldsJson) {
        if (fieldsJson == null || fieldsJson.isBlank()) {
            return Map.of();
        }
        try {
            return fields(json.readTree(fieldsJson));
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** Checks every row; fills the report and the broadcast's counts, answers the rows to dispatch. */
    private List<Recipient> check(TenantPrincipal tenant, Broadcast b, List<Row> rows,
            List<BroadcastErrorView> report) {
        Map<String, Integer> seen = new HashMap<>();
        List<Recipient> candidates = new ArrayList<>(rows.size());
        for (Row r : rows) {
            String value = r.value() == null ? null : r.value().trim();
            Optional<String> e164 = value == null || value.isEmpty() ? Optional.empty()
                    : numbers.validE164(value, tenant.defaultRegion());
            if (e164.isEmpty()) {
                b.invalidCount++;
                report.add(new BroadcastErrorView(r.row(), clip(r.value()), "invalid_number",
                        value == null || value.isEmpty() ? "a number is required"
                                : "not a valid phone number (E.164, or national in " + tenant.defaultRegion() + ")"));
                continue;
            }
            Integer first = seen.putIfAbsent(e164.get(), r.row());
            if (first != null) {
                b.duplicateCount++;
                report.add(new BroadcastErrorView(r.row(), clip(r.value()), "duplicate",
                        "the same number as row " + first + "; sent once"));
                continue;
            }
            String body = null;
            String text = b.body;
            if (b.template) {
                BroadcastTemplate.Rendered rendered = BroadcastTemplate.render(b.body, r.fields());
                if (!rendered.ok()) {
                    b.invalidCount++;
                    report.add(new BroadcastErrorView(r.row(), clip(r.value()), "missing_field",
                            "no value for " + String.join(", ", rendered.missing())
                                    + " (give the field, or a default: {{field|default}})"));
                    continue;
                }
                body = rendered.text();
                text = body;
                String problem = textProblem(text);
                if (problem != null) {
                    b.invalidCount++;
                    report.add(new BroadcastErrorView(r.row(), clip(r.value()), "invalid_text", problem));
                    continue;
                }
            }
            candidates.add(new Recipient(r.row(), e164.get(), body));
        }
        Set<String> out = optOuts.optedOut(tenant.tenantId(), candidates.stream().map(Recipient::number).toList());
        if (out.isEmpty()) {
            report.sort((x, y) -> Integer.compare(x.row(), y.row()));
            return candidates;
        }
        List<Recipient> recipients = new ArrayList<>(candidates.size());
        for (Recipient c : candidates) {
            if (out.contains(c.number())) {
                b.optedOutCount++;
                report.add(new BroadcastErrorView(c.row(), c.number(), "opted_out",
                        "opted out of this account's messages (STOP); skipped"));
            } else {
                recipients.add(c);
            }
        }
        report.sort((x, y) -> Integer.compare(x.row(), y.row()));
        return recipients;
    }

    /** The same encoding and length rule as a single send ({@link MessageService#validate}), for a rendered text. */
    private String textProblem(String text) {
        if (text.isEmpty()) {
            return "the rendered text is empty";
        }
        int bad = SmsSegmenter.unpairedSurrogate(text);
        if (bad >= 0) {
            return "the rendered text has an unpaired UTF-16 surrogate at index " + bad;
        }
        SmsSegmenter.Segmentation seg = SmsSegmenter.segment(text);
        if (seg.segments() > gateway.maxSegments()) {
            return "the rendered text is too long: " + seg.segments() + " " + seg.encoding() + " segments ("
                    + seg.units() + (seg.encoding() == SmsEncoding.GSM7 ? " septets" : " UTF-16 units") + "), at most "
                    + gateway.maxSegments() + " allowed";
        }
        return null;
    }

    private static String clip(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }

    private void insertRecipients(String broadcastId, List<Recipient> recipients) {
        em.unwrap(Session.class).doWork(c -> {
            for (int from = 0; from < recipients.size(); from += INSERT_CHUNK) {
                List<Recipient> chunk = recipients.subList(from, Math.min(recipients.size(), from + INSERT_CHUNK));
                StringBuilder sql = new StringBuilder(
                        "INSERT INTO broadcast_recipient (broadcast_id, row_no, number, body, state) VALUES ");
                sql.append("(?, ?, ?, ?, 'pending'),".repeat(chunk.size()));
                sql.setLength(sql.length() - 1);
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (Recipient r : chunk) {
                        ps.setString(p++, broadcastId);
                        ps.setInt(p++, r.row());
                        ps.setString(p++, r.number());
                        ps.setString(p++, r.body());
                    }
                    ps.executeUpdate();
                }
            }
        });
    }

    void insertErrors(String broadcastId, List<BroadcastErrorView> report) {
        em.unwrap(Session.class).doWork(c -> {
            for (int from = 0; from < report.size(); from += INSERT_CHUNK) {
                List<BroadcastErrorView> chunk = report.subList(from, Math.min(report.size(), from + INSERT_CHUNK));
                StringBuilder sql = new StringBuilder(
                        "INSERT INTO broadcast_error (broadcast_id, row_no, value, code, reason) VALUES ");
                sql.append("(?, ?, ?, ?, ?),".repeat(chunk.size()));
                sql.setLength(sql.length() - 1);
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (BroadcastErrorView e : chunk) {
                        ps.setString(p++, broadcastId);
                        ps.setInt(p++, e.row());
                        ps.setString(p++, e.value());
                        ps.setString(p++, e.code());
                        ps.setString(p++, e.reason().length() > 512 ? e.reason().substring(0, 512) : e.reason());
                    }
                    ps.executeUpdate();
                }
            }
        });
    }

    // --- reading ---

    /** The tenant's broadcast with its progress; 404 for an unknown id and another tenant's broadcast alike. */
    @Transactional
    public BroadcastView get(TenantPrincipal tenant, String id) {
        Broadcast b = require(tenant, id);
        List<BroadcastErrorView> errors = errorRows(b.id, 0, config.inlineErrors());
        long errorsTotal = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM broadcast_error WHERE broadcast_id = ?1")
                .setParameter(1, b.id).getSingleResult()).longValue();
        return BroadcastView.of(b, counts(b), errors, errorsTotal);
    }

    Broadcast require(TenantPrincipal tenant, String id) {
        return broadcasts.findForTenant(tenant.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("broadcast " + id));
    }

    /** Rows by outcome; dispatched rows by their message's current status, so receipts move the counts. */
    @SuppressWarnings("unchecked")
    Map<String, Long> counts(Broadcast b) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("pending", 0L);
        for (SmsStatus s : SmsStatus.values()) {
            counts.put(MessageStatuses.external(s), 0L);
        }
        counts.put("rejected", 0L);
        counts.put("invalid", (long) b.invalidCount);
        counts.put("duplicate", (long) b.duplicateCount);
        counts.put("opted_out", (long) b.optedOutCount);
        List<Object[]> rows = em.createNativeQuery("SELECT r.state, m.status, COUNT(*) FROM broadcast_recipient r "
                + "LEFT JOIN sms_message m ON m.id = r.message_id WHERE r.broadcast_id = ?1 GROUP BY r.state, m.status")
                .setParameter(1, b.id).getResultList();
        for (Object[] r : rows) {
            String state = (String) r[0];
            long n = ((Number) r[2]).longValue();
            String key = BroadcastDispatcher.DISPATCHED.equals(state) && r[1] != null
                    ? MessageStatuses.external(SmsStatus.valueOf((String) r[1]))
                    : state;
            counts.merge(key, n, Long::sum);
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private List<BroadcastErrorView> errorRows(String broadcastId, int afterRow, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT row_no, value, code, reason FROM broadcast_error "
                + "WHERE broadcast_id = ?1 AND row_no > ?2 ORDER BY row_no LIMIT ?3")
                .setParameter(1, broadcastId).setParameter(2, afterRow).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new BroadcastErrorView(((Number) r[0]).intValue(), (String) r[1],
                (String) r[2], (String) r[3])).toList();
    }

    /** The broadcast's per-row errors by row, after the cursor (the last row of the previous page). */
    @Transactional
    public BroadcastErrorPage errors(TenantPrincipal tenant, String id, String cursor, String size) {
        int s = size(size);
        int after = 0;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API gave");
            }
        }
        Broadcast b = require(tenant, id);
        List<BroadcastErrorView> items = errorRows(b.id, after, s + 1);
        String next = null;
        if (items.size() > s) {
            items = items.subList(0, s);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    String.valueOf(items.get(s - 1).row()).getBytes(StandardCharsets.UTF_8));
        }
        return new BroadcastErrorPage(items, next);
    }

    /** The tenant's broadcasts, newest first, one cursor page at a time. */
    @Transactional
    public BroadcastPage list(TenantPrincipal tenant, String cursor, String size) {
        int s = size(size);
        PageCursor c = PageCursor.decode(cursor);
        Instant before = c == null ? null : c.time();
        String beforeId = c == null ? null : c.id();
        List<Broadcast> page = broadcasts.page(tenant.tenantId(), before, beforeId, s + 1);
        String next = null;
        if (page.size() > s) {
            page = page.subList(0, s);
            Broadcast last = page.get(s - 1);
            next = new PageCursor(last.createdAt, last.id).encode();
        }
        List<BroadcastView> items = page.stream().map(b -> BroadcastView.of(b, counts(b), null, 0)).toList();
        return new BroadcastPage(items, next);
    }

    private int size(String size) {
        return PageCursor.pageSize(size, MessageService.DEFAULT_PAGE_SIZE, gateway.maxPageSize(), "size");
    }

    // --- cancel ---

    /**
     * Cancels what has not been dispatched: pending recipients become canceled. A batch being dispatched holds its
     * rows' locks, so this waits for it and cancels the rest; messages already created go on. 409 once completed.
     */
    @Transactional
    public BroadcastView cancel(TenantPrincipal tenant, String id) {
        Broadcast b = require(tenant, id);
        if (Broadcast.COMPLETED.equals(b.status)) {
            throw new ProblemException(Problem.of(409, "broadcast-completed", "Broadcast completed",
                    "broadcast " + id + " has dispatched every recipient; there is nothing left to cancel"));
        }
        if (!Broadcast.CANCELED.equals(b.status)) {
            Instant now = Clocks.now();
            // recipient rows first, like the dispatcher, so the two never wait on each other in opposite order
            int canceled = em.createNativeQuery("UPDATE broadcast_recipient SET state = 'canceled' "
                    + "WHERE broadcast_id = ?1 AND state = 'pending'").setParameter(1, b.id).executeUpdate();
            em.createNativeQuery("UPDATE broadcast SET status = 'canceled', canceled_at = ?2, updated_at = ?2 "
                    + "WHERE id = ?1 AND status IN ('queued', 'sending')").setParameter(1, b.id)
                    .setParameter(2, UtcMillis.format(now)).executeUpdate();
            em.refresh(b);
            LOG.infof("broadcast %s canceled: %d recipients not sent", b.id, canceled);
        }
        return get(tenant, id);
    }
}
