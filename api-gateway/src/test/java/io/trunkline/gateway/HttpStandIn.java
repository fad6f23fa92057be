package io.trunkline.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the gateway's stand-ins for another service's HTTP API share (billing's, voice's): a JDK HTTP server on a free
 * loopback port, a log of the requests, and a behaviour set over HTTP, because the test and the resource may live in
 * different class loaders:
 * <ul>
 * <li>{@code POST /__stub/behaviour} with {@code ok}, {@code error} (500 to all), {@code unauthorized} (401 to all),
 * {@code silent} (answer after {@link #silentMillis()}) or one of the stand-in's own ({@link #misbehave});</li>
 * <li>{@code GET /__stub/requests}: one line per request, {@code METHOD path?query | } and the stand-in's fields
 * ({@link #describe}), separated by {@code " | "};</li>
 * <li>{@code POST /__stub/reset}: behaviour {@code ok}, the log and the stand-in's own state ({@link #reset})
 * cleared;</li>
 * <li>other {@code /__stub/} paths: {@link #control}.</li>
 * </ul>
 * Outside {@code ok}, a request is answered by the behaviour before the stand-in looks at its token.
 */
public abstract class HttpStandIn implements QuarkusTestResourceLifecycleManager {
    /** The operator token the gateway's test profile sends. */
    public static final String OPERATOR = "Bearer dev-operator-token";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String behaviour = "ok";
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return config(base());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** The gateway's configuration that points it here. */
    protected abstract Map<String, String> config(String base);

    /** The fields of a request's log line after its method, path and query. */
    protected abstract String describe(HttpExchange ex, String body);

    /** Answers a request under behaviour {@code ok} (or after {@code silent}'s wait). */
    protected abstract void answer(HttpExchange ex, String path, String query, String body) throws IOException;

    /** How long {@code silent} waits before answering: longer than the gateway's client timeout. */
    protected abstract long silentMillis();

    /** A behaviour of the stand-in's own: answer (and return true) or return false to go on. */
    protected boolean misbehave(HttpExchange ex, String behaviour) throws IOException {
        return false;
    }

    /** A control path of the stand-in's own; false: unknown (404). */
    protected boolean control(String path, String body) {
        return false;
    }

    /** Clears the stand-in's own state on {@code /__stub/reset}. */
    protected void reset() {
    }

    protected String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.startsWith("/__stub/")) {
                stubControl(ex, path, body.trim());
                return;
            }
            requests.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + " | "
                    + describe(ex, body));
            String now = behaviour;
            switch (now) {
                case "ok" -> {
                }
                case "error" -> {
                    send(ex, 500, problem(500, "Internal error"));
                    return;
                }
                case "unauthorized" -> {
                    send(ex, 401, problem(401, "Unauthorized"));
                    return;
                }
                case "silent" -> {
                    try {
                        Thread.sleep(silentMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                default -> {
                    if (misbehave(ex, now)) {
                        return;
                    }
                }
            }
            answer(ex, path, query, body);
        }
    }

    private void stubControl(HttpExchange ex, String path, String body) throws IOException {
        switch (path) {
            case "/__stub/behaviour" -> behaviour = body;
            case "/__stub/reset" -> {
                behaviour = "ok";
                requests.clear();
                reset();
            }
            case "/__stub/requests" -> {
                send(ex, 200, "text/plain", String.join("\n", requests));
                return;
            }
            default -> {
                if (!control(path, body)) {
                    send(ex, 404, "text/plain", "unknown control " + path);
                    return;
                }
            }
        }
        ex.sendResponseHeaders(204, -1);
    }

    /** A problem body as the real services answer it (enough of it for the gateway's client). */
    protected static String problem(int status, String title) {
        return "{\"type\":\"https://trunkline.io/problems/" + (status == 404 ? "not-found" : "error") + "\",\"title\":\""
                + title + "\",\"status\":" + status + "}";
    }

    /** JSON, or problem+json from 400 on. */
    protected static void send(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, status >= 400 ? "application/problem+json" : "application/json", body);
    }

    protected static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
