package io.trunkline.gsm.port;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.trunkline.gsm.at.AtResponse;
import io.trunkline.gsm.at.CmsError;
import io.trunkline.gsm.at.FinalResult;
import io.trunkline.gsm.at.StoredMessages;
import io.trunkline.gsm.at.Unsolicited;
import io.trunkline.gsm.config.GsmConfig;
import io.trunkline.gsm.pdu.Address;
import io.trunkline.gsm.pdu.PduCodec;
import io.trunkline.gsm.pdu.PduException;
import io.trunkline.gsm.pdu.Tpdu;
import io.trunkline.gsm.pdu.ValidityPeriod;
import io.trunkline.gsm.service.SendService;

/**
 * One modem: a driver thread that owns the port and does everything on it one command at a time: initialise,
 * poll health, read what the SIM stores ({@code +CMTI}/{@code +CDSI}), and send claimed messages part by part.
 */
public final class ModemPort implements Runnable {
    private static final Logger LOG = Logger.getLogger(ModemPort.class);

    private final String name;
    private final GsmConfig.Port config;
    private final GsmConfig pool;
    private final PortServices services;
    private final LinkedBlockingQueue<Unsolicited> urcs = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile AtChannel channel;
    private volatile PortState state = PortState.INITIALISING;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile Integer signal;
    private volatile Integer registration;
    private volatile String sending;
    private volatile SimCaps caps;
    private volatile long sentTotal;
    /** The next message, claimed while the modem was still sending the previous one (keeps the modem busy). */
    private java.util.concurrent.CompletableFuture<Optional<SendService.Claim>> prefetched;
    private final java.util.concurrent.ExecutorService prefetcher;
    /** Records accepted parts off the critical path, in order; drained before a status report is applied. */
    private final java.util.concurrent.ExecutorService bookkeeping;
    private java.util.concurrent.Future<?> lastBookkeeping;
    private long nextHealth;
    private long nextReconnect;
    private long nextCapRelease;

    /** What the driver needs from the service layer. */
    public interface PortServices {
        SendService send();

        /** A PDU read from the SIM (DELIVER or STATUS-REPORT): handled and committed when this returns. */
        void stored(ModemPort port, Tpdu tpdu, String pdu);

        /** The port went down: its kept messages go back to the common queue. */
        void down(ModemPort port);

        /** The port's SIM reached its daily cap: messages kept for it (sticky) go back to the common queue. */
        void release(ModemPort port);

        int sentToday(String port);

        /** How many ports are enabled (a message refused by all of them fails). */
        int portCount();
    }

