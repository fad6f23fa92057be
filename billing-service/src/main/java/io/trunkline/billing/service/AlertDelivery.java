package io.trunkline.billing.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.billing.BalanceAlert;
import io.trunkline.billing.Money;
import io.trunkline.billing.config.BillingConfig;

/**
 * Delivers low-balance alerts to the tenant's {@code alert_target}: an HTTP POST of a JSON body signed with
 * HMAC-SHA256 ({@code X-Trunkline-Signature: sha256=<hex of HMAC(secret, timestamp + "." + body)>},
 * {@code X-Trunkline-Timestamp}), and/or an e-mail. A failure is retried with doubling backoff up to
 * {@code trunkline.billing.alerts.attempts} times. Each attempt is claimed first (an atomic UPDATE moving
 * {@code next_attempt_at}), so two replicas do not send the same attempt; delivery is at least once (a receiver
 * de-duplicates on {@code alertId}).
 */
@ApplicationScoped
public class AlertDelivery {
    private static final Logger LOG = Logger.getLogger(AlertDelivery.class);
    private static final long LEASE_MS = 60_000;

    private final EntityManager em;
    private final Mailer mailer;
    private final ObjectMapper json;
    private final BillingConfig.Alerts config;
    private final HttpClient http;

    public AlertDelivery(EntityManager em, Mailer mailer, ObjectMapper json, BillingConfig config) {
        this.em = em;
        this.mailer = mailer;
        this.json = json;
        this.config = config.alerts();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    public record Target(String webhookUrl, String webhookSecret, String email) {
    }

    @Scheduled(every = "${trunkline.billing.alerts.every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            deliverPending();
        } catch (RuntimeException e) {
            LOG.errorf(e, "alert delivery run failed");
        }
    }

    /** Tries every pending alert whose time has come; returns how many were delivered. */
    @SuppressWarnings("unchecked")
    public int deliverPending() {
        long now = System.currentTimeMillis();
        List<String> due = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT id FROM balance_alert WHERE delivery = 'pending' AND next_attempt_at <= ?1 ORDER BY created_at LIMIT 100",
                String.class).setParameter(1, now).getResultList());
        int delivered = 0;
        for (String id : due) {
            if (deliver(id, now)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(String id, long now) {
        // claim this attempt
        BalanceAlert alert = QuarkusTransaction.requiringNew().call(() -> {
            int claimed = em.createNativeQuery("""
                    UPDATE balance_alert SET next_attempt_at = ?1 WHERE id = ?2 AND delivery = 'pending' AND next_attempt_at <= ?3""")
                    .setParameter(1, now + LEASE_MS).setParameter(2, id).setParameter(3, now).executeUpdate();
            return claimed == 1 ? em.find(BalanceAlert.class, id) : null;
        });
        if (alert == null) {
            return false;
        }
        Target target = target(alert.tenantId);
        String error = null;
        String outcome = "delivered";
        if (target == null || (target.webhookUrl() == null && target.email() == null)) {
            outcome = "no-target";
        } else {
            try {
                if (target.webhookUrl() != null) {
                    post(target, alert);
                }
                if (target.email() != null) {
                    mail(target.email(), alert);
                }
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        String err = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        String finalOutcome = outcome;
        QuarkusTransaction.requiringNew().run(() -> {
            BalanceAlert a = em.find(BalanceAlert.class, id);
            a.attempts++;
            if (err == null) {
                a.delivery = finalOutcome;
                a.notifiedAt = "delivered".equals(finalOutcome) ? Instant.now() : null;
                a.lastError = null;
            } else {
                a.lastError = err;
                if (a.attempts >= config.attempts()) {
                    a.delivery = "failed";
                    LOG.errorf("low-balance alert %s for %s: giving up after %d attempts (%s)", id, a.tenantId,
                            a.attempts, err);
                } else {
                    a.nextAttemptAt = System.currentTimeMillis() + config.backoff().toMillis() * (1L << (a.attempts - 1));
                    LOG.warnf("low-balance alert %s for %s: attempt %d failed (%s); retrying", id, a.tenantId,
                            a.attempts, err);
                }
            }
        });
        return err == null && "delivered".equals(outcome);
    }

    /** The body, its signature and the headers of a webhook call. */
    public String body(BalanceAlert a) throws Exception {
        return json.writeValueAsString(Map.of("type", "trunkline.billing.low-balance", "alertId", a.id,
                "tenantId", a.tenantId, "balance", Money.format(a.balance), "threshold", Money.format(a.threshold),
                "currency", a.currency, "createdAt", a.createdAt.toString()));
    }

    /** {@code sha256=} + hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(Target t, BalanceAlert a) throws Exception {
        String body = body(a);
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(t.webhookUrl())).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("X-Trunkline-Alert-Id", a.id)
                .header("X-Trunkline-Timestamp", ts)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (t.webhookSecret() != null) {
            req.header("X-Trunkline-Signature", signature(t.webhookSecret(), ts, body));
        }
        HttpResponse<Void> r = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("webhook answered " + r.statusCode());
        }
    }

    private void mail(String to, BalanceAlert a) {
        mailer.send(Mail.withText(to, "Low balance: " + Money.format(a.balance) + " " + a.currency,
                "The balance of account " + a.tenantId + " is " + Money.format(a.balance) + " " + a.currency
                        + ", below its low-balance threshold of " + Money.format(a.threshold) + " " + a.currency
                        + ".\nAlert " + a.id + " at " + a.createdAt + ".").setFrom(config.from()));
    }

    public Target target(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery(
                    "SELECT webhook_url, webhook_secret, email FROM alert_target WHERE tenant_id = ?1")
                    .setParameter(1, tenantId).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            Object[] r = (Object[]) rows.get(0);
            return new Target((String) r[0], (String) r[1], (String) r[2]);
        });
    }

    public void putTarget(String tenantId, Target t) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO alert_target (tenant_id, webhook_url, webhook_secret, email, updated_at)
                VALUES (?1, ?2, ?3, ?4, CURRENT_TIMESTAMP(3))
                ON DUPLICATE KEY UPDATE webhook_url = VALUES(webhook_url), webhook_secret = VALUES(webhook_secret),
                                        email = VALUES(email), updated_at = VALUES(updated_at)""")
                .setParameter(1, tenantId).setParameter(2, InvoiceService.text(t.webhookUrl()))
                .setParameter(3, InvoiceService.text(t.webhookSecret())).setParameter(4, InvoiceService.text(t.email()))
                .executeUpdate());
    }
}
