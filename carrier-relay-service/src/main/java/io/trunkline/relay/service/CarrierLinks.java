package io.trunkline.relay.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.smpp.CarrierLink;
import io.trunkline.relay.smpp.DeliveryReceipt;
import io.trunkline.relay.smpp.MoMessage;
import io.trunkline.relay.smpp.SmppReceiver;

/**
 * The configured carriers: for each, its link (bound in the background from startup; a carrier that is down never
 * stops the service from starting) and its sender threads, which drain the carrier's queue while the link is up.
 */
@ApplicationScoped
public class CarrierLinks {
    private static final Logger LOG = Logger.getLogger(CarrierLinks.class);

    private final RelayConfig config;
    private final SubmitService submits;
    private final ReceiptService receipts;
    private final InboundService inbound;
    private final MeterRegistry registry;
    private final Map<String, CarrierLink> links = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> work = new ConcurrentHashMap<>();
    private final List<CarrierSender> senders = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<String, HttpCarrierSender> httpSenders = new ConcurrentHashMap<>();
    /** The SMPP senders' submit outcomes, several per transaction (one writer thread). */
    private volatile BatchWriter<SubmitService.Completion, Boolean> outcomes;
    /** The binds' delivery receipts, several per transaction; each deliver_sm is answered after its commit. */
    private volatile BatchWriter<ReceiptService.Incoming, ReceiptService.Result> receiptWriter;
    /** Carrier ids answered but not yet committed: a receipt for one waits for the commit (see PendingOutcomes). */
    private final PendingOutcomes pendingOutcomes = new PendingOutcomes();
    /** How long a receipt waits for its part's outcome to commit before it is kept as an orphan. */
    private static final java.time.Duration RECEIPT_WAITS_FOR_OUTCOME = java.time.Duration.ofSeconds(5);

    public CarrierLinks(RelayConfig config, SubmitService submits, ReceiptService receipts, InboundService inbound,
            MeterRegistry registry) {
        this.config = config;
        this.submits = submits;
        this.receipts = receipts;
        this.inbound = inbound;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        config.httpCarriers().forEach((name, carrier) -> {
            if (config.carriers().containsKey(name)) {
                LOG.errorf("HTTP carrier %s has the name of an SMPP carrier; ignored", name);
                return;
            }
            Semaphore signal = new Semaphore(0);
            work.put(name, signal);
            HttpCarrierSender sender = new HttpCarrierSender(name, carrier, submits, signal, registry,
                    config.idlePollMax());
            httpSenders.put(name, sender);
            Thread t = new Thread(sender, "http-" + name + "-dispatch");
            t.setDaemon(true);
            threads.add(t);
            t.start();
            LOG.infof("HTTP carrier %s: %s %s, window %d", name, carrier.method(), carrier.url().replaceAll("\\?.*", "?..."),
                    carrier.windowSize());
        });
        if (!config.carriers().isEmpty()) {
            outcomes = new BatchWriter<>("relay-outcome-writer", config.writeBatchSize(), config.writeBatchLinger(),
                    batch -> {
                        submits.completeAll(batch);
                        return java.util.Collections.nCopies(batch.size(), Boolean.TRUE);
                    },
                    one -> {
                        submits.complete(one.claim(), one.outcome());
                        return Boolean.TRUE;
                    }, registry);
            receiptWriter = new BatchWriter<>("relay-receipt-writer", config.writeBatchSize(),
                    config.writeBatchLinger(), receipts::onReceipts,
                    one -> receipts.onReceipt(one.carrier(), one.receipt()), registry);
        }
        SmppReceiver.Handler handler = new SmppReceiver.Handler() {
            @Override
            public void receipt(String carrier, DeliveryReceipt receipt) {
                RelayConfig.Carrier c = config.carriers().get(carrier);
                pendingOutcomes.awaitRecorded(io.trunkline.relay.smpp.MessageIds.candidates(receipt.quotedIds(),
                        c == null ? RelayConfig.IdFormat.AUTO : c.idFormat()), RECEIPT_WAITS_FOR_OUTCOME);
                // returns once committed (with the other receipts of its batch); a failure answers ESME_RX_T_APPN
                receiptWriter.write(new ReceiptService.Incoming(carrier, receipt));
            }

            @Override
            public void message(String carrier, MoMessage message) {
                inbound.onMessage(carrier, message);
            }
        };
        config.carriers().forEach((name, carrier) -> {
            CarrierLink link = new CarrierLink(name, carrier, new SmppReceiver(name, handler));
            links.put(name, link);
            Semaphore signal = new Semaphore(0);
            work.put(name, signal);
            registry.gauge("trunkline.relay.carrier.bound", List.of(Tag.of("carrier", name)), link,
                    l -> l.bound() ? 1 : 0);
            link.start();
            AtomicInteger references = new AtomicInteger(ThreadLocalRandom.current().nextInt(65536));
            CarrierSender sender = new CarrierSender(link, submits, outcomes, pendingOutcomes, signal, references, registry,
                    config.idlePollMax());
            Thread t = new Thread(sender, "smpp-" + name + "-dispatch");
            t.setDaemon(true);
            senders.add(sender);
            threads.add(t);
            t.start();
            LOG.infof("carrier %s: %s:%d as %s (%s x%d), window %d, %s submits/s, long messages as %s", name,
                    carrier.host(), carrier.port(), carrier.systemId(), carrier.bindMode(), Math.max(1, carrier.binds()),
                    sender.window(), carrier.maxSubmitsPerSecond() == 0 ? "unlimited" : carrier.maxSubmitsPerSecond(),
                    carrier.longMessages());
        });
    }

