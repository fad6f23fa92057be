package io.trunkline.gateway.service;

import java.net.InetSocketAddress;
import java.net.URI;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
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
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.SocketAddress;

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
    private final Vertx vertx;
    private final HttpClient http;

    /** In-flight counts; guarded by {@code this}. */
    private final Map<String, Integer> perTenant = new HashMap<>();
    private final Map<String, Integer> perHost = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    public WebhookDispatcher(WebhookService webhooks, WebhookDeliveryRepository deliveries, WebhookConfig config,
            ReceiverAddresses receivers, Vertx vertx) {
        this.receivers = receivers;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        // a few threads suffice: they resolve receivers, start requests and record outcomes; waiting on receivers
        // takes none (the requests run on Vert.x's event loop)
        this.pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-dispatch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.vertx = vertx;
        // Vert.x's client, not the JDK's: only it connects to a given address while naming the host in the Host header
        // and TLS (RequestOptions.server), which is what keeps a re-pointed name from being called (ReceiverAddresses)
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.perHostConcurrency())
                .setVerifyHost(true); // the certificate must name the URL's host, not the address connected to
        config.trustStore().ifPresent(path -> options.setTrustOptions(
                new PfxOptions().setPath(path).setPassword(config.trustStorePassword().orElse(null))));
        this.http = vertx.createHttpClient(options);
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
        http.close();
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
            try {
                // on the pool: a receiver's slow DNS holds one of its threads, not the poll
                pool.execute(() -> send(d));
            } catch (RejectedExecutionException stopped) {
                release(d.id, d.tenantId, d.host); // shutting down: the lease runs out and another poll sends it
            }
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
        ReceiverAddresses.Receiver receiver = receivers.lookUp(d.url);
        if (receiver.refused() != null) {
            finish(d, started, t0, null, "not sent: " + receiver.refused());
            return;
        }
        RequestOptions request;
        try {
            URI uri = URI.create(d.url.trim());
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            List<String> secrets = webhooks.signingSecrets(d.tenantId);
            long unix = Instant.now().getEpochSecond();
            request = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setSsl(https)
                    // Vert.x writes the Host header as host:port, so an IPv6 literal keeps its brackets
                    .setHost(receiver.host().indexOf(':') >= 0 ? "[" + receiver.host() + "]" : receiver.host())
                    .setPort(port)
                    .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
                    // the address just checked; the client must not look the name up again
                    .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(receiver.address(), port)))
                    .setFollowRedirects(false)
                    // a receiver silent this long mid-answer (or mid-body, which holds the pooled connection) is cut
                    .setIdleTimeout(config.requestTimeout().toMillis())
                    .putHeader("Content-Type", "application/json")
                    .putHeader("User-Agent", "Trunkline-Webhooks/1")
                    .putHeader(SIGNATURE, WebhookSecrets.signatureHeader(secrets, unix, d.body))
                    .putHeader(EVENT, d.eventType)
                    .putHeader(DELIVERY, d.id)
                    .putHeader(ATTEMPT, Integer.toString(d.attempts + 1));
        } catch (RuntimeException e) {
            finish(d, started, t0, null, "not sent: " + e.getMessage());
            return;
        }
        long timeout = config.requestTimeout().toMillis();
        http.request(request).compose(req -> {
            // the whole request, until the answer's headers, as the idle timeout alone would let a trickle go on
            long timer = vertx.setTimer(timeout, id -> req.reset(0,
                    new TimeoutException("no answer within " + config.requestTimeout())));
            return req.send(Buffer.buffer(d.body)).onComplete(done -> vertx.cancelTimer(timer));
        }).onComplete(outcome -> {
            // only the status is read; the answer's body drains on its own, under the idle timeout
            Integer status = outcome.succeeded() ? outcome.result().statusCode() : null;
            String error = outcome.succeeded() ? null : describe(outcome.cause());
            try {
                pool.execute(() -> finish(d, started, t0, status, error)); // recording blocks: off the event loop
            } catch (RejectedExecutionException stopped) {
                release(d.id, d.tenantId, d.host); // the lease runs out and the row is tried again
            }
        });
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
        if (t instanceof TimeoutException) {
            return "timeout: " + t.getMessage();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
