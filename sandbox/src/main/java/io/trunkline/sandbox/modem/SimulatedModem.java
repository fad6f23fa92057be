package io.trunkline.sandbox.modem;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GSM modem behind a pseudo-terminal, speaking 3GPP TS 27.007/27.005 in PDU mode the way real modems do: echo until
 * ATE0, {@code +CME ERROR}/{@code +CMS ERROR} codes, PIN lock, registration, {@code AT+CMGS=<len>} with the
 * {@code "> "} prompt and a realistic send time, {@code +CMGS: <mr>}, status reports ({@code +CDS} or stored with
 * {@code +CDSI}) after a delay, a SIM store with {@code +CMTI}, {@code AT+CMGR/CMGL/CMGD}, and faults: unplugged
 * (silent), no SIM, not registered, CMS errors by destination, vendor codes in the middle of a command.
 */
public final class SimulatedModem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedModem.class);
    private static final int STORE_SIZE = 30;
    private static final Pattern CMGS = Pattern.compile("AT\\+CMGS=(\\d+)", Pattern.CASE_INSENSITIVE);

    /** A message the modem handed to the network. */
    public record Submitted(String modem, Instant at, ModemPdu.Submit submit) {
        public int messageReference() {
            return submit.messageReference();
        }
    }

    /** What the modem does with the next AT+CMGS. */
    public enum SendFault {
        NONE,
        /** Goes silent on receiving AT+CMGS (no prompt): nothing was sent, as if unplugged right then. */
        SILENT_AT_COMMAND,
        /** Goes silent after the PDU arrived, without sending it: the host cannot know whether it left. */
        SILENT_AFTER_PDU
    }

    private record Stored(int stat, String pdu) {
    }

    private final ModemConfig config;
    private final InputStream in;
    private final OutputStream out;
    private final Thread reader;
    private final ExecutorService cpu;
    private final ScheduledExecutorService network;
    private final Map<Integer, Stored> store = new TreeMap<>();
    private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextMr = new AtomicInteger(1);
    private final AtomicInteger nextConcatRef = new AtomicInteger(1);
    private volatile boolean closed;
    private volatile boolean plugged = true;
    private volatile boolean echo = true;
    private volatile int cmee;
    private volatile boolean pinEntered;
    private volatile boolean simInserted;
    private volatile boolean registered;
    private volatile int cnmiMt;
    private volatile int cnmiDs;
    private volatile boolean pduMode;
    private volatile Duration sendDelay;
    private volatile SendFault nextSendFault = SendFault.NONE;
    private volatile int awaitingPduLength = -1;

    private SimulatedModem(ModemConfig config, InputStream in, OutputStream out) {
        this.config = config;
        this.in = in;
        this.out = out;
        this.pinEntered = config.pin() == null;
        this.simInserted = config.simInserted();
        this.registered = config.registered();
        this.sendDelay = config.sendDelay();
        this.cpu = Executors.newSingleThreadExecutor(r -> daemon(r, "modem-" + config.name() + "-cpu"));
        this.network = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "modem-" + config.name() + "-net"));
        this.reader = daemon(this::readLoop, "modem-" + config.name() + "-rx");
    }

    /** Opens the modem side of a pty pair and starts answering. */
    public static SimulatedModem start(ModemConfig config, Path device) throws IOException {
        SimulatedModem m = new SimulatedModem(config, new FileInputStream(device.toFile()),
                new FileOutputStream(device.toFile()));
        m.reader.start();
        LOG.info("modem {} ({}) on {}", config.name(), config.simNumber(), device);
        return m;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public ModemConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ test and HTTP controls

    /** Messages handed to the network, in order. */
    public List<Submitted> submitted() {
        return List.copyOf(submitted);
    }

    /** Command lines received (without CR), in order; PDUs after the prompt appear as {@code <pdu>}. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    public int storedCount() {
        synchronized (store) {
            return store.size();
        }
    }

    /** Stops answering anything (and sending indications), as an unplugged or hung modem. */
    public void unplug() {
        plugged = false;
        LOG.info("modem {} unplugged", config.name());
    }

    /** Answers again; like a modem after a power cycle, echo is back on and the PIN must be entered again. */
    public void plug() {
        echo = true;
        pinEntered = config.pin() == null;
        awaitingPduLength = -1;
        plugged = true;
        LOG.info("modem {} plugged in", config.name());
    }

    public boolean plugged() {
        return plugged;
    }

    public void failNextSend(SendFault fault) {
        nextSendFault = fault;
    }

    public void setRegistered(boolean reg) {
        registered = reg;
    }

    public void setSimInserted(boolean inserted) {
        simInserted = inserted;
    }

    public void setSendDelay(Duration d) {
        sendDelay = d;
    }

    /** A message from a handset: stored on the SIM (several parts if long), {@code +CMTI} for each part. */
    public List<String> receive(String from, String text) {
        List<String> pdus = ModemPdu.deliver(config.smsc(), from, text, nextConcatRef.getAndIncrement() & 0xFF,
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
        receivePdus(pdus);
        return pdus;
    }

    /** Builds the SMS-DELIVER PDUs of a message without storing them (a test can shuffle them). */
    public List<String> deliverPdus(String from, String text) {
        return ModemPdu.deliver(config.smsc(), from, text, nextConcatRef.getAndIncrement() & 0xFF,
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
    }

    /** Stores each PDU and indicates it with {@code +CMTI: "SM",<index>} (when AT+CNMI asked for that). */
    public void receivePdus(List<String> pdus) {
        for (String pdu : pdus) {
            int index = storeMessage(0, pdu);
            if (index >= 0 && cnmiMt == 1) {
                urc("+CMTI: \"SM\"," + index);
            } else if (index >= 0 && cnmiMt >= 2 && pduMode) {
                synchronized (store) {
                    store.remove(index);
                }
                urc("+CMT: ," + ModemPdu.tpduLength(ModemPdu.hex(pdu)) + "\r\n" + pdu);
            }
        }
    }

    /** Puts a PDU on the SIM without an indication (a message that arrived while nobody listened). */
    public int storeMessage(int stat, String pdu) {
        synchronized (store) {
            for (int i = 1; i <= STORE_SIZE; i++) {
                if (!store.containsKey(i)) {
                    store.put(i, new Stored(stat, pdu));
                    return i;
                }
            }
        }
        LOG.warn("modem {}: SIM store full, message lost", config.name());
        return -1;
    }

    // ------------------------------------------------------------------ wire

    private void readLoop() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        try {
            while (!closed) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    if (!plugged) {
                        line.reset();
                        continue;
                    }
                    if (awaitingPduLength >= 0) {
                        if (b == 0x1A || b == 0x1B) {
                            String pdu = line.toString(StandardCharsets.ISO_8859_1).trim();
                            line.reset();
                            int len = awaitingPduLength;
                            awaitingPduLength = -1;
                            boolean send = b == 0x1A;
                            cpu.execute(() -> pduReceived(pdu, len, send));
                        } else if (b != '\r' && b != '\n') {
                            line.write(b);
                        }
                        continue;
                    }
                    if (b == '\r') {
                        String cmd = line.toString(StandardCharsets.ISO_8859_1).trim();
                        line.reset();
                        if (!cmd.isEmpty()) {
                            if (echo) {
                                write(cmd + "\r");
                            }
                            if (CMGS.matcher(cmd).matches()) {
                                // the prompt must wait for nothing but this command: decide it on the reader thread
                                startCmgs(cmd);
                            } else {
                                cpu.execute(() -> command(cmd));
                            }
                        }
                    } else if (b != '\n') {
                        line.write(b);
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.info("modem {}: device closed ({})", config.name(), e.getMessage());
            }
        }
    }

    private void write(String s) {
        if (!plugged || closed) {
            return;
        }
        synchronized (out) {
            try {
                out.write(s.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                LOG.debug("modem {}: write failed: {}", config.name(), e.getMessage());
            }
        }
    }

    private void respond(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append("\r\n").append(l).append("\r\n");
        }
        write(sb.toString());
    }

    private void urc(String line) {
        respond(line);
    }

    private void cmeError(int code) {
        respond(cmee == 0 ? "ERROR" : "+CME ERROR: " + code);
    }

    private void cmsError(int code) {
        respond("+CMS ERROR: " + code);
    }

    /** SIM state check for SMS commands: true when the command may go on. */
    private boolean smsReady() {
        if (!simInserted) {
            cmsError(310);
            return false;
        }
        if (!pinEntered) {
            cmsError(311);
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ commands

    private void command(String cmd) {
        commands.add(cmd);
        if (!plugged) {
            return;
        }
        String u = cmd.toUpperCase();
        if (u.equals("AT")) {
            respond("OK");
        } else if (u.equals("ATE0") || u.equals("ATE1") || u.equals("ATE")) {
            echo = u.equals("ATE1");
            respond("OK");
        } else if (u.startsWith("AT+CMEE=")) {
            cmee = Integer.parseInt(u.substring(8).trim());
            respond("OK");
        } else if (u.equals("AT+CPIN?")) {
            if (!simInserted) {
                cmeError(10);
            } else {
                respond(pinEntered ? "+CPIN: READY" : "+CPIN: SIM PIN", "OK");
            }
        } else if (u.startsWith("AT+CPIN=")) {
            String pin = cmd.substring(8).replace("\"", "").trim();
            if (!simInserted) {
                cmeError(10);
            } else if (pinEntered) {
                respond("OK");
            } else if (pin.equals(config.pin())) {
                pinEntered = true;
                respond("OK");
            } else {
                cmeError(16); // incorrect password
            }
        } else if (u.equals("AT+CSQ")) {
            respond("+CSQ: " + (simInserted ? config.signal() : 99) + ",99", "OK");
        } else if (u.equals("AT+CREG?")) {
            int stat = simInserted && pinEntered ? (registered ? 1 : 2) : 0;
            respond("+CREG: 0," + stat, "OK");
        } else if (u.startsWith("AT+CREG=")) {
            respond("OK");
        } else if (u.equals("AT+CGMI") || u.equals("AT+GMI")) {
            respond("Trunkline", "OK");
        } else if (u.equals("AT+CGMM") || u.equals("AT+GMM")) {
            respond("Simulated 27.005 modem", "OK");
        } else if (u.equals("AT+CIMI")) {
            if (smsReady()) {
                respond("50501" + config.simNumber().replaceAll("\\D", "").substring(2), "OK");
            }
        } else if (u.startsWith("AT+CMGF=")) {
            if (smsReady()) {
                pduMode = u.endsWith("0");
                respond("OK");
            }
        } else if (u.equals("AT+CMGF?")) {
            respond("+CMGF: " + (pduMode ? 0 : 1), "OK");
        } else if (u.startsWith("AT+CSMS=")) {
            respond("+CSMS: 1,1,1", "OK");
        } else if (u.startsWith("AT+CNMA")) {
            respond("OK");
        } else if (u.startsWith("AT+CNMI=")) {
            if (smsReady()) {
                String[] f = u.substring(8).split(",");
                cnmiMt = f.length > 1 && !f[1].isBlank() ? Integer.parseInt(f[1].trim()) : 0;
                cnmiDs = f.length > 3 && !f[3].isBlank() ? Integer.parseInt(f[3].trim()) : 0;
                respond("OK");
            }
        } else if (u.equals("AT+CSCA?")) {
            if (smsReady()) {
                respond("+CSCA: \"" + config.smsc() + "\"," + (config.smsc().startsWith("+") ? 145 : 129), "OK");
            }
        } else if (u.startsWith("AT+CSCA=")) {
            if (smsReady()) {
                respond("OK");
            }
        } else if (u.startsWith("AT+CPMS")) {
            if (smsReady()) {
                int used;
                synchronized (store) {
                    used = store.size();
                }
                respond("+CPMS: " + used + "," + STORE_SIZE + "," + used + "," + STORE_SIZE + "," + used + ","
                        + STORE_SIZE, "OK");
            }
        } else if (u.startsWith("AT+CMGR=")) {
            if (smsReady()) {
                read(Integer.parseInt(u.substring(8).trim()));
            }
        } else if (u.startsWith("AT+CMGL")) {
            if (smsReady()) {
                list(u.contains("=") ? u.substring(u.indexOf('=') + 1).trim() : "4");
            }
        } else if (u.startsWith("AT+CMGD=")) {
            if (smsReady()) {
                String[] f = u.substring(8).split(",");
                delete(Integer.parseInt(f[0].trim()), f.length > 1 ? Integer.parseInt(f[1].trim()) : 0);
            }
        } else {
            respond("ERROR");
        }
    }

    private void read(int index) {
        if (!pduMode) {
            respond("+CMS ERROR: 302");
            return;
        }
        Stored s;
        synchronized (store) {
            s = store.get(index);
            if (s != null && s.stat == 0) {
                store.put(index, new Stored(1, s.pdu));
            }
        }
        if (s == null) {
            cmsError(321);
            return;
        }
        respond("+CMGR: " + s.stat + ",," + ModemPdu.tpduLength(ModemPdu.hex(s.pdu)), s.pdu, "OK");
    }

    private void list(String arg) {
        if (!pduMode || arg.startsWith("\"")) {
            respond("ERROR"); // text-mode list argument in PDU mode
            return;
        }
        int which = Integer.parseInt(arg);
        List<String> lines = new ArrayList<>();
        synchronized (store) {
            for (Map.Entry<Integer, Stored> e : store.entrySet()) {
                Stored s = e.getValue();
                if (which == 4 || which == s.stat) {
                    lines.add("+CMGL: " + e.getKey() + "," + s.stat + ",," + ModemPdu.tpduLength(ModemPdu.hex(s.pdu)));
                    lines.add(s.pdu);
                    if (s.stat == 0) {
                        e.setValue(new Stored(1, s.pdu));
                    }
                }
            }
        }
        lines.add("OK");
        respond(lines.toArray(String[]::new));
    }

    private void delete(int index, int flag) {
        synchronized (store) {
            switch (flag) {
                case 0 -> store.remove(index);
                case 1 -> store.values().removeIf(s -> s.stat == 1);
                default -> store.clear();
            }
        }
        respond("OK");
    }

    // ------------------------------------------------------------------ sending

    private void startCmgs(String cmd) {
        commands.add(cmd);
        SendFault fault = nextSendFault;
        if (fault == SendFault.SILENT_AT_COMMAND) {
            nextSendFault = SendFault.NONE;
            unplug();
            return;
        }
        if (!simInserted) {
            cmsError(310);
            return;
        }
        if (!pinEntered) {
            cmsError(311);
            return;
        }
        if (!pduMode) {
            cmsError(302);
            return;
        }
        Matcher m = CMGS.matcher(cmd);
        m.matches();
        awaitingPduLength = Integer.parseInt(m.group(1));
        if (config.vendorChatter()) {
            respond("+ZDONR: \"METEOR\",272,3,\"CS_ONLY\",\"ROAM_OFF\"", "+ZPASR: \"UMTS\"");
        }
        write("\r\n> ");
    }

    private void pduReceived(String pduHex, int announced, boolean send) {
        commands.add("<pdu>");
        if (!send) {
            respond("OK"); // ESC: sending cancelled
            return;
        }
        if (nextSendFault == SendFault.SILENT_AFTER_PDU) {
            nextSendFault = SendFault.NONE;
            unplug();
            return;
        }
        try {
            Thread.sleep(sendDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!plugged) {
            return; // unplugged while sending: the message never left
        }
        ModemPdu.Submit submit;
        try {
            byte[] b = ModemPdu.hex(pduHex);
            if (ModemPdu.tpduLength(b) != announced) {
                cmsError(304);
                return;
            }
            submit = ModemPdu.parseSubmit(pduHex);
        } catch (RuntimeException e) {
            cmsError(304); // invalid PDU mode parameter
            return;
        }
        if (!registered) {
            cmsError(331);
            return;
        }
        ModemConfig.Rule rule = config.rules().stream().filter(r -> submit.destination().startsWith(r.prefix()))
                .findFirst().orElse(null);
        if (rule != null && rule.outcome() == ModemConfig.Rule.Outcome.CMS_ERROR) {
            cmsError(rule.code());
            return;
        }
        int mr = nextMr.getAndUpdate(x -> (x + 1) & 0xFF);
        Submitted s = new Submitted(config.name(), Instant.now(),
                new ModemPdu.Submit(pduHex, mr, submit.destination(), submit.statusReportRequest(), submit.dcs(),
                        submit.text(), submit.concatRef(), submit.concatTotal(), submit.concatSeq()));
        submitted.add(s);
        if (config.vendorChatter()) {
            respond("+ZDONR: \"METEOR\",272,3,\"CS_PS\",\"ROAM_OFF\"", "+ZPASR: \"UMTS\"");
        }
        respond("+CMGS: " + mr, "OK");
        if (submit.statusReportRequest() && cnmiDs > 0) {
            int status = rule != null ? rule.code() : 0x00;
            OffsetDateTime sent = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
            network.schedule(() -> statusReport(mr, submit.destination(), sent, status),
                    config.reportDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void statusReport(int mr, String recipient, OffsetDateTime sent, int status) {
        if (!plugged) {
            return;
        }
        String pdu = ModemPdu.statusReport(config.smsc(), mr, recipient, sent,
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0), status);
        if (cnmiDs == 1) {
            urc("+CDS: " + ModemPdu.tpduLength(ModemPdu.hex(pdu)) + "\r\n" + pdu);
        } else {
            int index = storeMessage(0, pdu);
            if (index >= 0) {
                urc("+CDSI: \"SM\"," + index);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        plugged = false;
        cpu.shutdownNow();
        network.shutdownNow();
        try {
            out.close();
        } catch (IOException ignored) {
            // closing
        }
        // the reader ends when the pty goes away (socat stopped): a blocked read on a pty is not interrupted by close
    }
}
