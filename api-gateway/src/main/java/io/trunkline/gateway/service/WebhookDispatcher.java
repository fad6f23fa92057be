package io.trunkline.gateway.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.WebhookDelivery;
import io.trunkline.gateway.config.WebhookConfig;
import io.trunkline.gateway.repository.WebhookDeliveryRepository;

/**
 * Sends queued webhooks, apart from whoever queued them. Every {@code poll-every} it claims due deliveries with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (several gateway instances never take the same row) and leases them (their
 * due time moves past the request timeout, so a crash mid-request only delays the row), then sends each as an async
 * HTTP request with its own timeout. Slots are bounded overall, per tenant and per receiver host, and the claim skips
 * tenants and hosts without a free slot: a receiver that hangs holds only its own tenant's and host's slots, never the
 * senders' threads or another tenant's deliveries. Delivery is at least once; receivers de-duplicate on
 * {@code Trunkline-Delivery}.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    public static final String SIGNATURE = "Trunkline-Signature";
    public static final String EVENT = "Trunkline-Event";
    public static final String DELIVERY = "Trunkline-Delivery";
    public static final String ATTEMPT = "Trunkline-Attempt";
    /** Kept past the request timeout, so a lease never ends while its request can still answer. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final ReceiverAddresses receivers;
    private final WebhookService webhooks;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookConfig config;
    private final ExecutorService pool;
    private final HttpClient http;

    /** In-flight counts; guarded by {@code this}. */
    private final Map<String, Integer> perTenant = new HashMap<>();
    private final Map<String, Integer> perHost = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    public WebhookDispatcher(WebhookService webhooks, WebhookDeliveryRepository deliveries, WebhookConfig config,
            ReceiverAddresses receivers) {
        this.receivers = receivers;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        // a few threads suffice: they only start requests and record outcomes; waiting on receivers takes none
        this.pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-dispatch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(pool)
                .build();
    }

    /** Set on shutdown: no new claims once the database is going away. */
    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent e) {
        stopping = true;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        pool.shutdownNow();
    }

    @Scheduled(every = "${trunkline.gateway.webhooks.poll-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (stopping) {
            return;
        }
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            LOG.warn("webhook poll failed; the next poll tries again", e);
        }
    }

    /** Claims and starts what is due and fits the free slots; returns how many requests it started. */
    public int dispatchDue() {
        int free;
        Set<String> busyTenants = new HashSet<>();
        Set<String> busyHosts = new HashSet<>();
        synchronized (this) {
            free = config.maxConcurrency() - inFlight.size();
            perTenant.forEach((t, c) -> {
                if (c >= config.perTenantConcurrency()) {
                    busyTenants.add(t);
                }
            });
            perHost.forEach((h, c) -> {
                if (c >= config.perHostConcurrency()) {
                    busyHosts.add(h);
                }
            });
        }
        if (free <= 0) {
            return 0;
        }
        int limit = Math.min(config.batchSize(), free * 4);
        List<WebhookDelivery> claimed = QuarkusTransaction.requiringNew().call(() -> claim(limit, busyTenants,
                busyHosts));
        for (WebhookDelivery d : claimed) {
            send(d);
        }
        return claimed.size();
    }

    /** Locks due rows, keeps those that fit the slots (taking the slots), leases them; the rest stay due. */
    private List<WebhookDelivery> claim(int limit, Set<String> busyTenants, Set<String> busyHosts) {
        Instant now = Clocks.now();
        List<WebhookDeliveryRepository.Due> due = deliveries.lockDue(now, limit, busyTenants, busyHosts);
        List<String> taken = new ArrayList<>();
        synchronized (this) {
            for (WebhookDeliveryRepository.Due d : due) {
                if (inFlight.size() >= config.maxConcurrency()) {
                    break;
                }
                if (inFlight.contains(d.id())
                        || perTenant.getOrDefault(d.tenantId(), 0) >= config.perTenantConcurrency()
                        || perHost.getOrDefault(d.host(), 0) >= config.perHostConcurrency()) {
                    continue;
                }
                inFlight.add(d.id());
                perTenant.merge(d.tenantId(), 1, Integer::sum);
                perHost.merge(d.host(), 1, Integer::sum);
                taken.add(d.id());
            }
        }
        try {
            deliveries.lease(taken, now.plus(config.requestTimeout()).plus(config.connectTimeout()).plus(LEASE_MARGIN));
            List<WebhookDelivery> rows = new ArrayList<>(taken.size());
            for (String id : taken) {
                WebhookDelivery d = deliveries.findById(id);
                deliveries.getEntityManager().detach(d);
                rows.add(d);
            }
            return rows;
        } catch (RuntimeException e) {
            for (String id : taken) {
                WebhookDeliveryRepository.Due d = due.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
                release(d.id(), d.tenantId(), d.host());
            }
            throw e;
        }
    }

    private void send(WebhookDelivery d) {
        Instant started = Clocks.now();
        long t0 = System.nanoTime();
        HttpRequest request;
        String refused = receivers.refuseDelivery(d.url);
        if (refused != null) {
            finish(d, started, t0, null, "not sent: " + refused);
            return;
        }
        try {
            String secret = webhooks.signingSecret(d.tenantId);
            long unix = Instant.now().getEpochSecond();
            request = HttpRequest.newBuilder(URI.create(d.url))
                    .timeout(config.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Trunkline-Webhooks/1")
                    .header(SIGNATURE, WebhookSecrets.signatureHeader(secret, unix, d.body))
                    .header(EVENT, d.eventType)
                    .header(DELIVERY, d.id)
                    .header(ATTEMPT, Integer.toString(d.attempts + 1))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body))
                    .build();
        } catch (RuntimeException e) {
            finish(d, started, t0, null, "not sent: " + e.getMessage());
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenCompleteAsync((response, failure) -> {
                    if (failure == null) {
                        finish(d, started, t0, response.statusCode(), null);
                    } else {
                        finish(d, started, t0, null, describe(failure));
                    }
                }, pool);
    }

    private void finish(WebhookDelivery d, Instant started, long t0, Integer status, String error) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        try {
            webhooks.recordAttempt(d.id, started, ms, status, error);
        } catch (RuntimeException e) {
            // the lease runs out and the row is tried again: at least once, never lost
            LOG.warnf(e, "outcome of webhook delivery %s could not be recorded", d.id);
        } finally {
            release(d.id, d.tenantId, d.host);
        }
    }

    private synchronized void release(String id, String tenantId, String host) {
        if (inFlight.remove(id)) {
            perTenant.computeIfPresent(tenantId, (k, v) -> v <= 1 ? null : v - 1);
            perHost.computeIfPresent(host, (k, v) -> v <= 1 ? null : v - 1);
        }
    }

    private static String describe(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (t instanceof HttpTimeoutException) {
            return "timeout: " + t.getMessage();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