    /** Messages that got no final receipt before their validity ended are settled (per carrier policy). */
    @io.quarkus.scheduler.Scheduled(every = "${trunkline.relay.expiry-sweep-interval:30s}", delayed = "5s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void sweepExpired() {
        config.carriers().forEach((name, c) -> expire(name, c.defaultValidity(), c.expiryGrace(), c.expiryStatus()));
        httpSenders.keySet().forEach(name -> {
            RelayConfig.HttpCarrier c = config.httpCarriers().get(name);
            expire(name, c.defaultValidity(), c.expiryGrace(), c.expiryStatus());
        });
    }

    private void expire(String name, java.time.Duration validity, java.time.Duration grace,
            RelayConfig.ExpiryStatus status) {
        try {
            submits.expireOverdue(name, validity, grace, status);
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: expiry sweep failed", name);
        }
    }

    /**
     * A carrier (SMPP or HTTP) whose circuit is open hands its queued messages (none of which went out) to the first
     * of its failover carriers whose circuit is closed (and, for SMPP, which is bound). New messages keep coming to it
     * as routed; when it recovers it sends them again itself.
     */
    @io.quarkus.scheduler.Scheduled(every = "${trunkline.relay.failover-sweep-interval:2s}", delayed = "2s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void failover() {
        config.carriers().forEach((name, c) -> failover(name, c.failover(), c.maxFailovers()));
        httpSenders.keySet().forEach(name -> {
            RelayConfig.HttpCarrier c = config.httpCarriers().get(name);
            failover(name, c.failover(), c.maxFailovers());
        });
    }

    private void failover(String name, Optional<List<String>> targets, int maxFailovers) {
        if (!circuitOpen(name) || targets.isEmpty()) {
            return;
        }
        for (String target : targets.get()) {
            if (target.equals(name) || !available(target)) {
                continue;
            }
            int moved = submits.failover(name, target, maxFailovers);
            if (moved > 0) {
                LOG.warnf("%s: circuit open; %d queued message(s) moved to %s", name, moved, target);
                registry.counter("trunkline.relay.failovers", "from", name, "to", target).increment(moved);
                wake(target);
            }
            return;
        }
    }

    /** The carrier's circuit is open (an unknown carrier's never is). */
    boolean circuitOpen(String carrier) {
        CarrierLink link = links.get(carrier);
        if (link != null) {
            return link.circuitOpen();
        }
        HttpCarrierSender http = httpSenders.get(carrier);
        return http != null && http.circuit().open();
    }

    /** The carrier can take traffic now: circuit closed and, for SMPP, a transmitter bound. */
    public boolean available(String carrier) {
        CarrierLink link = links.get(carrier);
        if (link != null) {
            return !link.circuitOpen() && link.transmitter() != null;
        }
        HttpCarrierSender http = httpSenders.get(carrier);
        return http != null && !http.circuit().open();
    }

    /** Another sender's wake-up signal for its queue (the e-mail channel's). */
    public void register(String carrier, Semaphore signal) {
        work.put(carrier, signal);
    }

    /** An HTTP carrier that is configured here. */
    public boolean configuredHttp(String carrier) {
        return config.httpCarriers().containsKey(carrier) && !config.carriers().containsKey(carrier);
    }

    /** The HTTP carriers' names with their consecutive unanswered requests. */
    public Map<String, Integer> httpCarriers() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        httpSenders.forEach((n, s) -> out.put(n, s.consecutiveFailures()));
        return out;
    }

    /** An HTTP carrier's circuit: CLOSED, {@code OPEN since ...} or HALF_OPEN. */
    public Optional<String> httpCircuit(String carrier) {
        return Optional.ofNullable(httpSenders.get(carrier)).map(s -> s.circuit().state());
    }

    void stop(@Observes ShutdownEvent event) {
        httpSenders.values().forEach(HttpCarrierSender::stop);
        senders.forEach(CarrierSender::stop);
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the senders' last outcomes are written before the writer stops (later ones in the callers' threads)
        if (outcomes != null) {
            outcomes.stop();
        }
        links.values().forEach(CarrierLink::close);
        if (receiptWriter != null) {
            receiptWriter.stop();
        }
    }

    public boolean configured(String carrier) {
        return config.carriers().containsKey(carrier);
    }

    public Optional<CarrierLink> link(String carrier) {
        return Optional.ofNullable(links.get(carrier));
    }

    public Map<String, CarrierLink> links() {
        return Map.copyOf(links);
    }

    /** A message was queued for the carrier: a waiting sender takes it now rather than at its next poll. */
    public void wake(String carrier) {
        Semaphore s = work.get(carrier);
        if (s != null) {
            s.release();
        }
    }
}
