package io.trunkline.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A carrier's HTTP API on the JDK's HTTP server, on a free port:
 * <ul>
 * <li>{@code GET /api?mode=sendsms&...}: the paper's API; answers {@code OK PAPER-<n>}, {@code ERR 105 invalid
 * number} for numbers starting 61420999, and 503 once for numbers starting 61420503;</li>
 * <li>{@code POST /v2/messages} (JSON, bearer {@code tok-123}): answers {@code {"id":"J-<n>","status":"queued"}}, 401
 * without the token.</li>
 * </ul>
 * {@link #down()} closes the port (connections refused, as a carrier that is down), {@link #up()} opens it again.
 */
public final class HttpCarrierStandIn implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
            String body) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> refusedOnce = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final String idPrefix;
    private volatile HttpServer server;
    private int port;
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "http-carrier-stand-in");
        t.setDaemon(true);
        return t;
    });

    public HttpCarrierStandIn() throws IOException {
        this("PAPER-");
    }

    /** @param idPrefix the paper API's message ids are this prefix and a number */
    public HttpCarrierStandIn(String idPrefix) throws IOException {
        this.idPrefix = idPrefix;
        up();
    }

    public int port() {
        return port;
    }

    /** Listens (again, on the same port after {@link #down()}). */
    public synchronized void up() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        s.setExecutor(executor);
        s.createContext("/api", this::paper);
        s.createContext("/v2/messages", this::json);
        s.start();
        port = s.getAddress().getPort();
        server = s;
    }

    /** Stops listening: requests are refused at connect. */
    public synchronized void down() {
        server.stop(0);
    }

    private Request record(HttpExchange x) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                String[] p = kv.split("=", 2);
                query.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request r = new Request(x.getRequestMethod(), x.getRequestURI().getPath(), query, headers, body);
        requests.add(r);
        return r;
    }

    private void paper(HttpExchange x) throws IOException {
        Request r = record(x);
        String to = r.query().getOrDefault("to", "");
        if (to.startsWith("61420999")) {
            answer(x, 200, "ERR 105 invalid number");
        } else if (to.startsWith("61420503") && refusedOnce.putIfAbsent(to, true) == null) {
            answer(x, 503, "busy, try later");
        } else {
            answer(x, 200, "OK " + idPrefix + ids.incrementAndGet());
        }
    }

    private void json(HttpExchange x) throws IOException {
        Request r = record(x);
        if (!"Bearer tok-123".equals(r.headers().get("authorization"))) {
            answer(x, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        answer(x, 202, "{\"id\":\"J-" + ids.incrementAndGet() + "\",\"status\":\"queued\"}");
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Override
    public void close() {
        try {
            server.stop(0);
        } catch (IllegalStateException alreadyStopped) {
            // down() stopped it
        }
        executor.shutdownNow();
    }
}
