package io.trunkline.relay.service;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.http.HttpTemplate;
import io.trunkline.relay.smpp.TokenBucket;

/**
 * The dispatcher of one HTTP carrier: claims queued messages in batches as the window allows and sends each as one
 * request built from the carrier's templates. 2xx (and the success pattern, if any): SENT with the id the id
 * pattern finds (else our message id); a retry status (429, 503): the same request again after a growing wait;
 * another answer: FAILED ({@code errorCode} from the error pattern, else {@code HTTP_<status>}); the connection
 * refused: back to the queue (nothing reached the carrier); no answer in time: UNKNOWN, never resent.
 * <p>
 * Requests that reach no answer (refused, timed out, broken) and 5xx answers are failures of the carrier: after
 * {@code circuit-failures} in a row its {@link CircuitBreaker} opens, nothing is claimed while it is open (its queue
 * moves to its failover carriers, see {@link CarrierLinks#failover()}), and once {@code circuit-open-for} passed one
 * message at a time is tried until a request is answered again.
 */
final class HttpCarrierSender extends QueueSender {
    private static final Logger LOG = Logger.getLogger(HttpCarrierSender.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final String name;
    private final RelayConfig.HttpCarrier config;
    private final SubmitService submits;
    private final Semaphore work;
    private final MeterRegistry registry;
    private final Semaphore slots;
    private final TokenBucket bucket;
    private final CircuitBreaker circuit;
    private final HttpClient http;
    private final Pattern success;
    private final Pattern id;
    private final Pattern error;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    private final Duration idlePollMax;

    HttpCarrierSender(String name, RelayConfig.HttpCarrier config, SubmitService submits, Semaphore work,
            MeterRegistry registry, Duration idlePollMax) {
        super("http-" + name + "-submit-", Math.max(1, config.windowSize()));
        this.name = name;
        this.config = config;
        this.submits = submits;
        this.work = work;
        this.idlePollMax = idlePollMax.compareTo(IDLE_POLL) < 0 ? IDLE_POLL : idlePollMax;
        this.registry = registry;
        this.slots = new Semaphore(Math.max(1, config.windowSize()));
        this.circuit = new CircuitBreaker(name, config.circuitFailures(), config.circuitOpenFor());
        this.bucket = TokenBucket.perSecond(config.maxSubmitsPerSecond());
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.success = config.successPattern().map(Pattern::compile).orElse(null);
        this.id = config.idPattern().map(Pattern::compile).orElse(null);
        this.error = config.errorPattern().map(Pattern::compile).orElse(null);
    }

    /** Consecutive requests that reached no answer (connection refused or timed out). */
    int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    CircuitBreaker circuit() {
        return circuit;
    }

    @Override
    public void run() {
        Duration idle = IDLE_POLL;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (circuit.open()) {
                    Thread.sleep(IDLE_POLL.toMillis() / 4);
                    continue;
                }
                if (!slots.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                // half-open: one probe at a time, so a carrier still down costs one message a retry, not a window
                boolean probing = circuit.halfOpen();
                int taken = probing ? 1 : 1 + slots.drainPermits();
                List<Claim> claims = submits.claimBatch(name, taken);
                slots.release(taken - claims.size());
                if (claims.isEmpty()) {
                    // idle: woken at once by new work here; else polls ever more slowly, up to idle-poll-max
                    idle = work.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS) ? IDLE_POLL
                            : (idle.multipliedBy(2).compareTo(idlePollMax) > 0 ? idlePollMax : idle.multipliedBy(2));
                    work.drainPermits();
                    continue;
                }
                idle = IDLE_POLL;
                java.util.concurrent.Future<?> last = null;
                for (Claim c : claims) {
                    last = workers.submit(() -> {
                        try {
                            Outcome o = send(c);
                            submits.complete(c, o);
                            if (o.kind() == Outcome.Kind.REQUEUE) {
                                wakeSelf();
                            }
                            registry.counter("trunkline.relay.submits", "carrier", name, "outcome",
                                    o.kind().name().toLowerCase()).increment();
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "%s: %s: recording the outcome failed", name, c.messageId());
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (probing) {
                    waitFor(last); // the probe's answer decides whether more are claimed
                } else if (consecutiveFailures.get() > 0) {
                    Thread.sleep(Math.min(5_000, 200L * consecutiveFailures.get())); // a carrier that is down
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s: dispatcher error; continuing", name);
            }
        }
    }

    Outcome send(Claim m) {
        if (m.validUntil() != null && Instant.now().isAfter(m.validUntil())) {
            return Outcome.expired();
        }
        Map<String, String> values = HttpTemplate.values(config, m.messageId(), m.sender(), m.destination(), m.text(),
                m.deliveryReport(), Instant.now());
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(HttpTemplate.url(config.url(), values)))
                    .timeout(config.timeout());
            if ("GET".equalsIgnoreCase(config.method())) {
                b.GET();
            } else {
                String body = config.body().map(t -> HttpTemplate.body(t, config.contentType(), values)).orElse("");
                b.method(config.method().toUpperCase(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .header("Content-Type", config.contentType());
            }
            switch (config.auth().toLowerCase()) {
                case "basic" -> b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (config.username().orElse("") + ":" + config.password().orElse(""))
                                .getBytes(StandardCharsets.UTF_8)));
                case "bearer" -> b.header("Authorization", "Bearer " + config.token().orElse(""));
                default -> {
                }
            }
            config.headers().forEach(b::header);
            request = b.build();
        } catch (IllegalArgumentException e) {
            return Outcome.failed("TEMPLATE", "cannot build the request: " + e.getMessage(), List.of(), 1);
        }
        Duration backoff = config.retryBackoff();
        for (int attempt = 0;; attempt++) {
            HttpResponse<String> answer;
            try {
                bucket.acquire();
                answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException | ConnectException e) {
                failed();
                return Outcome.requeue("cannot connect: " + e); // the request never reached the carrier
            } catch (HttpTimeoutException e) {
                failed();
                return Outcome.unknown("no answer within " + config.timeout() + "; not resent", List.of(), 1);
            } catch (IOException e) {
                failed();
                return Outcome.unknown("the connection failed mid-request (" + e + "); not resent", List.of(), 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.unknown("relay stopping during the request", List.of(), 1);
            }
            consecutiveFailures.set(0);
            int status = answer.statusCode();
            String body = answer.body() == null ? "" : answer.body();
            if (status >= 500 && !(config.retryStatuses().contains(status) && attempt < config.retries())) {
                circuit.failure(); // answered, but the carrier is broken: counts towards opening the circuit
            } else if (status < 500) {
                circuit.success();
            }
            if (config.retryStatuses().contains(status) && attempt < config.retries()) {
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Outcome.requeue("relay stopping");
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
                continue;
            }
            boolean ok = status / 100 == 2 && (success == null || success.matcher(body).find());
            if (!ok) {
                String code = group(error, body);
                return Outcome.failed(code != null ? truncate(code, 32) : "HTTP_" + status,
                        "carrier answered " + status + ": " + truncate(body, 200), List.of(), 1);
            }
            String carrierId = group(id, body);
            return Outcome.sent(List.of(carrierId != null ? carrierId : m.messageId()));
        }
    }

    private static void waitFor(java.util.concurrent.Future<?> probe) throws InterruptedException {
        try {
            probe.get();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debugf(e, "probe failed");
        }
    }

    private void failed() {
        consecutiveFailures.incrementAndGet();
        circuit.failure();
    }

    /** A requeued message is claimed again at once (or, with the circuit open, moved by the failover sweep). */
    private void wakeSelf() {
        work.release();
    }

    private static String group(Pattern p, String body) {
        if (p == null) {
            return null;
        }
        Matcher m = p.matcher(body);
        return m.find() && m.groupCount() >= 1 ? m.group(1) : null;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
