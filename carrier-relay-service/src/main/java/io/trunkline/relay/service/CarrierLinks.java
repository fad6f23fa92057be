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

    public CarrierLinks(RelayConfig config, SubmitService submits, ReceiptService receipts, InboundService inbound,
            MeterRegistry registry) {
        this.config = config;
        this.submits = submits;
        this.receipts = receipts;
        this.inbound = inbound;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        SmppReceiver.Handler handler = new SmppReceiver.Handler() {
            @Override
            public void receipt(String carrier, DeliveryReceipt receipt) {
                receipts.onReceipt(carrier, receipt);
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
            AtomicInteger references = new AtomicInteger(ThreadLocalRandom.current().nextInt(256));
            for (int i = 0; i < Math.max(1, carrier.senders()); i++) {
                CarrierSender sender = new CarrierSender(link, submits, signal, references, registry);
                Thread t = new Thread(sender, "smpp-" + name + "-sender-" + i);
                t.setDaemon(true);
                senders.add(sender);
                threads.add(t);
                t.start();
            }
            LOG.infof("carrier %s: %s:%d as %s (%s), %d sender(s)", name, carrier.host(), carrier.port(),
                    carrier.systemId(), carrier.bindMode(), Math.max(1, carrier.senders()));
        });
    }

    void stop(@Observes ShutdownEvent event) {
        senders.forEach(CarrierSender::stop);
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        links.values().forEach(CarrierLink::close);
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
