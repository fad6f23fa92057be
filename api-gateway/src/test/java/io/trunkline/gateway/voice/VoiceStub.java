package io.trunkline.gateway.voice;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for voice-service's tenant API at the HTTP boundary and records what the gateway sends (method, path,
 * Authorization, X-Trunkline-Tenant, body). Like voice it refuses a request without the operator token or the tenant
 * header (401), keeps calls and follow-me profiles per tenant (another tenant's is a 404 problem) and answers a
 * click-to-call without agents with a 400 problem naming {@code agents}. Real voice-service behind the gateway is
 * covered by system-tests' {@code CallsThroughGatewayIT}.
 *
 * <p>Controlled over HTTP (the test and this resource may live in different class loaders):
 * {@code POST /__stub/behaviour} with {@code ok}, {@code error} (500 to all), {@code unauthorized} (401 to all) or
 * {@code silent} (answer after 6 s); {@code GET /__stub/requests} (one line each, fields separated by " | ");
 * {@code POST /__stub/reset}.
 */
public class VoiceStub implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "Bearer dev-operator-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private ExecutorService executor;
    private volatile String behaviour = "ok";
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** id -> {tenant, json} */
    private final Map<String, String[]> calls = new ConcurrentHashMap<>();
    private final Map<String, String[]> profiles = new ConcurrentHashMap<>();

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
        return Map.of("trunkline.gateway.voice.url", base(), "trunkline.gateway.voice.timeout", "2s");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.startsWith("/__stub/")) {
                control(ex, path, body.trim());
                return;
            }
            String tenant = ex.getRequestHeaders().getFirst("X-Trunkline-Tenant");
            requests.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + " | "
                    + ex.getRequestHeaders().getFirst("Authorization") + " | " + tenant + " | " + body);
            switch (behaviour) {
                case "error" -> {
                    send(ex, 500, problem(500, "Internal error", null));
                    return;
                }
                case "unauthorized" -> {
                    send(ex, 401, problem(401, "Unauthorized", null));
                    return;
                }
                case "silent" -> {
                    try {
                        Thread.sleep(6_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                default -> {
                }
            }
            if (!TOKEN.equals(ex.getRequestHeaders().getFirst("Authorization")) || tenant == null) {
                send(ex, 401, problem(401, "Unauthorized", null));
                return;
            }
            answer(ex, ex.getRequestMethod(), path, tenant, body);
        }
    }

    private void answer(HttpExchange ex, String method, String path, String tenant, String body) throws IOException {
        String[] parts = path.split("/");
        if (path.equals("/v1/calls") && method.equals("POST")) {
            ObjectNode call = (ObjectNode) JSON.readTree(body);
            String kind = call.path("kind").asText("CLICK_TO_CALL");
            if (kind.equals("CLICK_TO_CALL") && call.path("agents").isEmpty()) {
                send(ex, 400, problem(400, "Invalid request", "agents"));
                return;
            }
            String id = call.hasNonNull("callId") ? call.get("callId").asText() : UUID.randomUUID().toString();
            ObjectNode view = JSON.createObjectNode().put("callId", id).put("kind", kind).put("status", "QUEUED");
            view.set("reference", call.get("reference"));
            view.set("timeline", JSON.readTree("[{\"status\":\"QUEUED\",\"party\":null,\"reason\":null,"
                    + "\"at\":\"2026-11-26T06:00:00Z\"}]"));
            calls.put(id, new String[] {tenant, view.toString()});
            ex.getResponseHeaders().set("Location", base() + "/v1/calls/" + id);
            send(ex, 202, "{\"callId\":\"" + id + "\",\"status\":\"QUEUED\"}");
        } else if (path.equals("/v1/calls") && method.equals("GET")) {
            List<String> mine = new ArrayList<>();
            calls.forEach((id, c) -> {
                if (c[0].equals(tenant)) {
                    mine.add(c[1]);
                }
            });
            send(ex, 200, "{\"items\":[" + String.join(",", mine) + "],\"page\":0,\"size\":20,\"total\":"
                    + mine.size() + "}");
        } else if (parts.length == 4 && path.startsWith("/v1/calls/") && method.equals("GET")) {
            owned(ex, calls, parts[3], tenant, "call", c -> send(ex, 200, c[1]));
        } else if (path.equals("/v1/follow-me-profiles") && method.equals("POST")) {
            String id = UUID.randomUUID().toString();
            ObjectNode p = (ObjectNode) JSON.readTree(body);
            p.put("profileId", id);
            profiles.put(id, new String[] {tenant, p.toString()});
            ex.getResponseHeaders().set("Location", base() + "/v1/follow-me-profiles/" + id);
            send(ex, 201, p.toString());
        } else if (path.equals("/v1/follow-me-profiles") && method.equals("GET")) {
            List<String> mine = new ArrayList<>();
            profiles.forEach((id, p) -> {
                if (p[0].equals(tenant)) {
                    mine.add(p[1]);
                }
            });
            send(ex, 200, "[" + String.join(",", mine) + "]");
        } else if (parts.length == 4 && path.startsWith("/v1/follow-me-profiles/")) {
            String id = parts[3];
            owned(ex, profiles, id, tenant, "follow-me profile", p -> {
                switch (method) {
                    case "GET" -> send(ex, 200, p[1]);
                    case "PUT" -> {
                        ObjectNode n = (ObjectNode) JSON.readTree(body);
                        n.put("profileId", id);
                        profiles.put(id, new String[] {tenant, n.toString()});
                        send(ex, 200, n.toString());
                    }
                    case "DELETE" -> {
                        profiles.remove(id);
                        ex.sendResponseHeaders(204, -1);
                    }
                    default -> send(ex, 405, problem(405, "Method not allowed", null));
                }
            });
        } else {
            send(ex, 404, problem(404, "Not found", null));
        }
    }

    private interface Action {
        void run(String[] entry) throws IOException;
    }

    private static void owned(HttpExchange ex, Map<String, String[]> store, String id, String tenant, String what,
            Action action) throws IOException {
        String[] entry = store.get(id);
        if (entry == null || !entry[0].equals(tenant)) {
            send(ex, 404, "{\"type\":\"https://trunkline.io/problems/not-found\",\"title\":\"Not found\","
                    + "\"status\":404,\"detail\":\"" + what + " " + id + " not found\"}");
            return;
        }
        action.run(entry);
    }

    private static String problem(int status, String title, String field) {
        String errors = field == null ? "" : ",\"errors\":[{\"field\":\"" + field + "\",\"message\":\"required\"}]";
        return "{\"type\":\"https://trunkline.io/problems/" + (status == 400 ? "invalid-request" : "error")
                + "\",\"title\":\"" + title + "\",\"status\":" + status + errors + "}";
    }

    private void control(HttpExchange ex, String path, String body) throws IOException {
        switch (path) {
            case "/__stub/behaviour" -> behaviour = body;
            case "/__stub/reset" -> {
                behaviour = "ok";
                requests.clear();
            }
            case "/__stub/requests" -> {
                byte[] bytes = String.join("\n", requests).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/plain");
                ex.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(bytes);
                    }
                }
                return;
            }
            default -> {
                send(ex, 404, "{}");
                return;
            }
        }
        ex.sendResponseHeaders(204, -1);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

}
