package io.trunkline.sandbox.smsc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.PDUStringException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC stand-in on jSMPP's server side. It binds ESMEs (transmitter, receiver, transceiver) for one configured
 * system_id, answers submit_sm with a fresh hex message id per part, answers enquire_link, and after
 * {@link SmscConfig#receiptDelay()} sends each requested delivery receipt as deliver_sm (esm_class 0x04, Appendix B
 * text plus receipted_message_id and message_state TLVs) to a receiver or transceiver session of the same system_id.
 * A receipt that finds no such session, or is not acknowledged, is kept and retried, as real SMSCs do.
 * {@link SmscConfig#rules()} make destinations fail; {@link SmscConfig#maxSubmitsPerSecond()} throttles.
 */
public final class SandboxSmsc implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxSmsc.class);
    /** The system_id the SMSC names itself with in bind responses. */
    public static final String SMSC_SYSTEM_ID = "trunkline-smsc";
    private static final Duration RECEIPT_RETENTION = Duration.ofMinutes(10);
    private static final long RECEIPT_RETRY_MAX_MS = 5_000;
    /** Threads handling PDUs per session: a window of submits can be answered in parallel (and wait out latency). */
    private static final int PDU_THREADS = 16;
    /** PDUs queued per session before jSMPP itself answers ESME_RTHROTTLED. */
    private static final int QUEUE_CAPACITY = 5_000;

    private final SmscConfig config;
    private final ServerSocket serverSocket;
    private final SMPPServerSessionListener listener;
    private final Set<SMPPServerSession> open = ConcurrentHashMap.newKeySet();
    private final Map<SMPPServerSession, BindType> bound = new ConcurrentHashMap<>();
    private final Map<SMPPServerSession, String> systemIds = new ConcurrentHashMap<>();
    /**
     * How many submits and message states the stand-in remembers (system property {@code trunkline.smsc.retain}). A
     * real SMSC forgets a message's state some time after its final state; the stand-in forgets the oldest, so that a
     * long run (a benchmark of millions of messages) does not fill its heap.
     */
    static final int RETAIN = Integer.getInteger("trunkline.smsc.retain", 100_000);

    private final ArrayDeque<Submitted> submitted = new ArrayDeque<>();
    private final Map<String, PendingReceipt> awaitingResp = new ConcurrentHashMap<>();
    private final Map<String, MessageState> states = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, MessageState> eldest) {
                    return size() > RETAIN;
                }
            });
    private final ArrayDeque<Long> window = new ArrayDeque<>();
    private final AtomicLong nextId = new AtomicLong((long) (Math.random() * 0x0FFFFFFFFL));
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final ExecutorService bindWaiters;
    private final ScheduledExecutorService receipts;
    private final Thread acceptor;
    private volatile boolean running = true;
    // run-time behaviour (see the setters): latency, outcome ratios, receipt format, dropped connections
    private volatile Duration submitLatency = Duration.ZERO;
    private volatile double undeliveredRatio;
    private volatile double expiredRatio;
    private volatile ReceiptFormat receiptFormat = ReceiptFormat.TEXT_AND_TLV;
    private volatile int dropEverySubmits;
    private final AtomicLong submitCount = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    /** How delivery receipts are written. */
    public enum ReceiptFormat {
        /** Appendix B text plus receipted_message_id and message_state TLVs (the default). */
        TEXT_AND_TLV,
        /** Appendix B text only, no TLVs (many older SMSCs). */
        TEXT_ONLY,
        /** TLVs only, empty short_message. */
        TLV_ONLY,
        /** Text only with the id written in decimal (the submit_sm_resp id is hex), as some SMSCs do. */
        TEXT_DECIMAL_ID
    }

    private SandboxSmsc(SmscConfig config) throws IOException {
        this.config = config;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(config.port()));
        this.listener = new SMPPServerSessionListener(serverSocket.getLocalPort(), new ExistingSocket(serverSocket));
        listener.setPduProcessorDegree(PDU_THREADS);
        listener.setQueueCapacity(QUEUE_CAPACITY);
        listener.setMessageReceiverListener(new Handler());
        listener.setResponseDeliveryListener(new RespSent());
        listener.setSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
                bound.remove(source);
            }
            if (newState == SessionState.CLOSED) {
                open.remove(source);
                systemIds.remove(source);
            }
        });
        this.bindWaiters = Executors.newCachedThreadPool(daemon("smsc-bind"));
        this.receipts = Executors.newScheduledThreadPool(8, daemon("smsc-receipts"));
        this.acceptor = daemon("smsc-accept").newThread(this::acceptLoop);
        acceptor.start();
    }

    /** Starts listening; the returned handle stops everything on {@link #close()}. */
    public static SandboxSmsc start(SmscConfig config) throws IOException {
        SandboxSmsc smsc = new SandboxSmsc(config);
        LOG.info("sandbox SMSC listening on port {} for system_id {}", smsc.port(), config.systemId());
        return smsc;
    }

    /** The port actually listened on (the configured one, or the one picked for port 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public SmscConfig config() {
        return config;
    }

    /** Every submit_sm received so far (the latest {@link #RETAIN}), in arrival order, accepted or not (a snapshot). */
    public List<Submitted> submitted() {
        synchronized (submitted) {
            return List.copyOf(submitted);
        }
    }

    /** The submits answered with a message id. */
    public List<Submitted> accepted() {
        return submitted().stream().filter(Submitted::accepted).toList();
    }

    /** How many sessions are currently bound (any bind type). */
    public int boundSessions() {
        return bound.size();
    }

    /** Holds every submit_sm_resp back this long (network and SMSC latency); zero by default. */
    public SandboxSmsc setSubmitLatency(Duration latency) {
        this.submitLatency = latency == null ? Duration.ZERO : latency;
        return this;
    }

    /**
     * Receipt outcomes for destinations no rule matches: these fractions UNDELIV err:001 and EXPIRED err:000, drawn
     * at random per submit, the rest DELIVRD. Both zero by default.
     */
    public SandboxSmsc setOutcomeRatios(double undelivered, double expired) {
        if (undelivered < 0 || expired < 0 || undelivered + expired > 1) {
            throw new IllegalArgumentException("ratios must be >= 0 and sum to at most 1");
        }
        this.undeliveredRatio = undelivered;
        this.expiredRatio = expired;
        return this;
    }

    public SandboxSmsc setReceiptFormat(ReceiptFormat format) {
        this.receiptFormat = format;
        return this;
    }

    /** Drops every connection (no unbind) right after each n-th accepted submit_sm, before its response; 0 = never. */
    public SandboxSmsc setDropEverySubmits(int n) {
        this.dropEverySubmits = Math.max(0, n);
        return this;
    }

    /** Closes every client connection without unbinding (a network failure, as the ESMEs see it). */
    public void dropConnections() {
        for (SMPPServerSession s : List.copyOf(open)) {
            s.close();
        }
    }

    /**
     * Sends a mobile-originated message (deliver_sm, esm_class 0) to a bound receiver of the configured system_id.
     * UCS-2 (data_coding 8) when the text is not in the GSM alphabet, else GSM 03.38 (data_coding 0). Waits up to
     * 5 s for such a receiver; throws IllegalStateException if there is none.
     */
    public void sendMo(String from, String to, String text) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Optional<SMPPServerSession> receiver = receiverFor(config.systemId());
        while (receiver.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20); // a bind_resp just sent: the session turns bound a moment later
            receiver = receiverFor(config.systemId());
        }
        SMPPServerSession session = receiver
                .orElseThrow(() -> new IllegalStateException("no receiver bound for " + config.systemId()));
        byte[] gsm = Gsm0338.encode(text);
        boolean ucs2 = gsm == null;
        session.deliverShortMessage("", ton(from), NumberingPlanIndicator.ISDN, SmscConfig.stripPlus(from),
                ton(to), NumberingPlanIndicator.ISDN, SmscConfig.stripPlus(to), new ESMClass(), (byte) 0, (byte) 0,
                new RegisteredDelivery(0), DataCodings.newInstance((byte) (ucs2 ? 8 : 0)),
                ucs2 ? text.getBytes(StandardCharsets.UTF_16BE) : gsm);
    }

    /**
     * Sends a GSM 03.38 text as a concatenated MO (153 septets per part, UDH IEI 0x00 with {@code ref}), the parts in
     * the given order of part numbers (1-based; e.g. {@code 2, 1} sends the second part first). Returns how many
     * parts the text has. Only the parts listed are sent.
     */
    public int sendMoConcatenated(String from, String to, String text, int ref, int... order) throws Exception {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 153) {
            chunks.add(text.substring(i, Math.min(text.length(), i + 153)));
        }
        SMPPServerSession session = receiverFor(config.systemId())
                .orElseThrow(() -> new IllegalStateException("no receiver bound for " + config.systemId()));
        for (int seq : order) {
            byte[] body = Gsm0338.encode(chunks.get(seq - 1));
            if (body == null) {
                throw new IllegalArgumentException("not GSM 03.38: " + text);
            }
            byte[] sm = new byte[6 + body.length];
            sm[0] = 5;
            sm[1] = 0;
            sm[2] = 3;
            sm[3] = (byte) ref;
            sm[4] = (byte) chunks.size();
            sm[5] = (byte) seq;
            System.arraycopy(body, 0, sm, 6, body.length);
            session.deliverShortMessage("", ton(from), NumberingPlanIndicator.ISDN, SmscConfig.stripPlus(from),
                    ton(to), NumberingPlanIndicator.ISDN, SmscConfig.stripPlus(to), new ESMClass(0x40), (byte) 0,
                    (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO, sm);
        }
        return chunks.size();
    }

    private static TypeOfNumber ton(String addr) {
        return addr.startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN;
    }

    @Override
    public void close() {
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing listener: {}", e.toString());
        }
        for (SMPPServerSession s : List.copyOf(open)) {
            s.setTransactionTimer(500);
            s.unbindAndClose();
        }
        receipts.shutdownNow();
        bindWaiters.shutdownNow();
        try {
            acceptor.join(2_000);
            receipts.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("sandbox SMSC on port {} stopped", port());
    }

    // --- sessions and binds ---

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                open.add(session);
                bindWaiters.execute(() -> awaitBind(session));
            } catch (SocketException e) {
                if (running) {
                    LOG.warn("accept failed: {}", e.toString());
                }
                return;
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                LOG.warn("accept failed: {}", e.toString());
            }
        }
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(10_000);
            if (!config.systemId().equals(request.getSystemId())) {
                LOG.info("bind refused: unknown system_id {}", request.getSystemId());
                request.reject(SmppStatus.ESME_RINVSYSID);
                return;
            }
            if (!config.password().equals(request.getPassword())) {
                LOG.info("bind refused: wrong password for {}", request.getSystemId());
                request.reject(SmppStatus.ESME_RINVPASWD);
                return;
            }
            systemIds.put(session, request.getSystemId());
            session.setTransactionTimer(5_000);
            session.setEnquireLinkTimer(60_000);
            bound.put(session, request.getBindType()); // before the bind_resp: the ESME may act on it at once
            try {
                request.accept(SMSC_SYSTEM_ID, InterfaceVersion.IF_34);
            } catch (Exception e) {
                bound.remove(session);
                throw e;
            }
            LOG.info("bound {} as {} (session {})", request.getSystemId(), request.getBindType(), session.getSessionId());
        } catch (Exception e) {
            LOG.info("no bind on session {}: {}", session.getSessionId(), e.toString());
            session.close();
        }
    }

    private Optional<SMPPServerSession> receiverFor(String systemId) {
        List<SMPPServerSession> candidates = bound.entrySet().stream()
                .filter(e -> e.getValue() != BindType.BIND_TX)
                .map(Map.Entry::getKey)
                .filter(s -> systemId.equals(systemIds.get(s)) && s.getSessionState().isReceivable())
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(Math.floorMod(roundRobin.getAndIncrement(), candidates.size())));
    }

    // --- submit_sm ---

    private SubmitSmResult onSubmit(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            return handleSubmit(submit, source);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The most submit_sm this SMSC was handling at the same moment (an ESME with a window sends many). */
    public int maxConcurrentSubmits() {
        return maxInFlight.get();
    }

    private SubmitSmResult handleSubmit(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
        String systemId = systemIds.get(source);
        Instant now = Instant.now();
        Decoded d = decode(submit);
        Optional<SmscConfig.Rule> rule = config.ruleFor(submit.getDestAddress());
        int status = SmppStatus.ESME_ROK;
        if (submit.getDestAddress() == null || submit.getDestAddress().isBlank()) {
            status = SmppStatus.ESME_RINVDSTADR;
        } else if (!admit()) {
            status = SmppStatus.ESME_RTHROTTLED;
        } else if (rule.isPresent() && rule.get().submitStatus() != SmppStatus.ESME_ROK) {
            status = rule.get().submitStatus();
        }
        if (rule.isPresent() && !rule.get().responseDelay().isZero()) {
            sleep(rule.get().responseDelay());
        }
        if (!submitLatency.isZero()) {
            sleep(submitLatency);
        }
        String id = status == SmppStatus.ESME_ROK ? nextMessageId() : null;
        Submitted record = new Submitted(id, status, systemId, submit.getServiceType(), submit.getSourceAddrTon(),
                submit.getSourceAddrNpi(), submit.getSourceAddr(), submit.getDestAddrTon(), submit.getDestAddrNpi(),
                submit.getDestAddress(), submit.getEsmClass() & 0xFF, submit.getRegisteredDelivery() & 0xFF,
                submit.getDataCoding() & 0xFF, d.octets, d.udh, d.text, d.ref, d.total, d.seq,
                submit.getValidityPeriod(), now);
        synchronized (submitted) {
            submitted.addLast(record);
            if (submitted.size() > RETAIN) {
                submitted.removeFirst();
            }
        }
        if (status != SmppStatus.ESME_ROK) {
            LOG.info("submit_sm to {} refused with 0x{}", submit.getDestAddress(), Integer.toHexString(status));
            throw new ProcessRequestException("submit refused", status);
        }
        LOG.debug("submit_sm {} accepted: {}", id, record);
        states.put(id, MessageState.ENROUTE);
        String stat = rule.map(SmscConfig.Rule::stat).orElse(null);
        String err = rule.map(SmscConfig.Rule::err).orElse("000");
        if (stat == null) {
            double draw = java.util.concurrent.ThreadLocalRandom.current().nextDouble();
            if (draw < undeliveredRatio) {
                stat = "UNDELIV";
                err = "001";
            } else if (draw < undeliveredRatio + expiredRatio) {
                stat = "EXPIRED";
            } else {
                stat = "DELIVRD";
            }
        }
        boolean wanted = switch (submit.getRegisteredDelivery() & 0x03) {
            case 0 -> false;
            case 2 -> ReceiptStates.isFailure(stat);
            default -> true;
        };
        if (wanted && rule.map(SmscConfig.Rule::sendReceipt).orElse(true)) {
            awaitingResp.put(id, new PendingReceipt(systemId, id, submit, d.text, stat, err, now,
                    now.plus(RECEIPT_RETENTION), source));
        } else {
            states.put(id, MessageState.valueOf((byte) ReceiptStates.messageState(stat)));
        }
        int dropEvery = dropEverySubmits;
        if (dropEvery > 0 && submitCount.incrementAndGet() % dropEvery == 0) {
            LOG.info("dropping every connection after submit {} (accepted, never answered)", id);
            awaitingResp.remove(id);
            dropConnections();
            throw new ProcessRequestException("connection dropped", SmppStatus.ESME_RSYSERR);
        }
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("bad message id", SmppStatus.ESME_RSYSERR, e);
        }
    }

    /** Sliding one-second window over accepted submits. */
    private boolean admit() {
        int max = config.maxSubmitsPerSecond();
        if (max <= 0) {
            return true;
        }
        long now = System.nanoTime();
        synchronized (window) {
            while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
                window.pollFirst();
            }
            if (window.size() >= max) {
                return false;
            }
            window.addLast(now);
            return true;
        }
    }

    private String nextMessageId() {
        return String.format("%010X", nextId.incrementAndGet() & 0xFFFFFFFFFFL);
    }

    record Decoded(byte[] octets, byte[] udh, String text, Integer ref, Integer total, Integer seq) {
    }

    static Decoded decode(MessageRequest m) {
        byte[] octets = m.getShortMessage() == null ? new byte[0] : m.getShortMessage();
        if (octets.length == 0) {
            OptionalParameter payload = m.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            if (payload instanceof OptionalParameter.OctetString os) {
                octets = os.getValue();
            }
        }
        byte[] udh = null;
        byte[] body = octets;
        Integer ref = null;
        Integer total = null;
        Integer seq = null;
        if ((m.getEsmClass() & 0x40) != 0 && octets.length > 0) {
            int udhl = octets[0] & 0xFF;
            int end = Math.min(octets.length, 1 + udhl);
            udh = Arrays.copyOfRange(octets, 0, end);
            body = Arrays.copyOfRange(octets, end, octets.length);
            for (int i = 1; i + 1 < end;) {
                int iei = udh[i] & 0xFF;
                int len = udh[i + 1] & 0xFF;
                if (i + 2 + len > end) {
                    break;
                }
                if (iei == 0x00 && len == 3) {
                    ref = udh[i + 2] & 0xFF;
                    total = udh[i + 3] & 0xFF;
                    seq = udh[i + 4] & 0xFF;
                } else if (iei == 0x08 && len == 4) {
                    ref = ((udh[i + 2] & 0xFF) << 8) | (udh[i + 3] & 0xFF);
                    total = udh[i + 4] & 0xFF;
                    seq = udh[i + 5] & 0xFF;
                }
                i += 2 + len;
            }
        } else {
            OptionalParameter r = m.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM);
            OptionalParameter t = m.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS);
            OptionalParameter s = m.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM);
            if (r instanceof OptionalParameter.Short rs && t instanceof OptionalParameter.Byte tb
                    && s instanceof OptionalParameter.Byte sb) {
                ref = rs.getValue() & 0xFFFF;
                total = tb.getValue() & 0xFF;
                seq = sb.getValue() & 0xFF;
            }
        }
        return new Decoded(octets, udh, text(m.getDataCoding() & 0xFF, body), ref, total, seq);
    }

    /** Text for the alphabets the SMSC understands; null for binary data. */
    static String text(int dataCoding, byte[] body) {
        if (dataCoding == 0x00 || (dataCoding & 0xF4) == 0xF0) {
            return Gsm0338.decode(body);
        }
        return switch (dataCoding) {
            case 0x01 -> new String(body, StandardCharsets.US_ASCII);
            case 0x03 -> new String(body, StandardCharsets.ISO_8859_1);
            case 0x08 -> new String(body, StandardCharsets.UTF_16BE);
            default -> null;
        };
    }

    // --- delivery receipts ---

    /** {@code origin}: the session the message was submitted on, which gets its receipt while it can receive. */
    private record PendingReceipt(String systemId, String messageId, SubmitSm submit, String text, String stat,
            String err, Instant submittedAt, Instant giveUpAt, SMPPServerSession origin) {
    }

    private final class RespSent extends ServerResponseDeliveryAdapter {
        @Override
        public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
            PendingReceipt receipt = awaitingResp.remove(result.getMessageId());
            if (receipt != null && running) {
                schedule(receipt, config.receiptDelay().toMillis(), 1_000);
            }
        }

        @Override
        public void onSubmitSmRespError(SubmitSmResult result, Exception e, SMPPServerSession source) {
            awaitingResp.remove(result.getMessageId());
        }
    }

    private void schedule(PendingReceipt receipt, long delayMs, long nextBackoffMs) {
        try {
            receipts.schedule(() -> sendReceipt(receipt, nextBackoffMs), delayMs, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.debug("receipt for {} not scheduled: {}", receipt.messageId(), e.toString());
        }
    }

    private void sendReceipt(PendingReceipt r, long backoffMs) {
        if (!running) {
            return;
        }
        // like most SMSCs: the receipt goes back on the transceiver bind that submitted the message while it is
        // bound; otherwise to any receiving bind of the account (round robin). Without this, a second system bound
        // with the same account (Kannel beside the relay in bench/gateway) would get half of the other's receipts.
        SMPPServerSession origin = r.origin();
        Optional<SMPPServerSession> target = origin != null && bound.get(origin) == BindType.BIND_TRX
                && origin.getSessionState().isReceivable() ? Optional.of(origin) : receiverFor(r.systemId());
        if (target.isEmpty()) {
            retry(r, backoffMs, "no receiver bound");
            return;
        }
        SubmitSm s = r.submit();
        int state = ReceiptStates.messageState(r.stat());
        boolean delivered = state == 2;
        ReceiptFormat format = receiptFormat;
        String quotedId = format == ReceiptFormat.TEXT_DECIMAL_ID
                ? new java.math.BigInteger(r.messageId(), 16).toString(10) : r.messageId();
        String body = ReceiptText.format(quotedId, 1, delivered ? 1 : 0, r.submittedAt(), Instant.now(), r.stat(),
                r.err(), r.text());
        OptionalParameter[] tlvs = format == ReceiptFormat.TEXT_AND_TLV || format == ReceiptFormat.TLV_ONLY
                ? new OptionalParameter[] {new OptionalParameter.Receipted_message_id(r.messageId()),
                    new OptionalParameter.Message_state((byte) state)}
                : new OptionalParameter[0];
        byte[] sm = format == ReceiptFormat.TLV_ONLY ? new byte[0] : body.getBytes(StandardCharsets.ISO_8859_1);
        try {
            target.get().deliverShortMessage("",
                    TypeOfNumber.valueOf(s.getDestAddrTon()), NumberingPlanIndicator.valueOf(s.getDestAddrNpi()),
                    s.getDestAddress(),
                    TypeOfNumber.valueOf(s.getSourceAddrTon()), NumberingPlanIndicator.valueOf(s.getSourceAddrNpi()),
                    s.getSourceAddr(),
                    new ESMClass(0x04), (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    sm, tlvs);
            states.put(r.messageId(), MessageState.valueOf((byte) state));
            LOG.debug("receipt sent: {}", body);
        } catch (Exception e) {
            retry(r, backoffMs, e.toString());
        }
    }

    private void retry(PendingReceipt r, long backoffMs, String why) {
        if (Instant.now().isAfter(r.giveUpAt())) {
            LOG.warn("receipt for {} dropped after {}: {}", r.messageId(), RECEIPT_RETENTION, why);
            return;
        }
        LOG.debug("receipt for {} retried in {} ms: {}", r.messageId(), backoffMs, why);
        schedule(r, backoffMs, Math.min(backoffMs * 2, RECEIPT_RETRY_MAX_MS));
    }

    // --- jSMPP callbacks ---

    private final class Handler implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            return onSubmit(submitSm, source);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            MessageState state = states.get(querySm.getMessageId());
            if (state == null) {
                throw new ProcessRequestException("unknown message id", 0x00000067); // ESME_RQUERYFAIL
            }
            return new QuerySmResult("", state, (byte) 0);
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw unsupported();
        }

        private ProcessRequestException unsupported() {
            return new ProcessRequestException("not supported by the sandbox SMSC", SmppStatus.ESME_RINVCMDID);
        }
    }

    /** Hands jSMPP the server socket we bound ourselves, so port 0 works and {@link #port()} is known. */
    private static final class ExistingSocket implements ServerConnectionFactory {
        private final ServerSocket socket;

        ExistingSocket(ServerSocket socket) {
            this.socket = socket;
        }

        @Override
        public ServerConnection listen(int port) {
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            socket.setSoTimeout(timeout);
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            return listen(port, timeout);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
