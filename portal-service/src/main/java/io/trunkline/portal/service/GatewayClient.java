package io.trunkline.portal.service;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import io.trunkline.platform.rest.OperatorCredential;
import io.trunkline.portal.config.PortalConfig;

/**
 * The api-gateway as the portal calls it: with the operator token, and {@code X-Trunkline-Tenant} naming the tenant
 * a page is for, so a tenant's staff see and do exactly what that tenant's API key would allow, and no other tenant's
 * data can reach a page. The portal holds no tenant keys.
 */
@ApplicationScoped
public class GatewayClient {
    private final PortalConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    public GatewayClient(PortalConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        // HTTP/1.1: the JDK's default HTTP/2 tries an h2c upgrade on plain http, which the gateway's send fails
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.gatewayTimeout()).build();
    }

    /** The gateway's answer: its status and JSON body (a problem+json on errors). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The gateway could not be reached or did not answer in time. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** GET on the tenant API for {@code tenantId}. */
    public Answer get(String tenantId, String path, Map<String, String> query) {
        return call(request(tenantId, path + query(query)).GET());
    }

    /** POST of a JSON body on the tenant API for {@code tenantId}, with an idempotency key so a resubmitted form sends once. */
    public Answer post(String tenantId, String path, Object body, String idempotencyKey) {
        HttpRequest.Builder b = request(tenantId, path).header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return call(b.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** GET on the operator API (no tenant). */
    public Answer operatorGet(String path) {
        return call(request(null, path).GET());
    }

    private HttpRequest.Builder request(String tenantId, String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stripSlash(config.gatewayUrl()) + pathAndQuery))
                .timeout(config.gatewayTimeout())
                .header("Authorization", "Bearer " + config.operatorToken())
                .header("Accept", "application/json");
        if (tenantId != null) {
            b.header(OperatorCredential.ACT_FOR_TENANT, tenantId);
        }
        return b;
    }

    private Answer call(HttpRequest.Builder request) {
        HttpRequest r = request.build();
        try {
            HttpResponse<byte[]> response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            JsonNode node = body == null || body.length == 0 ? NullNode.getInstance() : readOrNull(body);
            return new Answer(response.statusCode(), node);
        } catch (IOException e) {
            throw new Unavailable("the api-gateway did not answer " + r.method() + " " + r.uri().getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted calling the api-gateway", e);
        }
    }

    private JsonNode readOrNull(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }

    private static String query(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&", "?", ""));
    }

    /** A path segment or query value, percent-encoded. */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
