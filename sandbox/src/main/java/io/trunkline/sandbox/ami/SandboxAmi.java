package io.trunkline.sandbox.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in Asterisk 22 speaking the Manager Interface over TCP, modelled on the captures in
 * ../shared/conformance/ami-asterisk22-captures.txt: banner first, {@code Login} plain or after an MD5
 * {@code Challenge}, {@code Ping}, {@code CoreSettings}, {@code Events}, {@code Logoff}, {@code Originate} (sync, or
 * {@code Async: true} answered at once with "Originate successfully queued" and followed by the channel events and
 * {@code OriginateResponse} with the captured Reason codes), {@code Hangup}, {@code Bridge} and
 * {@code CoreShowChannels}. Every {@code ActionID} is echoed verbatim. {@code ChannelId}/{@code OtherChannelId} become
 * the channels' Uniqueids. What the far end does depends on the dialled number ({@link AmiConfig#ruleFor}). Calls are
 * the server's, not a connection's: dropping a manager connection does not drop its calls, as with a real Asterisk.
 * With a spool directory, call files renamed into {@code outgoing/} are placed too ({@link CallSpool}).
 */
public final class SandboxAmi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxAmi.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AmiConfig config;
    private final ServerSocket server;
    private final Thread acceptor;
    /** One thread owns every call and channel: events come out in one order for everyone. */
    private final ScheduledExecutorService sim;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Call> liveCalls = new LinkedHashMap<>();
    private final List<Placed> placed = new CopyOnWriteArrayList<>();
    private final List<AmiMessage> actions = new CopyOnWriteArrayList<>();
    private final List<Ended> ended = new CopyOnWriteArrayList<>();
    private final AtomicLong chanSeq = new AtomicLong();
    private final AtomicLong uidSeq = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final long epoch = Instant.now().getEpochSecond();
    private final CallSpool spool;
    private volatile boolean running = true;

    private SandboxAmi(AmiConfig config) throws IOException {
        this.config = config;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(config.port()));
        this.sim = Executors.newSingleThreadScheduledExecutor(daemon("ami-sim"));
        this.acceptor = daemon("ami-accept").newThread(this::acceptLoop);
        acceptor.start();
        this.spool = config.spoolDir() == null ? null : new CallSpool(this, config.spoolDir(), config.spoolPoll());
    }

    /** Starts listening (and watching the spool, if configured); {@link #close()} stops everything. */
    public static SandboxAmi start(AmiConfig config) throws IOException {
        SandboxAmi ami = new SandboxAmi(config);
        LOG.info("sandbox AMI listening on port {} for user {}{}", ami.port(), config.username(),
                config.spoolDir() == null ? "" : ", spool " + config.spoolDir());
        return ami;
    }

    public int port() {
        return server.getLocalPort();
    }

    public AmiConfig config() {
        return config;
    }

    /** Every call placed so far (Originate or call file), in order. */
    public List<Placed> placed() {
        return List.copyOf(placed);
    }

    /** Every call that is over, in order: its first channel's Uniqueid, whether it was answered, when it ended. */
    public List<Ended> ended() {
        return List.copyOf(ended);
    }

    /** Every action received (any connection), in order, as sent. */
    public List<AmiMessage> actions() {
        return List.copyOf(actions);
    }

    /** Calls up right now (ringing or answered). */
    public int activeCalls() {
        return active.get();
    }

    /** The most calls up at the same time since start. */
    public int maxConcurrentCalls() {
        return maxActive.get();
    }

    /** Manager connections that are logged in. */
    public int loggedInSessions() {
        return (int) sessions.stream().filter(s -> s.loggedIn).count();
    }

    /** Closes every manager connection (a network failure as the client sees it); calls go on. */
    public void dropConnections() {
        for (Session s : List.copyOf(sessions)) {
            s.close();
        }
    }

    /** A call that is over. */
    public record Ended(String uniqueid, String number, boolean answered, Instant at) {
    }

    @Override
    public void close() {
        running = false;
        if (spool != null) {
            spool.close();
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing server socket: {}", e.toString());
        }
        dropConnections();
        sim.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A call as placed: the dialled number, how it was placed, and the rule it followed. */
    public record Placed(String channel, String number, String uniqueid, String source, AmiConfig.Outcome outcome,
            Map<String, String> variables, Instant at) {
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Session s = new Session(socket);
                sessions.add(s);
                daemon("ami-session").newThread(s).start();
            } catch (IOException e) {
                if (running) {
                    LOG.warn("accept failed: {}", e.toString());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ sessions

    private final class Session implements Runnable {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean loggedIn;
        private volatile boolean events = true;
        private volatile String challenge;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        @Override
        public void run() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                // The banner: one line, no blank line after it.
                writeRaw("Asterisk Call Manager/" + config.amiVersion() + "\r\n");
                AmiMessage m;
                while ((m = AmiMessage.read(in)) != null) {
                    actions.add(m);
                    if (!handle(m)) {
                        break;
                    }
                }
            } catch (SocketException e) {
                LOG.debug("session closed: {}", e.toString());
            } catch (IOException e) {
                LOG.debug("session failed: {}", e.toString());
            } finally {
                close();
            }
        }

        void close() {
            sessions.remove(this);
            loggedIn = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        synchronized void send(AmiMessage m) {
            try {
                out.write(m.wire().getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        synchronized void writeRaw(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** false ends the session. */
        boolean handle(AmiMessage m) {
            String action = m.action();
            String id = m.get("ActionID");
            if (action == null) {
                send(AmiMessage.response("Error", id).put("Message", "Missing action in request"));
                return true;
            }
            switch (action) {
                case "login" -> login(m, id);
                case "challenge" -> {
                    if (!"md5".equalsIgnoreCase(m.get("AuthType", ""))) {
                        send(AmiMessage.response("Error", id).put("Message", "Must specify AuthType"));
                    } else {
                        challenge = String.valueOf(100_000_000 + RANDOM.nextInt(900_000_000));
                        send(AmiMessage.response("Success", id).put("Challenge", challenge));
                    }
                }
                case "logoff" -> {
                    send(AmiMessage.response("Goodbye", id).put("Message", "Thanks for all the fish."));
                    return false;
                }
                case "ping" -> send(AmiMessage.response("Success", id).put("Ping", "Pong")
                        .put("Timestamp", String.format("%d.%06d", System.currentTimeMillis() / 1000,
                                (System.nanoTime() / 1000) % 1_000_000)));
                default -> {
                    if (!loggedIn) {
                        send(AmiMessage.response("Error", id).put("Message", "Permission denied"));
                        return true;
                    }
                    authenticated(action, m, id);
                }
            }
            return true;
        }

        private void login(AmiMessage m, String id) {
            boolean userOk = config.username().equals(m.get("Username"));
            boolean ok;
            if ("md5".equalsIgnoreCase(m.get("AuthType", ""))) {
                ok = userOk && challenge != null && md5(challenge + config.secret()).equalsIgnoreCase(m.get("Key", ""));
            } else {
                ok = userOk && config.secret().equals(m.get("Secret"));
            }
            if (!ok) {
                send(AmiMessage.response("Error", id).put("Message", "Authentication failed"));
                return;
            }
            String ev = m.get("Events");
            if (ev != null && (ev.equalsIgnoreCase("off") || ev.equalsIgnoreCase("no"))) {
                events = false;
            }
            loggedIn = true;
            send(AmiMessage.response("Success", id).put("Message", "Authentication accepted"));
            if (events) {
                send(AmiMessage.event("FullyBooted", "system,all").put("Uptime", uptime())
                        .put("LastReload", uptime()).put("Status", "Fully Booted"));
            }
        }

        private void authenticated(String action, AmiMessage m, String id) {
            switch (action) {
                case "coresettings" -> send(AmiMessage.response("Success", id).put("AMIversion", config.amiVersion())
                        .put("AsteriskVersion", config.asteriskVersion()).put("SystemName", "")
                        .put("CoreMaxCalls", 0).put("CoreMaxLoadAvg", "0.000000").put("CoreRunUser", "")
                        .put("CoreRunGroup", "").put("CoreMaxFilehandles", 0).put("CoreRealTimeEnabled", "No")
                        .put("CoreCDRenabled", "Yes").put("CoreHTTPenabled", "No")
                        .put("SoundsSearchCustomDir", "No"));
                case "events" -> {
                    String mask = m.get("EventMask", "on");
                    events = !(mask.equalsIgnoreCase("off") || mask.equalsIgnoreCase("no"));
                    send(AmiMessage.response("Success", id).put("Events", events ? "On" : "Off"));
                }
                case "originate" -> originate(this, m, id);
                case "hangup" -> sim.execute(() -> hangupAction(this, m, id));
                case "bridge" -> sim.execute(() -> bridgeAction(this, m, id));
                case "coreshowchannels" -> sim.execute(() -> coreShowChannels(this, id));
                case "status" -> sim.execute(() -> coreShowChannels(this, id));
                default -> send(AmiMessage.response("Error", id).put("Message", "Invalid/unknown command"));
            }
        }
    }

    private long uptime() {
        return Instant.now().getEpochSecond() - epoch;
    }

    private void broadcast(AmiMessage event) {
        for (Session s : sessions) {
            if (s.loggedIn && s.events) {
                s.send(event);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ calls

    /** One side of a Local channel pair (;1 is the originated one, ;2 runs the dialplan at the dialled exten). */
    private static final class Chan {
        final String name;
        final String uniqueid;
        final String linkedid;
        final String context;
        final String exten;
        int state;
        /** When its Hangup event was about to go out; null while it is up. */
        volatile Instant hungUpAt;
        String cidNum = "<unknown>";
        String cidName = "<unknown>";
        Chan(String name, String uniqueid, String linkedid, String context, String exten, int state) {
            this.name = name;
            this.uniqueid = uniqueid;
            this.linkedid = linkedid;
            this.context = context;
            this.exten = exten;
            this.state = state;
        }
    }

    private static final class Call {
        String actionId;
        Session origin;
        boolean async;
        boolean fromSpool;
        String dial;
        String number;
        String context;
        String exten;
        String application;
        String data;
        String cidNum;
        String cidName;
        long timeoutMs;
        List<String[]> vars = new ArrayList<>();
        AmiConfig.Rule rule;
        Chan one;
        Chan two;
        /** 0 dialling, 1 ringing, 2 up, 3 over */
        int phase;
        Call bridged;
        String bridgeId;
        ScheduledFuture<?> next;
        Consumer<Boolean> done;
        Instant startedAt = Instant.now();
    }

    private static String stateDesc(int state) {
        return switch (state) {
            case 0 -> "Down";
            case 4 -> "Ring";
            case 5 -> "Ringing";
            case 6 -> "Up";
            case 7 -> "Busy";
            default -> "Unknown";
        };
    }

    private static String causeText(int cause) {
        return switch (cause) {
            case 16 -> "Normal Clearing";
            case 17 -> "User busy";
            case 19 -> "User alerting, no answer";
            case 21 -> "Call Rejected";
            case 26 -> "Answered elsewhere";
            case 34 -> "Circuit/channel congestion";
            default -> "Unknown";
        };
    }

    private static AmiMessage chanFields(AmiMessage m, String prefix, Chan c) {
        return m.put(prefix + "Channel", c.name).put(prefix + "ChannelState", c.state)
                .put(prefix + "ChannelStateDesc", stateDesc(c.state)).put(prefix + "CallerIDNum", c.cidNum)
                .put(prefix + "CallerIDName", c.cidName).put(prefix + "ConnectedLineNum", c.cidNum)
                .put(prefix + "ConnectedLineName", c.cidName).put(prefix + "Language", "en")
                .put(prefix + "AccountCode", "").put(prefix + "Context", c.context).put(prefix + "Exten", c.exten)
                .put(prefix + "Priority", 1).put(prefix + "Uniqueid", c.uniqueid).put(prefix + "Linkedid", c.linkedid);
    }

    private void chanEvent(String event, Chan c) {
        broadcast(chanFields(AmiMessage.event(event, "call,all"), "", c));
    }

    /** The number part of a dial string: {@code Local/+2711@ctx} and {@code SIP/trunk/+2711} give {@code +2711}. */
    static String numberOf(String dest) {
        String d = dest;
        int slash = d.lastIndexOf('/');
        if (slash >= 0) {
            d = d.substring(slash + 1);
        }
        int at = d.indexOf('@');
        return at >= 0 ? d.substring(0, at) : d;
    }

    private void originate(Session session, AmiMessage m, String id) {
        String channel = m.get("Channel");
        if (channel == null || channel.isBlank()) {
            session.send(AmiMessage.response("Error", id).put("Message", "Channel not specified"));
            return;
        }
        int slash = channel.indexOf('/');
        if (slash <= 0) {
            session.send(AmiMessage.response("Error", id).put("Message", "Invalid channel"));
            return;
        }
        if (m.get("Exten") == null && m.get("Application") == null) {
            session.send(AmiMessage.response("Error", id).put("Message", "Exten not specified"));
            return;
        }
        Call c = new Call();
        c.actionId = id;
        c.origin = session;
        c.async = CallFile.isTrue(m.get("Async", "false"));
        c.dial = channel;
        c.number = numberOf(channel.substring(slash + 1));
        c.context = m.get("Context", "default");
        c.exten = m.get("Exten");
        c.application = m.get("Application");
        c.data = m.get("Data", "");
        String[] cid = splitCallerId(m.get("CallerID"));
        c.cidNum = cid[1];
        c.cidName = cid[0];
        c.timeoutMs = parseLong(m.get("Timeout"), 30_000);
        for (String v : m.all("Variable")) {
            for (String part : v.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    c.vars.add(new String[] {part.substring(0, eq).trim(), part.substring(eq + 1).trim()});
                }
            }
        }
        String tech = channel.substring(0, slash);
        String channelId = m.get("ChannelId");
        String otherId = m.get("OtherChannelId");
        if (c.async) {
            session.send(AmiMessage.response("Success", id).put("Message", "Originate successfully queued"));
        }
        sim.execute(() -> {
            if (!config.techs().stream().anyMatch(t -> t.equalsIgnoreCase(tech))) {
                LOG.info("originate to {}: channel technology {} not loaded", channel, tech);
                placed.add(new Placed(channel, c.number, channelId, "ami", null, vars(c), Instant.now()));
                failResponse(c, 0, channelId);
                return;
            }
            begin(c, channelId, otherId, "ami");
        });
    }

    /** Places a call file's call (spool thread hands it over; result true when answered). */
    void placeFromFile(CallFile f, Consumer<Boolean> done) {
        Call c = new Call();
        c.fromSpool = true;
        c.async = true;
        c.dial = f.channel();
        c.number = numberOf(f.dest());
        c.context = f.context() == null ? "default" : f.context();
        c.exten = f.extension();
        c.application = f.application();
        c.data = f.data();
        String[] cid = splitCallerId(f.callerId());
        c.cidNum = cid[1];
        c.cidName = cid[0];
        c.timeoutMs = f.waitTime() * 1000L;
        c.vars.addAll(f.variables());
        c.done = done;
        sim.execute(() -> {
            if (!config.techs().stream().anyMatch(t -> t.equalsIgnoreCase(f.tech()))) {
                placed.add(new Placed(c.dial, c.number, null, "spool", null, vars(c), Instant.now()));
                done.accept(false);
                return;
            }
            begin(c, null, null, "spool");
        });
    }

    private static Map<String, String> vars(Call c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] v : c.vars) {
            m.put(v[0], v[1]);
        }
        return m;
    }

    private void begin(Call c, String channelId, String otherId, String source) {
        c.rule = config.ruleFor(c.number);
        long seq = chanSeq.getAndIncrement();
        String base = c.dial + "-" + String.format("%08x", seq);
        String uid1 = channelId != null && !channelId.isBlank() ? channelId : epoch + "." + uidSeq.getAndIncrement();
        String uid2 = otherId != null && !otherId.isBlank() ? otherId
                : channelId != null && !channelId.isBlank() ? channelId + ";2" : epoch + "." + uidSeq.getAndIncrement();
        String localCtx = c.dial.contains("@") ? c.dial.substring(c.dial.indexOf('@') + 1) : c.context;
        c.one = new Chan(base + ";1", uid1, uid1, localCtx, c.number, 0);
        c.two = new Chan(base + ";2", uid2, uid1, localCtx, c.number, 4);
        placed.add(new Placed(c.dial, c.number, uid1, source, c.rule.outcome(), vars(c), Instant.now()));
        liveCalls.put(uid1, c);
        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        chanEvent("Newchannel", c.one);
        chanEvent("Newchannel", c.two);
        c.one.cidNum = c.cidNum;
        c.one.cidName = c.cidName;
        c.two.cidNum = c.cidNum;
        c.two.cidName = c.cidName;
        for (String[] v : c.vars) {
            broadcast(chanFields(AmiMessage.event("VarSet", "dialplan,all"), "", c.one).put("Variable", v[0])
                    .put("Value", v[1]));
            broadcast(chanFields(AmiMessage.event("VarSet", "dialplan,all"), "", c.two).put("Variable", v[0])
                    .put("Value", v[1]));
        }
        AmiConfig.Rule r = c.rule;
        switch (r.outcome()) {
            case ANSWER -> {
                localBridge(c);
                dialBegin(c);
                if (r.ring().toMillis() > 0) {
                    c.one.state = 5;
                    c.phase = 1;
                    chanEvent("Newstate", c.one);
                    broadcast(chanFields(AmiMessage.event("DialState", "call,all"), "Dest", c.one)
                            .put("DialStatus", "RINGING"));
                }
                if (r.ring().toMillis() >= c.timeoutMs) {
                    c.next = later(Duration.ofMillis(c.timeoutMs), () -> noAnswer(c));
                } else {
                    c.next = later(r.ring(), () -> answer(c));
                }
            }
            case BUSY -> c.next = later(r.ring(), () -> {
                failResponse(c, 5, null);
                localBridge(c);
                dialBegin(c);
                c.two.state = 7;
                chanEvent("Newstate", c.two);
                dialEnd(c, "BUSY");
                hangup(c.one, 0);
                hangup(c.two, 17);
                over(c, false);
            });
            case NO_ANSWER -> {
                localBridge(c);
                dialBegin(c);
                c.one.state = 5;
                c.phase = 1;
                chanEvent("Newstate", c.one);
                broadcast(chanFields(AmiMessage.event("DialState", "call,all"), "Dest", c.one)
                        .put("DialStatus", "RINGING"));
                c.next = later(Duration.ofMillis(c.timeoutMs), () -> noAnswer(c));
            }
            case CONGESTION -> c.next = later(r.ring(), () -> {
                localBridge(c);
                dialBegin(c);
                c.two.state = 7;
                chanEvent("Newstate", c.two);
                dialEnd(c, "CONGESTION");
                hangup(c.two, 34);
                failResponse(c, 8, null);
                hangup(c.one, 0);
                over(c, false);
            });
            case REJECT -> c.next = later(r.ring(), () -> {
                localBridge(c);
                dialBegin(c);
                hangup(c.two, 21);
                dialEnd(c, "NOANSWER");
                failResponse(c, 0, null);
                hangup(c.one, 21);
                over(c, false);
            });
            case UNKNOWN_EXTENSION -> c.next = later(Duration.ofMillis(5), () -> {
                hangup(c.two, 0);
                failResponse(c, 0, null);
                hangup(c.one, 0);
                over(c, false);
            });
        }
    }

    private void noAnswer(Call c) {
        if (c.phase >= 2 || c.phase == 3) {
            return;
        }
        hangup(c.one, 19);
        failResponse(c, 3, null);
        hangup(c.two, 19);
        over(c, false);
    }

    private void answer(Call c) {
        if (c.phase >= 2) {
            return;
        }
        c.phase = 2;
        c.two.state = 6;
        chanEvent("Newstate", c.two);
        c.one.state = 6;
        chanEvent("Newstate", c.one);
        dialEnd(c, "ANSWER");
        if (!c.fromSpool) {
            AmiMessage ev = AmiMessage.event("OriginateResponse", "call,all");
            if (c.actionId != null) {
                ev.put("ActionID", c.actionId);
            }
            ev.put("Response", "Success").put("Channel", c.one.name);
            appOrExten(ev, c);
            ev.put("Reason", 4).put("Uniqueid", c.one.uniqueid).put("CallerIDNum", c.cidNum)
                    .put("CallerIDName", c.cidName);
            if (c.async) {
                broadcast(ev);
            } else {
                c.origin.send(AmiMessage.response("Success", c.actionId).put("Message",
                        "Originate successfully queued"));
            }
        }
        c.next = later(c.rule.talk(), () -> endAnswered(c, 16));
    }

    private void endAnswered(Call c, int cause) {
        if (c.phase == 3) {
            return;
        }
        Call peer = c.bridged;
        if (peer != null) {
            bridgeLeave(c, c.one);
            bridgeLeave(peer, peer.one);
            c.bridged = null;
            peer.bridged = null;
            broadcast(AmiMessage.event("BridgeDestroy", "call,all").put("BridgeUniqueid", c.bridgeId)
                    .put("BridgeType", "basic").put("BridgeTechnology", "simple_bridge")
                    .put("BridgeCreator", "<unknown>").put("BridgeName", "<unknown>").put("BridgeNumChannels", 0)
                    .put("BridgeVideoSourceMode", "none"));
        }
        hangup(c.one, cause);
        hangup(c.two, cause);
        over(c, true);
        if (peer != null && peer.phase == 2) {
            if (peer.next != null) {
                peer.next.cancel(false);
            }
            endAnswered(peer, 16);
        }
    }

    private void appOrExten(AmiMessage ev, Call c) {
        if (c.application != null) {
            ev.put("Application", c.application).put("Data", c.data == null ? "" : c.data);
        } else {
            ev.put("Context", c.context).put("Exten", c.exten);
        }
    }

    /** OriginateResponse Failure: the dial string as sent, Uniqueid the ChannelId or {@code <unknown>}. */
    private void failResponse(Call c, int reason, String channelIdIfNoChannels) {
        if (c.fromSpool) {
            return;
        }
        String uid = c.one != null ? (c.one.uniqueid.equals(c.one.linkedid) && isOurs(c) ? c.one.uniqueid
                : "<unknown>") : channelIdIfNoChannels != null ? channelIdIfNoChannels : "<unknown>";
        AmiMessage ev = AmiMessage.event("OriginateResponse", "call,all");
        if (c.actionId != null) {
            ev.put("ActionID", c.actionId);
        }
        ev.put("Response", "Failure").put("Channel", c.dial);
        appOrExten(ev, c);
        ev.put("Reason", reason).put("Uniqueid", uid).put("CallerIDNum", c.cidNum).put("CallerIDName", c.cidName);
        if (c.async) {
            broadcast(ev);
        } else {
            c.origin.send(AmiMessage.response("Error", c.actionId).put("Message", "Originate failed"));
        }
        if (c.one == null) {
            over(c, false);
        }
    }

    /** True when the first channel's Uniqueid was the caller's ChannelId (not one we made up). */
    private boolean isOurs(Call c) {
        return !c.one.uniqueid.startsWith(epoch + ".");
    }

    private void localBridge(Call c) {
        AmiMessage ev = AmiMessage.event("LocalBridge", "call,all");
        chanFields(ev, "LocalOne", c.one);
        chanFields(ev, "LocalTwo", c.two);
        broadcast(ev.put("Context", c.one.context).put("Exten", c.number).put("LocalOptimization", "Yes"));
    }

    private void dialBegin(Call c) {
        broadcast(chanFields(AmiMessage.event("DialBegin", "call,all"), "Dest", c.one).put("DialString",
                c.dial.substring(c.dial.indexOf('/') + 1)));
    }

    private void dialEnd(Call c, String status) {
        broadcast(chanFields(AmiMessage.event("DialEnd", "call,all"), "Dest", c.one).put("DialStatus", status));
    }

    private void hangup(Chan ch, int cause) {
        if (ch.hungUpAt == null) {
            ch.hungUpAt = Instant.now(); // before the event: a client reacting to it acts after this time
        }
        broadcast(chanFields(AmiMessage.event("Hangup", "call,all"), "", ch).put("Cause", cause)
                .put("Cause-txt", causeText(cause)));
    }

    private void bridgeLeave(Call c, Chan ch) {
        broadcast(chanFields(bridgeFields(AmiMessage.event("BridgeLeave", "call,all"), c.bridgeId, 1), "", ch));
    }

    private static AmiMessage bridgeFields(AmiMessage m, String bridgeId, int numChannels) {
        return m.put("BridgeUniqueid", bridgeId).put("BridgeType", "basic").put("BridgeTechnology", "simple_bridge")
                .put("BridgeCreator", "<unknown>").put("BridgeName", "<unknown>")
                .put("BridgeNumChannels", numChannels).put("BridgeVideoSourceMode", "none");
    }

    private void over(Call c, boolean answered) {
        if (c.phase == 3) {
            return;
        }
        c.phase = 3;
        if (c.one != null) {
            liveCalls.remove(c.one.uniqueid);
            active.decrementAndGet();
            ended.add(new Ended(c.one.uniqueid, c.number, answered, endedAt(c)));
        }
        if (c.done != null) {
            c.done.accept(answered);
        }
    }

    /**
     * When the call ended as its clients saw it: its first Hangup event. Taken before that event went out, not when
     * the call is recorded as over (after its events), so a call a client placed on seeing the Hangup is never
     * recorded as placed before this one ended.
     */
    private static Instant endedAt(Call c) {
        Instant at = c.one.hungUpAt;
        if (c.two != null && c.two.hungUpAt != null && (at == null || c.two.hungUpAt.isBefore(at))) {
            at = c.two.hungUpAt;
        }
        return at != null ? at : Instant.now();
    }

    private Call findCall(String channel) {
        if (channel == null) {
            return null;
        }
        for (Call c : liveCalls.values()) {
            if (c.one.name.equals(channel) || c.one.uniqueid.equals(channel) || c.two.name.equals(channel)
                    || c.two.uniqueid.equals(channel)) {
                return c;
            }
        }
        return null;
    }

    private void hangupAction(Session s, AmiMessage m, String id) {
        Call c = findCall(m.get("Channel"));
        if (c == null || c.phase == 3) {
            s.send(AmiMessage.response("Error", id).put("Message", "No such channel"));
            return;
        }
        int cause = (int) parseLong(m.get("Cause"), 16);
        s.send(AmiMessage.response("Success", id).put("Message", "Channel Hungup"));
        if (c.next != null) {
            c.next.cancel(false);
        }
        if (c.phase == 2) {
            endAnswered(c, cause);
        } else {
            hangup(c.one, cause);
            failResponse(c, 0, null);
            hangup(c.two, cause);
            over(c, false);
        }
    }

    private void bridgeAction(Session s, AmiMessage m, String id) {
        Call a = findCall(m.get("Channel1"));
        Call b = findCall(m.get("Channel2"));
        if (a == null || a.phase != 2) {
            s.send(AmiMessage.response("Error", id).put("Message",
                    "Channel1 does not exist: " + m.get("Channel1")));
            return;
        }
        if (b == null || b.phase != 2) {
            s.send(AmiMessage.response("Error", id).put("Message",
                    "Channel2 does not exist: " + m.get("Channel2")));
            return;
        }
        s.send(AmiMessage.response("Success", id).put("Message", "Channels have been bridged"));
        String bridgeId = UUID.randomUUID().toString();
        a.bridgeId = bridgeId;
        b.bridgeId = bridgeId;
        a.bridged = b;
        b.bridged = a;
        broadcast(bridgeFields(AmiMessage.event("BridgeCreate", "call,all"), bridgeId, 0));
        broadcast(chanFields(bridgeFields(AmiMessage.event("BridgeEnter", "call,all"), bridgeId, 1), "", a.one));
        broadcast(chanFields(bridgeFields(AmiMessage.event("BridgeEnter", "call,all"), bridgeId, 2), "", b.one));
    }

    private void coreShowChannels(Session s, String id) {
        s.send(AmiMessage.response("Success", id).put("EventList", "start").put("Message", "Channels will follow"));
        int n = 0;
        for (Call c : liveCalls.values()) {
            for (Chan ch : List.of(c.one, c.two)) {
                AmiMessage ev = new AmiMessage().put("Event", "CoreShowChannel");
                if (id != null) {
                    ev.put("ActionID", id);
                }
                chanFields(ev, "", ch).put("BridgeId", c.bridgeId == null ? "" : c.bridgeId)
                        .put("Application", ch == c.one ? "AppDial2" : "Wait").put("ApplicationData", "")
                        .put("Duration", duration(c.startedAt)).put("BridgedChannel", "")
                        .put("BridgedUniqueID", "");
                s.send(ev);
                n++;
            }
        }
        AmiMessage done = new AmiMessage().put("Event", "CoreShowChannelsComplete");
        if (id != null) {
            done.put("ActionID", id);
        }
        s.send(done.put("EventList", "Complete").put("ListItems", n));
    }

    private static String duration(Instant since) {
        long s = Duration.between(since, Instant.now()).toSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    private ScheduledFuture<?> later(Duration d, Runnable r) {
        return sim.schedule(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("call simulation failed", e);
            }
        }, Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** {@code "Name" <number>}, {@code Name <number>} or a bare number into [name, number]. */
    static String[] splitCallerId(String cid) {
        if (cid == null || cid.isBlank()) {
            return new String[] {"<unknown>", "<unknown>"};
        }
        int lt = cid.indexOf('<');
        int gt = cid.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            String name = cid.substring(0, lt).trim().replace("\"", "");
            return new String[] {name.isEmpty() ? "<unknown>" : name, cid.substring(lt + 1, gt).trim()};
        }
        String v = cid.trim();
        return v.matches("[+0-9*#]+") ? new String[] {"<unknown>", v} : new String[] {v, "<unknown>"};
    }

    private static long parseLong(String v, long fallback) {
        try {
            return v == null ? fallback : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
