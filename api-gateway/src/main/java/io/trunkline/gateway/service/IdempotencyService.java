package io.trunkline.gateway.service;

import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trunkline.platform.Sha256;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.IdempotencyRecord;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.config.GatewayConfig;
import io.trunkline.gateway.repository.IdempotencyRepository;
import io.trunkline.gateway.rest.MessageView;
import io.trunkline.gateway.rest.SendMessageRequest;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * {@code Idempotency-Key} on {@code POST /v1/messages}. Keys are per tenant. The key's row is inserted first in the
 * message's own transaction and completed there with the answer, so a key is stored exactly when its message is. A
 * second request with the key gets the stored answer when its body's canonical SHA-256 is the same, and 409 otherwise.
 * Two concurrent requests with one key: the unique (tenant, key) index makes the second insert wait for the first
 * transaction and then fail, and the second request replays the first's answer (or gets 409 while it is still open).
 * Only accepted messages are stored: a request refused with 4xx leaves no key, so it can be corrected and retried.
 */
@ApplicationScoped
public class IdempotencyService {
    private static final Logger LOG = Logger.getLogger(IdempotencyService.class);
    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY = 255;
    static final Duration MIN_RETENTION = Duration.ofHours(24);

    private final IdempotencyRepository keys;
    private final MessageService messages;
    private final RoutingService routing;
    private final ObjectMapper json;
    private final GatewayConfig config;

    public IdempotencyService(IdempotencyRepository keys, MessageService messages, RoutingService routing,
            ObjectMapper json, GatewayConfig config) {
        this.keys = keys;
        this.messages = messages;
        this.routing = routing;
        this.json = json;
        this.config = config;
    }

    /** An answer to replay: status, Location and the JSON body exactly as first given. */
    public record Answer(int status, String location, String body, boolean replayed) {
    }

    public Answer send(TenantPrincipal tenant, String key, SendMessageRequest request) {
        checkKey(key);
        String hash = hash(request);
        Optional<Answer> first = prior(tenant, key, hash);
        if (first.isPresent()) {
            return first.get();
        }
        MessageService.Validated v = messages.validate(tenant, request);
        messages.admit(tenant);
        RoutingService.Decision route = routing.decide(tenant.tenantId(), v.to());
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                IdempotencyRecord r = new IdempotencyRecord();
                r.id = UUID.randomUUID().toString();
                r.tenantId = tenant.tenantId();
                r.key = key;
                r.requestHash = hash;
                r.state = IdempotencyRecord.PENDING;
                r.createdAt = Clocks.now();
                keys.persist(r);
                keys.flush(); // takes the unique (tenant, key) entry now: a concurrent request waits here, then fails
                SmsMessage m = messages.store(tenant, request, v, route.route());
                r.state = IdempotencyRecord.COMPLETE;
                r.responseStatus = 202;
                r.responseLocation = "/v1/messages/" + m.id;
                r.responseBody = json.writeValueAsString(MessageView.of(m));
                r.messageId = m.id;
                return new Answer(r.responseStatus, r.responseLocation, r.responseBody, false);
            });
        } catch (RuntimeException e) {
            if (!duplicate(e)) {
                throw e;
            }
            LOG.debugf("Idempotency-Key of tenant %s used concurrently; answering with the first request's answer",
                    tenant.tenantId());
            return prior(tenant, key, hash).orElseThrow(() -> inProgress());
        }
    }

    /** The stored answer for the key, a 409 if it was used with another body, or empty when the key is new. */
    Optional<Answer> prior(TenantPrincipal tenant, String key, String hash) {
        Optional<IdempotencyRecord> found = QuarkusTransaction.requiringNew()
                .call(() -> keys.findKey(tenant.tenantId(), key));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyRecord r = found.get();
        if (!r.requestHash.equals(hash)) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "idempotency-key-reused",
                    "Idempotency-Key reused", 409, "this Idempotency-Key was used with a different request body; "
                            + "use a new key for a new request", null,
                    List.of(new Problem.FieldError(HEADER, "was already used with a different request body"))));
        }
        if (!IdempotencyRecord.COMPLETE.equals(r.state)) {
            throw inProgress();
        }
        return Optional.of(new Answer(r.responseStatus, r.responseLocation, r.responseBody, true));
    }

    /** Deletes keys past their retention (at least 24 h); runs every {@code idempotency-purge-every} (1h). */
    @Scheduled(every = "${trunkline.gateway.idempotency-purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void scheduledPurge() {
        purgeExpired();
    }

    /** Deletes keys past their retention now; returns how many. */
    @Transactional
    public int purge() {
        return purgeExpired();
    }

    private int purgeExpired() {
        Duration retention = config.idempotencyRetention().compareTo(MIN_RETENTION) < 0 ? MIN_RETENTION
                : config.idempotencyRetention();
        Instant cutoff = Clocks.now().minus(retention);
        int n = keys.deleteOlderThan(cutoff);
        if (n > 0) {
            LOG.infof("purged %d idempotency key(s) created before %s", n, cutoff);
        }
        return n;
    }

    private static ProblemException inProgress() {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "idempotency-key-in-progress",
                "Idempotency-Key in progress", 409, "a request with this Idempotency-Key is still being processed; "
                        + "retry shortly", null,
                List.of(new Problem.FieldError(HEADER, "a request with this key is still in progress"))));
    }

    static void checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.invalid(HEADER, "must be 1-" + MAX_KEY + " visible ASCII characters");
        }
    }

    /** Hex SHA-256 of the canonical body: the parsed request re-serialised (field order and whitespace fixed). */
    String hash(SendMessageRequest request) {
        try {
            return Sha256.hex(json.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            if (t instanceof java.sql.SQLException s && s.getErrorCode() == 1062) {
                return true;
            }
        }
        return false;
    }
}