    public ModemPort(String name, GsmConfig.Port config, GsmConfig pool, PortServices services) {
        this.name = name;
        this.config = config;
        this.pool = pool;
        this.services = services;
        this.thread = new Thread(this, "gsm-" + name);
        this.thread.setDaemon(true);
        this.prefetcher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gsm-" + name + "-claim");
            t.setDaemon(true);
            return t;
        });
        this.bookkeeping = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gsm-" + name + "-record");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        thread.start();
    }

    public void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeChannel();
        drainBookkeeping();
        prefetcher.shutdown();
        bookkeeping.shutdown();
    }

    /** Waits until every accepted part is recorded (before status reports, and when the port goes down). */
    private void drainBookkeeping() {
        java.util.concurrent.Future<?> f = lastBookkeeping;
        if (f == null) {
            return;
        }
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.errorf(e, "port %s: recording sent parts failed", name);
        }
    }

    private void record(Runnable r) {
        lastBookkeeping = bookkeeping.submit(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "port %s: recording a sent part failed", name);
                throw e;
            }
        });
    }

    /** A message claimed ahead goes back to the queue (the port cannot send it). */
    private void returnPrefetched(String why) {
        java.util.concurrent.CompletableFuture<Optional<SendService.Claim>> f = prefetched;
        prefetched = null;
        if (f == null) {
            return;
        }
        try {
            f.join().ifPresent(c -> services.send().requeue(c, null, why));
        } catch (RuntimeException e) {
            LOG.warnf("port %s: could not return a prefetched message: %s", name, e.getMessage());
        }
    }

    /** Wakes an idle driver to look for queued messages. */
    public void wake() {
        urcs.offer(Unsolicited.other("wake"));
    }

    public String name() {
        return name;
    }

    public GsmConfig.Port config() {
        return config;
    }

    public PortState state() {
        return state;
    }

    /** True when the SIM's daily cap is reached: it takes nothing more this UTC day. */
    public boolean dailyCapReached() {
        SimCaps c = caps;
        return c != null && c.dailyCapReached();
    }

    /** A snapshot for the ops endpoint and health check. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("label", config.label().orElse(null));
        d.put("device", config.device());
        d.put("simNumber", config.simNumber().orElse(null));
        d.put("state", state.name());
        d.put("since", since.toString());
        d.put("signal", signal);
        d.put("registration", registration);
        d.put("sending", sending);
        d.put("sentToday", caps == null ? 0 : caps.sentToday());
        d.put("sentSinceStart", sentTotal);
        d.put("dailyCap", config.dailyCap());
        d.put("perMinuteCap", config.perMinuteCap());
        d.put("lastError", lastError);
        return d;
    }

    private void setState(PortState s, String error) {
        if (s != state) {
            LOG.infof("port %s: %s -> %s%s", name, state, s, error == null ? "" : " (" + error + ")");
            boolean wasUp = state != PortState.DOWN;
            state = s;
            since = Instant.now();
            if (!s.usable() && running) {
                drainBookkeeping();
                returnPrefetched("port " + name + " became " + s + " before sending it");
            }
            if (s == PortState.DOWN && wasUp && running) {
                services.down(this);
            }
        }
        if (error != null) {
            lastError = error;
        }
    }

    // ------------------------------------------------------------------ driver

    @Override
    public void run() {
        caps = new SimCaps(config.dailyCap(), config.perMinuteCap(), services.sentToday(name),
                java.time.Clock.systemUTC());
        while (running) {
            try {
                if (state == PortState.DOWN || channel == null || channel.broken()) {
                    if (state != PortState.DOWN && channel != null) {
                        setState(PortState.DOWN, "the device went away");
                    }
                    if (System.nanoTime() >= nextReconnect) {
                        connect();
                        nextReconnect = System.nanoTime() + pool.reconnectInterval().toNanos();
                    } else {
                        Thread.sleep(50);
                    }
                    continue;
                }
                Unsolicited u;
                while ((u = urcs.poll()) != null) {
                    handle(u);
                }
                if (state == PortState.READY && (prefetched != null || mayClaim(0)) && sendNext()) {
                    continue;
                }
                if (state == PortState.READY && caps.dailyCapReached() && System.nanoTime() >= nextCapRelease) {
                    // kept for this SIM before it reached its cap: another SIM sends them
                    nextCapRelease = System.nanoTime() + pool.healthInterval().toNanos();
                    services.release(this);
                }
                if (System.nanoTime() >= nextHealth) {
                    health();
                }
                u = urcs.poll(pool.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                if (u != null) {
                    handle(u);
                }
            } catch (PortTimeoutException e) {
                setState(PortState.DOWN, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "port %s: unexpected error", name);
                lastError = String.valueOf(e.getMessage());
                sleepQuietly(500);
            }
        }
    }

    private void connect() throws InterruptedException {
        closeChannel();
        try {
            channel = AtChannel.open(name, config.device(), config.baud(), urcs::offer);
        } catch (RuntimeException e) {
            setState(PortState.DOWN, e.getMessage());
            return;
        }
        try {
            init();
        } catch (PortTimeoutException e) {
            setState(PortState.DOWN, e.getMessage());
        }
    }

    private void closeChannel() {
        AtChannel c = channel;
        channel = null;
        if (c != null) {
            c.close();
        }
    }

    private AtResponse at(String cmd) throws PortTimeoutException {
        return channel.command(cmd, pool.commandTimeout());
    }

    /** Echo off, verbose errors, PIN, PDU mode, indications, then health and the SIM sweep. */
    void init() throws PortTimeoutException {
        AtResponse r = null;
        for (int i = 0; i < 3 && (r == null || !r.ok()); i++) {
            try {
                r = channel.command("AT", Duration.ofMillis(Math.min(1000, pool.commandTimeout().toMillis())));
            } catch (PortTimeoutException e) {
                if (i == 2) {
                    throw e;
                }
            }
        }
        setState(PortState.INITIALISING, null); // the modem answers: a port that was DOWN stays DOWN until here
        at("ATE0");
        at("AT+CMEE=1");
        AtResponse pin = at("AT+CPIN?");
        String cpin = pin.value("+CPIN:");
        if (pin.result() == FinalResult.CME_ERROR && pin.code() == 10 || pin.result() == FinalResult.CME_ERROR
                && pin.code() == 13) {
            setState(PortState.NO_SIM, "no SIM (" + pin.describe() + ")");
            return;
        }
        if ("SIM PIN".equals(cpin)) {
            if (config.pin().isEmpty()) {
                setState(PortState.NO_SIM, "the SIM asks for a PIN and none is configured");
                return;
            }
            AtResponse entered = at("AT+CPIN=\"" + config.pin().get() + "\"");
            if (!entered.ok()) {
                setState(PortState.NO_SIM, "PIN refused (" + entered.describe() + ")");
                return;
            }
        } else if (cpin != null && !"READY".equals(cpin)) {
            setState(PortState.NO_SIM, "the SIM asks for " + cpin);
            return;
        } else if (!pin.ok() && cpin == null) {
            setState(PortState.NO_SIM, "AT+CPIN? answered " + pin.describe());
            return;
        }
        AtResponse mode = at("AT+CMGF=0");
        if (!mode.ok()) {
            setState(PortState.NO_SIM, "PDU mode refused (" + mode.describe() + ")");
            return;
        }
        if (config.smsc().isPresent()) {
            String smsc = config.smsc().get();
            at("AT+CSCA=\"" + smsc + "\"," + (smsc.startsWith("+") ? 145 : 129));
        }
        at("AT+CPMS=\"SM\",\"SM\",\"SM\"");
        // new messages stored and indicated (+CMTI), status reports stored and indicated (+CDSI); else routed (+CDS)
        if (!at("AT+CNMI=2,1,0,2,0").ok() && !at("AT+CNMI=2,1,0,1,0").ok()) {
            LOG.warnf("port %s: the modem refuses new-message indications; the SIM is swept at each health check",
                    name);
        }
        health();
        if (state == PortState.READY || state == PortState.NOT_REGISTERED) {
            sweep();
        }
    }

    /** Signal and registration; READY only when registered (home or roaming). */
    void health() throws PortTimeoutException {
        nextHealth = System.nanoTime() + pool.healthInterval().toNanos();
        AtResponse csq = at("AT+CSQ");
        String v = csq.value("+CSQ:");
        if (v != null) {
            signal = Integer.parseInt(v.split(",")[0].trim());
        }
        AtResponse creg = at("AT+CREG?");
        String c = creg.value("+CREG:");
        if (c != null) {
            String[] f = StoredMessages.fields(c);
            registration = Integer.parseInt(f.length > 1 ? f[1] : f[0]);
        }
        if (registration != null && (registration == 1 || registration == 5)) {
            if (state != PortState.READY && state != PortState.BUSY) {
                setState(PortState.READY, null);
            }
        } else if (state != PortState.NO_SIM) {
            setState(PortState.NOT_REGISTERED, "AT+CREG? stat " + registration);
        }
    }

    /** Reads every stored message (AT+CMGL=4), hands each on, deletes it once handled. */
    void sweep() throws PortTimeoutException {
        AtResponse list = at("AT+CMGL=4");
        if (!list.ok()) {
            LOG.warnf("port %s: AT+CMGL=4 answered %s", name, list.describe());
            return;
        }
        for (StoredMessages.StoredPdu s : StoredMessages.parseCmgl(list.lines())) {
            process(s.index(), s.pdu());
        }
    }

    private void handle(Unsolicited u) throws PortTimeoutException {
        if (u.kind() != Unsolicited.Kind.OTHER) {
            drainBookkeeping(); // a status report must find the parts it reports on
        }
        switch (u.kind()) {
            case CMTI, CDSI -> read(u.index());
            case CMT, CDS -> {
                try {
                    Tpdu t = PduCodec.decodeFromModem(u.pdu());
                    services.stored(this, t, u.pdu());
                } catch (PduException e) {
                    LOG.warnf("port %s: unreadable %s PDU %s: %s", name, u.kind(), u.pdu(), e.getMessage());
                }
            }
            case OTHER -> {
                if (!"wake".equals(u.line())) {
                    LOG.debugf("port %s: unsolicited %s", name, u.line());
                }
            }
        }
    }

    private void read(int index) throws PortTimeoutException {
        AtResponse r = at("AT+CMGR=" + index);
        if (!r.ok()) {
            LOG.warnf("port %s: AT+CMGR=%d answered %s", name, index, r.describe());
            return;
        }
        try {
            process(index, StoredMessages.parseCmgr(index, r.lines()).pdu());
        } catch (RuntimeException e) {
            LOG.warnf("port %s: stored message %d is unreadable and stays on the SIM: %s", name, index,
                    e.getMessage());
        }
    }

    /** Decodes, hands on (committed), and only then deletes from the SIM. */
    private void process(int index, String pdu) throws PortTimeoutException {
        Tpdu t;
        try {
            t = PduCodec.decodeFromModem(pdu);
        } catch (PduException e) {
            LOG.warnf("port %s: stored message %d is not a valid PDU and stays on the SIM (%s): %s", name, index,
                    e.getMessage(), pdu);
            return;
        }
        if (t instanceof Tpdu.Submit) {
            return; // an outgoing message someone stored on the SIM: not ours to touch
        }
        services.stored(this, t, pdu);
        AtResponse del = at("AT+CMGD=" + index);
        if (!del.ok()) {
            LOG.warnf("port %s: AT+CMGD=%d answered %s", name, index, del.describe());
        }
    }

    // ------------------------------------------------------------------ sending

    /** Within the SIM's caps, counting {@code pending} parts not yet sent. */
    private boolean mayClaim(int pending) {
        return caps.allows(pending);
    }

    /** Claims and sends one message; false when there was nothing to take. */
    private boolean sendNext() throws PortTimeoutException {
        SendService send = services.send();
        Optional<SendService.Claim> claimed;
        if (prefetched != null) {
            java.util.concurrent.CompletableFuture<Optional<SendService.Claim>> f = prefetched;
            prefetched = null;
            claimed = f.join();
        } else {
            claimed = send.claimNext(name);
        }
        if (claimed.isEmpty()) {
            return false;
        }
        SendService.Claim c = claimed.get();
        setState(PortState.BUSY, null);
        sending = c.messageId();
        try {
            deliver(send, c);
        } finally {
            sending = null;
            if (state == PortState.BUSY) {
                setState(PortState.READY, null);
            }
        }
        return true;
    }

    private void deliver(SendService send, SendService.Claim c) throws PortTimeoutException {
        List<PduCodec.EncodedPdu> pdus;
        try {
            PduCodec.SubmitOptions o = PduCodec.SubmitOptions.defaults()
                    .withStatusReport(c.deliveryReport() && pool.statusReports())
                    .withConcat(ThreadLocalRandom.current().nextInt(256), false);
            if (c.validUntil() != null) {
                Duration left = Duration.between(Instant.now(), c.validUntil());
                if (left.isNegative() || left.isZero()) {
                    send.failed(c, name, "EXPIRED", "the validity period ended before a modem was free");
                    return;
                }
                o = o.withValidity(ValidityPeriod.Relative.covering(left));
            }
            pdus = PduCodec.encodeSubmit(Address.parse(c.destination()), c.body(), o);
        } catch (PduException e) {
            send.failed(c, name, "ENCODING", e.getMessage());
            return;
        }
        int firstMr = -1;
        for (PduCodec.EncodedPdu p : pdus) {
            AtChannel.CmgsResult r = channel.cmgs(p.tpduLength(), p.hex(), pool.commandTimeout(), pool.sendTimeout(),
                    () -> {
                        send.onWire(c.messageId(), p.part(), p.parts());
                        if (p.part() == p.parts() && prefetched == null && mayClaim(1)) {
                            // claim the next message while this one is in the air
                            prefetched = java.util.concurrent.CompletableFuture.supplyAsync(
                                    () -> send.claimNext(name), prefetcher);
                        }
                    });
            switch (r.stage()) {
                case NO_PROMPT -> {
                    drainBookkeeping();
                    if (p.part() == 1) {
                        send.requeue(c, null, "port " + name + " stopped answering before the first part");
                    } else {
                        send.failed(c, name, "PORT_DOWN", "port " + name + " stopped answering after "
                                + (p.part() - 1) + " of " + p.parts() + " parts; not resent to avoid duplicates");
                    }
                    throw new PortTimeoutException("AT+CMGS: no prompt");
                }
                case NO_ANSWER -> {
                    drainBookkeeping();
                    send.unknown(c.messageId(), "port " + name + " took part " + p.part() + " of " + p.parts()
                            + " and stopped answering; it may or may not have been sent");
                    throw new PortTimeoutException("AT+CMGS: no answer after the PDU");
                }
                case REFUSED_BEFORE_PROMPT, ANSWERED -> {
                    AtResponse a = r.response();
                    if (a.ok()) {
                        String mr = a.value("+CMGS:");
                        int ref = mr == null ? -1 : Integer.parseInt(mr.split(",")[0].trim());
                        // recorded off the critical path: the modem starts the next message at once
                        int first = firstMr;
                        if (p.part() == p.parts()) {
                            record(() -> send.lastPartSent(c, name, p.parts(), first, ref, pool.stickyDestinations()));
                        } else {
                            record(() -> send.partSent(c.messageId(), p.part(), name, ref));
                        }
                        caps.sent();
                        sentTotal++;
                        if (p.part() == 1) {
                            firstMr = ref;
                        }
                        continue;
                    }
                    refused(send, c, p, a);
                    return;
                }
            }
        }
    }

    /** A +CMS ERROR (or ERROR) for a part: per code, fail the message or hand it to another port. */
    private void refused(SendService send, SendService.Claim c, PduCodec.EncodedPdu p, AtResponse a)
            throws PortTimeoutException {
        drainBookkeeping();
        int code = a.result() == FinalResult.CMS_ERROR || a.result() == FinalResult.CME_ERROR ? a.code() : 500;
        String err = a.result() == FinalResult.CMS_ERROR ? "CMS:" + code : a.describe();
        CmsError named = CmsError.of(code);
        String reason = (named == null ? a.describe() : a.describe() + " " + named.name()) + " on port " + name;
        CmsError.Action action = a.result() == FinalResult.CMS_ERROR ? CmsError.actionFor(code)
                : CmsError.Action.OTHER_PORT;
        LOG.infof("%s part %d/%d: %s -> %s", c.messageId(), p.part(), p.parts(), reason, action);
        if (p.part() > 1) {
            send.failed(c, name, err, reason + " after " + (p.part() - 1) + " of " + p.parts()
                    + " parts were sent; not resent to avoid duplicates");
        } else if (action == CmsError.Action.FAIL
                || send.attempts(c.messageId()) >= Math.min(pool.maxAttempts(), services.portCount())) {
            send.failed(c, name, err, reason);
        } else {
            send.requeue(c, name, reason);
        }
        if (action == CmsError.Action.PORT_FAULT) {
            init(); // SIM, SMSC or registration trouble: find out which, the state says why
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
