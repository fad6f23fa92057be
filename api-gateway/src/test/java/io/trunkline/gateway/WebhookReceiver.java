package io.trunkline.gateway;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver of webhooks on a free port: records every request and answers as each path is told to
 * (200 by default; fail N times; always fail; hang until released).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private interface Behaviour {
        int answer(int nth) throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** Requests currently held by a hanging path. */
    final AtomicInteger hanging = new AtomicInteger();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        // one thread per request, so a hanging path never stops the others
        server.setExecutor(pool);
        server.start();
    }

    String url(String path) {
        return url("127.0.0.1", path);
    }

    /** A URL naming this receiver by {@code host}, which must resolve to 127.0.0.1 for the request to arrive. */
    String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    /** The first {@code n} requests to the path get 500, the rest 200. */
    void failFirst(String path, int n) {
        behaviours.put(path, nth -> nth <= n ? 500 : 200);
    }

    void answer(String path, int status) {
        behaviours.put(path, nth -> status);
    }

    /** Requests to the path wait until the latch is released, then get 200. */
    void hang(String path, CountDownLatch release) {
        behaviours.put(path, nth -> {
            hanging.incrementAndGet();
            try {
                release.await(120, TimeUnit.SECONDS);
            } finally {
                hanging.decrementAndGet();
            }
            return 200;
        });
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until the path got at least {@code n} requests; returns them all. */
    List<Received> awaitAt(String path, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> at(path).size() >= n);
        return at(path);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        received.add(new Received(path, Map.copyOf(ex.getRequestHeaders()), body));
        int nth = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status;
        try {
            status = behaviours.getOrDefault(path, x -> 200).answer(nth);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
        }
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
