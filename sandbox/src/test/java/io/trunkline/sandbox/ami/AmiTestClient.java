package io.trunkline.sandbox.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A raw-socket AMI client for tests: writes actions as text, collects every message it receives. */
final class AmiTestClient implements AutoCloseable {
    final Socket socket;
    final String banner;
    private final OutputStream out;
    private final LinkedBlockingQueue<AmiMessage> inbox = new LinkedBlockingQueue<>();
    final List<AmiMessage> seen = new ArrayList<>();

    AmiTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        banner = in.readLine();
        Thread t = new Thread(() -> {
            try {
                AmiMessage m;
                while ((m = AmiMessage.read(in)) != null) {
                    inbox.add(m);
                }
            } catch (IOException e) {
                // closed
            }
        }, "ami-test-client");
        t.setDaemon(true);
        t.start();
    }

    void send(String... lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append("\r\n");
        }
        out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next message matching, keeping every one read on the way in {@link #seen}. */
    AmiMessage await(Predicate<AmiMessage> p, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < until) {
            AmiMessage m = inbox.poll(50, TimeUnit.MILLISECONDS);
            if (m != null) {
                seen.add(m);
                if (p.test(m)) {
                    return m;
                }
            }
        }
        throw new AssertionError("no matching message within " + max + "; seen " + seen);
    }

    AmiMessage response(String actionId) throws InterruptedException {
        return await(m -> m.get("Response") != null && m.get("Event") == null
                && actionId.equals(m.get("ActionID")), Duration.ofSeconds(5));
    }

    void login(String user, String secret) throws Exception {
        send("Action: Login", "Username: " + user, "Secret: " + secret, "ActionID: login");
        AmiMessage r = response("login");
        if (!"Success".equals(r.get("Response"))) {
            throw new AssertionError("login failed: " + r);
        }
    }

    /** The events seen (and still to come within max) until one matches, names only. */
    List<String> eventNamesUntil(Predicate<AmiMessage> last, Duration max) throws InterruptedException {
        int from = seen.size();
        await(last, max);
        List<String> names = new ArrayList<>();
        for (AmiMessage m : seen.subList(from, seen.size())) {
            if (m.get("Event") != null) {
                names.add(m.get("Event"));
            }
        }
        return names;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
