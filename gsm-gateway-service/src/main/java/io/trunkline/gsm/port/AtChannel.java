package io.trunkline.gsm.port;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fazecast.jSerialComm.SerialPort;

import io.trunkline.gsm.at.AtParser;
import io.trunkline.gsm.at.AtResponse;
import io.trunkline.gsm.at.FinalResult;
import io.trunkline.gsm.at.Unsolicited;

/**
 * One serial port: a reader thread feeding the {@link AtParser}, and one command at a time written by the caller
 * (the port's driver thread). Unsolicited codes go to {@code urcSink} from the reader thread.
 */
final class AtChannel implements AtParser.Listener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AtChannel.class);

    /** How an AT+CMGS exchange ended. */
    enum CmgsStage {
        /** The modem answered before the prompt (an error): nothing was sent. */
        REFUSED_BEFORE_PROMPT,
        /** No prompt in time: nothing was sent. */
        NO_PROMPT,
        /** The PDU went to the modem and a final result came. */
        ANSWERED,
        /** The PDU went to the modem and no final result came: it may or may not have left. */
        NO_ANSWER
    }

    record CmgsResult(CmgsStage stage, AtResponse response) {
    }

    private final String name;
    private final SerialPort port;
    private final AtParser parser = new AtParser(this);
    private final Consumer<Unsolicited> urcSink;
    private final Thread reader;
    private volatile boolean open = true;
    private volatile boolean broken;

    // command state, guarded by this
    private List<String> lines = new ArrayList<>();
    private FinalResult result;
    private int code = -1;
    private boolean prompted;

    private AtChannel(String name, SerialPort port, Consumer<Unsolicited> urcSink) {
        this.name = name;
        this.port = port;
        this.urcSink = urcSink;
        this.reader = new Thread(this::readLoop, "gsm-" + name + "-rx");
        this.reader.setDaemon(true);
    }

    /** Opens the device (8N1, no flow control). */
    static AtChannel open(String name, String device, int baud, Consumer<Unsolicited> urcSink) {
        SerialPort sp = SerialPort.getCommPort(device);
        sp.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        sp.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        sp.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        // on a pseudo-terminal openPort() succeeds although getLastErrorCode() says ENOTTY (25): harmless
        if (!sp.openPort()) {
            throw new IllegalStateException("cannot open " + device + " (error " + sp.getLastErrorCode() + ")");
        }
        AtChannel c = new AtChannel(name, sp, urcSink);
        c.reader.start();
        return c;
    }

    boolean broken() {
        return broken || !open;
    }

    private void readLoop() {
        byte[] buf = new byte[1024];
        while (open) {
            int n = port.readBytes(buf, buf.length);
            if (n < 0) {
                if (open) {
                    LOG.warnf("port %s: read failed (error %d); the device is gone", name, port.getLastErrorCode());
                    broken = true;
                }
                return;
            }
            if (n > 0) {
                if (LOG.isTraceEnabled()) {
                    LOG.tracef("port %s << %s", name, new String(buf, 0, n, StandardCharsets.ISO_8859_1)
                            .replace("\r", "\\r").replace("\n", "\\n"));
                }
                try {
                    parser.feed(buf, n);
                } catch (RuntimeException e) {
                    LOG.warnf("port %s: unreadable line from the modem: %s", name, e.getMessage());
                }
            }
        }
    }

    private void write(String s) {
        write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void write(byte[] b) {
        LOG.tracef("port %s >> %s", name, new String(b, StandardCharsets.ISO_8859_1).replace("\r", "\\r"));
        int n = port.writeBytes(b, b.length);
        if (n != b.length) {
            broken = true;
            LOG.warnf("port %s: wrote %d of %d bytes; the device is gone", name, n, b.length);
        }
    }

    private synchronized void begin(String cmd) {
        lines = new ArrayList<>();
        result = null;
        code = -1;
        prompted = false;
        parser.commandSent(cmd);
    }

    /** Sends a command and waits for its final result. */
    AtResponse command(String cmd, Duration timeout) throws PortTimeoutException {
        begin(cmd);
        write(cmd + "\r");
        return await(cmd, timeout);
    }

    private AtResponse await(String what, Duration timeout) throws PortTimeoutException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (result == null) {
                long left = end - System.nanoTime();
                if (left <= 0 || broken()) {
                    parser.commandAbandoned();
                    throw new PortTimeoutException(what + ": no answer in " + timeout.toMillis() + " ms");
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    parser.commandAbandoned();
                    throw new PortTimeoutException(what + ": interrupted");
                }
            }
            return new AtResponse(List.copyOf(lines), result, code);
        }
    }

    /**
     * {@code AT+CMGS=<length>}, the prompt, then the PDU and Ctrl-Z (TS 27.005 3.5.1). {@code onWire} runs just
     * before the PDU is written, so the caller can record that it may leave.
     */
    CmgsResult cmgs(int tpduLength, String pdu, Duration promptTimeout, Duration sendTimeout, Runnable onWire) {
        String cmd = "AT+CMGS=" + tpduLength;
        begin(cmd);
        write(cmd + "\r");
        long end = System.nanoTime() + promptTimeout.toNanos();
        synchronized (this) {
            while (!prompted && result == null) {
                long left = end - System.nanoTime();
                if (left <= 0 || broken()) {
                    parser.commandAbandoned();
                    return new CmgsResult(CmgsStage.NO_PROMPT, null);
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    parser.commandAbandoned();
                    write(new byte[] {0x1B});
                    return new CmgsResult(CmgsStage.NO_PROMPT, null);
                }
            }
            if (result != null) {
                return new CmgsResult(CmgsStage.REFUSED_BEFORE_PROMPT, new AtResponse(List.copyOf(lines), result, code));
            }
        }
        onWire.run();
        write(pdu + "\u001A");
        try {
            return new CmgsResult(CmgsStage.ANSWERED, await(cmd, sendTimeout));
        } catch (PortTimeoutException e) {
            return new CmgsResult(CmgsStage.NO_ANSWER, null);
        }
    }

    @Override
    public synchronized void info(String line) {
        lines.add(line);
    }

    @Override
    public synchronized void finalResult(FinalResult r, int c) {
        result = r;
        code = c;
        notifyAll();
    }

    @Override
    public synchronized void prompt() {
        prompted = true;
        notifyAll();
    }

    @Override
    public void unsolicited(Unsolicited u) {
        urcSink.accept(u);
    }

    @Override
    public void close() {
        open = false;
        port.closePort();
        synchronized (this) {
            notifyAll();
        }
    }
}
