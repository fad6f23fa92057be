package io.trunkline.gateway.billing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for billing-service's ops API at the HTTP boundary, so the gateway's side can be tested without billing:
 * it records every request (method, path, query, Authorization) and answers what billing would, marking each answer
 * with the tenant id it was asked for. Real billing behind the gateway is covered by system-tests'
 * {@code BillingThroughGatewayIT}.
 *
 * <p>Controlled over HTTP (the test and this resource may live in different class loaders):
 * {@code POST /__stub/behaviour} with {@code ok}, {@code notfound} (404 to all), {@code error} (500), {@code unauthorized} (401), {@code close}
 * (drop the connection) or {@code silent} (answer after 10 s) or {@code norate} (422 to all); {@code POST /__stub/carriers} with
 * {@code c1,c2} (the least-cost answer, cheapest first; empty = none); {@code POST /__stub/invoices} with
 * {@code <id>,<tenantId>}; {@code GET /__stub/requests}; {@code POST /__stub/reset}.
 */
public class BillingStub implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "Bearer dev-operator-token";
    private static final Pattern ACCOUNT = Pattern.compile("/v1/ops/accounts/([^/]+)/(ledger|cdrs|usage)");
    private static final Pattern INVOICE = Pattern.compile("/v1/ops/invoices/([^/]+)");

    private HttpServer server;
    private ExecutorService executor;
    private volatile String behaviour = "ok";
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> invoiceOwners = new ConcurrentHashMap<>();
    static final String DEFAULT_CARRIERS = "cheapco,dearco";
    private volatile String carriers = DEFAULT_CARRIERS;

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
        return Map.of("trunkline.gateway.billing-url", "http://127.0.0.1:" + server.getAddress().getPort());
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
            if (path.startsWith("/__stub/")) {
                control(ex, path);
                return;
            }
            requests.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query) + " | "
                    + ex.getRequestHeaders().getFirst("Authorization") + " | " + ex.getRequestHeaders().getFirst("Accept"));
            switch (behaviour) {
                case "error" -> {
                    send(ex, 500, "application/problem+json", "{\"status\":500,\"title\":\"Internal error\"}");
                    return;
                }
                case "notfound" -> {
                    send(ex, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not found\"}");
                    return;
                }
                case "norate" -> {
                    send(ex, 422, "application/problem+json", "{\"status\":422,\"title\":\"No rate\"}");
                    return;
                }
                case "unauthorized" -> {
                    send(ex, 401, "application/problem+json", "{\"status\":401,\"title\":\"Unauthorized\"}");
                    return;
                }
                case "close" -> {
                    // no status line at all: the exchange is closed, and with it the connection
                    throw new IOException("dropped on purpose");
                }
                case "silent" -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                default -> {
                }
            }
            if (!TOKEN.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "application/problem+json", "{\"status\":401,\"title\":\"Unauthorized\"}");
                return;
            }
            answer(ex, path, query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8));
        }
    }

    private void answer(HttpExchange ex, String path, String query) throws IOException {
        Matcher account = ACCOUNT.matcher(path);
        Matcher invoice = INVOICE.matcher(path);
        if (path.equals("/v1/routes/quote")) {
            StringBuilder sb = new StringBuilder();
            for (String c : carriers.isBlank() ? new String[0] : carriers.split(",")) {
                sb.append(sb.length() > 0 ? "," : "").append("{\"carrier\":\"").append(c)
                        .append("\",\"plan\":\"buy-").append(c).append("\",\"currency\":\"USD\",")
                        .append("\"price\":\"0.0100\",\"comparablePrice\":\"0.0100\"}");
            }
            send(ex, 200, "application/json", "{\"destination\":\"" + param(query, "destination")
                    + "\",\"service\":\"sms-out\",\"currency\":\"USD\",\"carriers\":[" + sb + "]}");
            return;
        }
        if (path.equals("/v1/quotes/sms")) {
            int segments = Integer.parseInt(param(query, "segments"));
            send(ex, 200, "application/json", "{\"currency\":\"USD\",\"unitPrice\":\"0.0500\",\"segments\":"
                    + segments + ",\"total\":\"" + new java.math.BigDecimal("0.0500")
                            .multiply(java.math.BigDecimal.valueOf(segments)).toPlainString()
                    + "\",\"plan\":\"default\",\"prefix\":\"61\"}");
            return;
        }
        if (account.matches()) {
            String t = account.group(1);
            switch (account.group(2)) {
                case "ledger" -> send(ex, 200, "application/json", "{\"items\":[{\"id\":\"e1\",\"type\":\"topup\","
                        + "\"amount\":\"10.0000\",\"currency\":\"USD\",\"balanceAfter\":\"10.0000\",\"version\":1,"
                        + "\"reference\":\"ledger-of-" + t + "\",\"actor\":\"ops:alice\",\"note\":\"welcome\","
                        + "\"createdAt\":\"2026-11-02T10:00:00Z\"}],\"page\":0,\"size\":20,\"total\":1}");
                case "cdrs" -> send(ex, 200, "application/json", "{\"items\":[" + cdr("cdr-of-" + t, "ok")
                        + "],\"page\":0,\"size\":20,\"total\":1}");
                default -> send(ex, 200, "application/json", "[" + cdr("cdr-of-" + t, "ok") + ","
                        + cdr("cdr2-of-" + t, "no rate, \\\"+999\\\"") + "]");
            }
        } else if (path.equals("/v1/ops/invoices")) {
            String t = query.replaceFirst("^tenantId=", "");
            StringBuilder sb = new StringBuilder("[");
            invoiceOwners.forEach((id, owner) -> {
                if (owner.equals(t)) {
                    sb.append(sb.length() > 1 ? "," : "").append(invoice(id, owner, false));
                }
            });
            send(ex, 200, "application/json", sb.append(']').toString());
        } else if (invoice.matches() && invoiceOwners.containsKey(invoice.group(1))) {
            String id = invoice.group(1);
            if (query.contains("format=csv")) {
                send(ex, 200, "text/csv", "invoice,number,tenant,period,status,line,kind,service,destination,"
                        + "description,quantity,units,amount,currency\n" + id + ",," + invoiceOwners.get(id)
                        + ",2026-11,draft,1,usage,sms-out,61,sms-out 61,1,1,0.0500,USD\n");
            } else {
                send(ex, 200, "application/json", invoice(id, invoiceOwners.get(id), true));
            }
        } else {
            send(ex, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not found\"}");
        }
    }

    private static String param(String query, String name) {
        for (String p : query.split("&")) {
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return "";
    }

    private static String cdr(String id, String reason) {
        return "{\"cdrId\":\"" + id + "\",\"service\":\"sms-out\",\"subjectId\":\"m1\",\"source\":\"Trunkline\","
                + "\"destination\":\"+61412345678\",\"segments\":1,\"billableSeconds\":0,"
                + "\"startedAt\":\"2026-11-02T10:00:00Z\",\"channel\":\"smpp\",\"carrier\":\"secret-carrier\","
                + "\"success\":true,\"status\":\"rated\",\"statusReason\":\"" + reason + "\",\"units\":1,"
                + "\"unitPrice\":\"0.0500\",\"amount\":\"0.0500\",\"currency\":\"USD\",\"ratePlan\":\"default\","
                + "\"ratePrefix\":\"61\",\"rateCurrency\":\"USD\",\"rateAmount\":\"0.0500\",\"fxRate\":\"1\","
                + "\"buyPlan\":\"carrier-x\",\"buyPrefix\":\"614\",\"buyCurrency\":\"USD\",\"buyAmount\":\"0.0100\","
                + "\"buyCost\":\"0.0100\",\"margin\":\"0.0400\",\"ratedAt\":\"2026-11-02T10:00:01Z\"}";
    }

    private static String invoice(String id, String tenant, boolean lines) {
        return "{\"id\":\"" + id + "\",\"tenantId\":\"" + tenant + "\",\"period\":\"2026-11\",\"status\":\"draft\","
                + "\"number\":null,\"currency\":\"USD\",\"usageTotal\":\"0.0500\",\"chargesTotal\":\"0.0000\","
                + "\"total\":\"0.0500\",\"generatedAt\":\"2026-11-02T10:00:00Z\",\"finalizedAt\":null,\"lines\":"
                + (lines ? "[{\"line\":1,\"kind\":\"usage\",\"service\":\"sms-out\",\"destination\":\"61\","
                        + "\"description\":\"sms-out 61\",\"quantity\":1,\"units\":1,\"amount\":\"0.0500\"}]" : "null")
                + "}";
    }

    private void control(HttpExchange ex, String path) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
        switch (path) {
            case "/__stub/behaviour" -> behaviour = body;
            case "/__stub/invoices" -> {
                String[] p = body.split(",", 2);
                invoiceOwners.put(p[0], p[1]);
            }
            case "/__stub/carriers" -> carriers = body;
            case "/__stub/reset" -> {
                behaviour = "ok";
                carriers = DEFAULT_CARRIERS;
                requests.clear();
            }
            case "/__stub/requests" -> {
                send(ex, 200, "text/plain", String.join("\n", requests));
                return;
            }
            default -> {
                send(ex, 404, "text/plain", "unknown control " + path);
                return;
            }
        }
        send(ex, 204, null, null);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            ex.getResponseHeaders().set("Content-Type", type);
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
