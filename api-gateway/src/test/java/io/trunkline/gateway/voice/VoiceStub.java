package io.trunkline.gateway.voice;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import io.trunkline.gateway.HttpStandIn;

/**
 * Stands in for voice-service's tenant API at the HTTP boundary and records what the gateway sends (method, path,
 * Authorization, X-Trunkline-Tenant, body). Like voice it refuses a request without the operator token or the tenant
 * header (401), keeps calls and follow-me profiles per tenant (another tenant's is a 404 problem) and answers a
 * click-to-call without agents with a 400 problem naming {@code agents}. Real voice-service behind the gateway is
 * covered by system-tests' {@code CallsThroughGatewayIT}.
 *
 * <p>Controlled as {@link HttpStandIn} says; {@code silent} answers after 6 s.
 */
public class VoiceStub extends HttpStandIn {
    static final String TOKEN = OPERATOR;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** id -> {tenant, json} */
    private final Map<String, String[]> calls = new ConcurrentHashMap<>();
    private final Map<String, String[]> profiles = new ConcurrentHashMap<>();

    @Override
    protected Map<String, String> config(String base) {
        return Map.of("trunkline.gateway.voice.url", base, "trunkline.gateway.voice.timeout", "2s");
    }

    @Override
    protected String describe(HttpExchange ex, String body) {
        return ex.getRequestHeaders().getFirst("Authorization") + " | "
                + ex.getRequestHeaders().getFirst("X-Trunkline-Tenant") + " | " + body;
    }

    @Override
    protected long silentMillis() {
        return 6_000;
    }

    @Override
    protected void answer(HttpExchange ex, String path, String query, String body) throws IOException {
        String tenant = ex.getRequestHeaders().getFirst("X-Trunkline-Tenant");
        if (!TOKEN.equals(ex.getRequestHeaders().getFirst("Authorization")) || tenant == null) {
            send(ex, 401, problem(401, "Unauthorized"));
            return;
        }
        answer(ex, ex.getRequestMethod(), path, tenant, body);
    }

    private void answer(HttpExchange ex, String method, String path, String tenant, String body) throws IOException {
        String[] parts = path.split("/");
        if (path.equals("/v1/calls") && method.equals("POST")) {
            ObjectNode call = (ObjectNode) JSON.readTree(body);
            String kind = call.path("kind").asText("CLICK_TO_CALL");
            if (kind.equals("CLICK_TO_CALL") && call.path("agents").isEmpty()) {
                send(ex, 400, invalid("agents"));
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
                    default -> send(ex, 405, problem(405, "Method not allowed"));
                }
            });
        } else {
            send(ex, 404, problem(404, "Not found"));
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

    /** A 400 naming the field, as voice's validation answers. */
    private static String invalid(String field) {
        return "{\"type\":\"https://trunkline.io/problems/invalid-request\",\"title\":\"Invalid request\","
                + "\"status\":400,\"errors\":[{\"field\":\"" + field + "\",\"message\":\"required\"}]}";
    }
}
