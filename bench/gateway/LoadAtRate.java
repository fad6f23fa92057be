import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load at a fixed rate through a fixed pool of keep-alive connections, as wrk2 does (wrk keeps its
 * connections busy instead, which measures capacity, not latency at a given load). Request i is due at
 * start + i / rate; a connection takes the next due request, waits for its time, sends it and reads the answer.
 * Latency is measured from the due time, so when every connection is busy the wait for one counts (no coordinated
 * omission), but the client never opens more connections than a real client's pool would. (The JDK HttpClient opened
 * one connection per outstanding request: 15,000 of them once answers slowed, and the test measured that.)
 *
 * java LoadAtRate.java RATE SECONDS URL [json-body-or-"-" [bearer-key [connections]]]   (GET when the body is "-")
 */
public class LoadAtRate {
    static final int TIMEOUT_MS = 30_000;

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        URI uri = URI.create(args[2]);
        String body = args.length > 3 && !args[3].equals("-") ? args[3] : null;
        String key = args.length > 4 && !args[4].isEmpty() ? args[4] : null;
        int connections = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        byte[] request = request(uri, body, key);
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong reconnects = new AtomicLong();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 200_000_000L; // every connection is open before the first is due
        Thread[] workers = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            workers[c] = new Thread(() -> {
                Socket socket = null;
                InputStream in = null;
                OutputStream out = null;
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    long due = start + i * intervalNanos;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        if (wait > 200_000) {
                            sleep(wait);
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                    int status;
                    boolean reconnect;
                    try {
                        if (socket == null) {
                            socket = new Socket();
                            socket.setTcpNoDelay(true);
                            socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), 5_000);
                            socket.setSoTimeout(TIMEOUT_MS);
                            in = new BufferedInputStream(socket.getInputStream(), 16384);
                            out = socket.getOutputStream();
                        }
                        out.write(request);
                        out.flush();
                        int answered = readResponse(in);
                        status = Math.abs(answered);
                        reconnect = answered <= 0;
                    } catch (IOException | RuntimeException e) {
                        status = 0;
                        reconnect = true;
                    }
                    latencies[i] = System.nanoTime() - due;
                    if (status / 100 == 2) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    if (reconnect) { // closed, broken or timed out: a fresh connection for the next request
                        close(socket);
                        socket = null;
                        reconnects.incrementAndGet();
                    }
                }
                close(socket);
            }, "load-" + c);
            workers[c].start();
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("rate %d/s for %d s over %d connections: %d accepted, %d failed, %.0f accepted/s; latency "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d reconnects)%n", rate, seconds, connections, ok.get(),
                failed.get(), ok.get() / elapsed, pct(sorted, 50), pct(sorted, 99), sorted[sorted.length - 1] / 1e6,
                reconnects.get());
    }

    static byte[] request(URI uri, String body, String key) {
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder();
        head.append(body == null ? "GET " : "POST ").append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getHost()).append(':').append(port(uri)).append("\r\n");
        if (key != null) {
            head.append("Authorization: Bearer ").append(key).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + content.length);
        System.arraycopy(content, 0, all, h.length, content.length);
        return all;
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked body) and answers its status; 0 if the peer closed. */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return 0;
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0"); // unless it says keep-alive
        String h;
        while ((h = line(in)) != null && !h.isEmpty()) {
            String lower = h.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:")) {
                close = lower.contains("close") || (close && !lower.contains("keep-alive"));
            }
        }
        if (chunked) {
            long size;
            while ((size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        }
        return close ? -status : status; // negative: answered, then the server closes the connection
    }

    static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() == -1) {
                    throw new IOException("closed in the body");
                }
                s = 1;
            }
            n -= s;
        }
    }

    static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 80;
    }

    static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static void close(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
