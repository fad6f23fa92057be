package io.trunkline.gsm.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.gsm.config.GsmConfig;
import io.trunkline.gsm.pdu.Tpdu;
import io.trunkline.gsm.port.ModemPort;
import io.trunkline.gsm.port.PortState;
import io.trunkline.gsm.repository.QueuedMessageRepository;

/**
 * The configured modem ports: started after the database is migrated, each with its own reader and driver thread.
 * Every ready port pulls the oldest message it may take from the shared queue as soon as it is free, so N ports
 * send at N times one modem's rate; a port over its SIM's caps simply stops pulling.
 */
@ApplicationScoped
public class ModemPool implements ModemPort.PortServices {
    private static final Logger LOG = Logger.getLogger(ModemPool.class);

    private final GsmConfig config;
    private final SendService send;
    private final InboundService inbound;
    private final ReportService reports;
    private final QueuedMessageRepository messages;
    private final Map<String, ModemPort> ports = new LinkedHashMap<>();

    public ModemPool(GsmConfig config, SendService send, InboundService inbound, ReportService reports,
            QueuedMessageRepository messages) {
        this.config = config;
        this.send = send;
        this.inbound = inbound;
        this.reports = reports;
        this.messages = messages;
    }

    void onStart(@Observes StartupEvent ev) {
        List<String> names = new ArrayList<>();
        config.ports().forEach((name, p) -> {
            if (p.enabled()) {
                names.add(name);
            }
        });
        send.recover(names);
        for (Map.Entry<String, GsmConfig.Port> e : config.ports().entrySet()) {
            ModemPort port = new ModemPort(e.getKey(), e.getValue(), config, this);
            synchronized (ports) {
                ports.put(e.getKey(), port);
            }
            if (e.getValue().enabled()) {
                port.start();
            }
        }
        LOG.infof("modem pool: %d port(s) configured %s", ports.size(), ports.keySet());
    }

    void onStop(@Observes ShutdownEvent ev) {
        ports().forEach(ModemPort::stop);
    }

    public List<ModemPort> ports() {
        synchronized (ports) {
            return List.copyOf(ports.values());
        }
    }

    public ModemPort port(String name) {
        synchronized (ports) {
            return ports.get(name);
        }
    }

    /** A message was queued: idle ports look now instead of at their next poll. */
    public void wakeAll() {
        ports().forEach(ModemPort::wake);
    }

    /**
     * The usable port a destination should stay on, if stickiness is on and that port is up and below its daily cap
     * (a SIM at its daily cap sends nothing more today; a per-minute cap only makes the message wait).
     */
    public String stickyPortFor(String destination) {
        if (!config.stickyDestinations()) {
            return null;
        }
        return messages.stickyPort(destination, config.stickyFor().toSeconds())
                .filter(p -> port(p) != null && port(p).state().usable() && !port(p).dailyCapReached()).orElse(null);
    }

    @Override
    public SendService send() {
        return send;
    }

    @Override
    public void stored(ModemPort port, Tpdu tpdu, String pdu) {
        if (tpdu instanceof Tpdu.Deliver d) {
            inbound.accept(port.name(), port.config().simNumber().orElse(port.name()), d, pdu);
        } else if (tpdu instanceof Tpdu.StatusReport r) {
            reports.apply(port.name(), r);
        }
    }

    @Override
    public void down(ModemPort port) {
        int moved = QuarkusTransaction.requiringNew().call(() -> messages.release(port.name()));
        if (moved > 0) {
            LOG.infof("port %s is down: %d queued message(s) kept for it moved to the other ports", port.name(), moved);
        }
        wakeAll();
    }

    @Override
    public void release(ModemPort port) {
        int moved = QuarkusTransaction.requiringNew().call(() -> messages.release(port.name()));
        if (moved > 0) {
            LOG.infof("port %s reached its daily cap: %d message(s) kept for it moved to the other ports", port.name(),
                    moved);
            wakeAll();
        }
    }

    @Override
    public int sentToday(String port) {
        return QuarkusTransaction.requiringNew().call(() -> messages.sentToday(port));
    }

    @Override
    public int portCount() {
        return (int) ports().stream().filter(p -> p.config().enabled()).count();
    }

    /** True when at least one port can send, or when no port is configured at all. */
    public boolean ready() {
        List<ModemPort> all = ports().stream().filter(p -> p.config().enabled()).toList();
        return all.isEmpty() || all.stream().anyMatch(p -> p.state() == PortState.READY || p.state() == PortState.BUSY);
    }
}
