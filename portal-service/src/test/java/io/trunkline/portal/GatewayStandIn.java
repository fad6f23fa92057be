package io.trunkline.portal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The api-gateway's tenant and operator API as far as the portal's pages use it, over real HTTP: it answers only the
 * operator token, scopes the tenant API by {@code X-Trunkline-Tenant} as the gateway does, refuses a send to "bad"
 * with a field error, and replays a send with the same Idempotency-Key. The system tests run the portal against the
 * real gateway; this lets the portal's own tests see exactly what it sent.
 */
public class GatewayStandIn implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "dev-operator-token";
    static final List<String> TENANTS = List.of("tenant-a", "tenant-b");

    /** One request as the stand-in saw it. */
    public record Seen(String method, String path, String tenant, String authorization, String idempotencyKey,
            JsonNode body) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    static final Map<String, List<Map<String, Object>>> MESSAGES = new ConcurrentHashMap<>();
    private static final Map<String, String> BY_KEY = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        // bcrypt's lowest cost keeps the sign-in tests fast; deployments keep the default (12)
        return Map.of("trunkline.portal.gateway-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "trunkline.portal.bcrypt-cost", "4");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static List<Seen> seen(String method, String path) {
        return SEEN.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String tenant = x.getRequestHeaders().getFirst("X-Trunkline-Tenant");
        String auth = x.getRequestHeaders().getFirst("Authorization");
        byte[] in = x.getRequestBody().readAllBytes();
        JsonNode body = in.length == 0 ? null : JSON.readTree(in);
        SEEN.add(new Seen(x.getRequestMethod(), path, tenant, auth, x.getRequestHeaders().getFirst("Idempotency-Key"),
                body));
        if (!("Bearer " + TOKEN).equals(auth)) {
            answer(x, 401, Map.of("status", 401, "detail", "the operator token is not valid"));
            return;
        }
        if (path.startsWith("/v1/operator/tenants")) {
            String id = path.length() > "/v1/operator/tenants/".length()
                    ? path.substring("/v1/operator/tenants/".length()) : null;
            if (id == null) {
                answer(x, 200, TENANTS.stream().map(t -> Map.of("id", t, "name", "Name of " + t, "status", "active"))
                        .toList());
            } else if (TENANTS.contains(id)) {
                answer(x, 200, Map.of("id", id, "name", "Name of " + id, "status", "active"));
            } else {
                answer(x, 404, Map.of("status", 404, "detail", "no such tenant"));
            }
            return;
        }
        if (tenant == null || !TENANTS.contains(tenant)) {
            answer(x, 403, Map.of("status", 403, "detail", "unknown tenant"));
            return;
        }
        switch (x.getRequestMethod() + " " + path) {
            case "GET /v1/account" -> answer(x, 200, Map.of("tenantId", tenant, "name", "Name of " + tenant,
                    "balance", "12.5000", "available", "12.5000", "currency", "USD", "blocked", false));
            case "GET /v1/messages" -> {
                List<Map<String, Object>> items = new ArrayList<>(MESSAGES.getOrDefault(tenant, List.of()));
                Collections.reverse(items);
                Map<String, Object> page = new HashMap<>();
                page.put("items", items);
                page.put("next_cursor", null);
                answer(x, 200, page);
            }
            case "POST /v1/messages" -> send(x, tenant, body);
            default -> answer(x, 404, Map.of("status", 404, "detail", "not here"));
        }
    }

    private void send(HttpExchange x, String tenant, JsonNode body) throws IOException {
        if ("bad".equals(body.path("to").asText())) {
            answer(x, 400, Map.of("status", 400, "detail", "the request is not valid",
                    "errors", List.of(Map.of("field", "to", "message", "is not a valid phone number"))));
            return;
        }
        String key = x.getRequestHeaders().getFirst("Idempotency-Key");
        String replayed = key == null ? null : BY_KEY.get(tenant + "/" + key);
        if (replayed != null) {
            answer(x, 202, Map.of("id", replayed, "status", "queued"));
            return;
        }
        String id = UUID.randomUUID().toString();
        if (key != null) {
            BY_KEY.put(tenant + "/" + key, id);
        }
        MESSAGES.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>()).add(Map.of("id", id, "to",
                body.path("to").asText(), "from", body.path("from").asText(), "text", body.path("text").asText(),
                "status", "queued", "createdAt", "2026-11-27T00:00:00Z"));
        answer(x, 202, Map.of("id", id, "status", "queued"));
    }

    private static void answer(HttpExchange x, int status, Object body) throws IOException {
        byte[] out = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, out.length);
        x.getResponseBody().write(out);
        x.close();
    }
}
