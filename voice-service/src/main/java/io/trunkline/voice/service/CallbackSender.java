package io.trunkline.voice.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.voice.StatusCallback;
import io.trunkline.voice.config.VoiceConfig;
import io.trunkline.voice.repository.StatusCallbackRepository;

/**
 * Delivers call status callbacks: {@code POST} of the JSON status to the request's callback URL with
 * {@code X-Trunkline-Timestamp} (epoch seconds) and {@code X-Trunkline-Signature: v1=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">} keyed with the tenant's callback secret. A 2xx answer delivers it; anything else is
 * retried after initial-backoff, doubling, up to max-attempts, then given up (state FAILED). Callbacks of one call go
 * out in order: a later one waits while an earlier one is pending.
 */
@ApplicationScoped
public class CallbackSender {
    private static final Logger LOG = Logger.getLogger(CallbackSender.class);
    public static final String TIMESTAMP_HEADER = "X-Trunkline-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Trunkline-Signature";

    private final StatusCallbackRepository callbacks;
    private final VoiceConfig config;
    private final HttpClient http;

    public CallbackSender(StatusCallbackRepository callbacks, VoiceConfig config) {
        this.callbacks = callbacks;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.callbacks().timeout()).build();
    }

    @Scheduled(every = "${trunkline.voice.callbacks.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        List<StatusCallback> due = QuarkusTransaction.requiringNew().call(() -> callbacks
                .find("state = 'PENDING' and nextAttemptAt <= ?1 order by id", Instant.now()).page(0, 50).list());
        for (StatusCallback cb : due) {
            if (!earliestPending(cb)) {
                continue; // an earlier callback of this call is still pending
            }
            String error = send(cb);
            QuarkusTransaction.requiringNew().run(() -> {
                StatusCallback row = callbacks.findById(cb.id);
                row.attempts++;
                if (error == null) {
                    row.state = "DELIVERED";
                    row.lastError = null;
                } else {
                    row.lastError = error.length() > 500 ? error.substring(0, 500) : error;
                    if (row.attempts >= config.callbacks().maxAttempts()) {
                        row.state = "FAILED";
                        LOG.warnf("status callback %d for call %s given up after %d attempts: %s", row.id,
                                row.callId, row.attempts, error);
                    } else {
                        row.nextAttemptAt = Instant.now().plus(backoff(config.callbacks().initialBackoff(),
                                row.attempts));
                    }
                }
            });
        }
    }

    private boolean earliestPending(StatusCallback cb) {
        return QuarkusTransaction.requiringNew().call(() -> callbacks
                .count("callId = ?1 and state = 'PENDING' and id < ?2", cb.callId, cb.id) == 0);
    }

    private String send(StatusCallback cb) {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(cb.url))
                    .timeout(config.callbacks().timeout())
                    .header("Content-Type", "application/json")
                    .header(TIMESTAMP_HEADER, ts)
                    .header(SIGNATURE_HEADER, "v1=" + sign(secretFor(cb.tenantId), ts, cb.body))
                    .POST(HttpRequest.BodyPublishers.ofString(cb.body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> res = http.send(req, HttpResponse.BodyHandlers.discarding());
            return res.statusCode() / 100 == 2 ? null : "HTTP " + res.statusCode();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    String secretFor(String tenantId) {
        VoiceConfig.Tenant t = config.tenants().get(tenantId);
        return t != null && t.callbackSecret().isPresent() ? t.callbackSecret().get() : config.callbacks().secret();
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static Duration backoff(Duration initial, int attempts) {
        return initial.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
    }
}
