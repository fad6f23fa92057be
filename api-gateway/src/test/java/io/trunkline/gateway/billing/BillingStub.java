package io.trunkline.gateway.billing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import io.trunkline.gateway.HttpStandIn;

/**
 * Stands in for billing-service's ops API at the HTTP boundary, so the gateway's side can be tested without billing:
 * it records every request (method, path, query, Authorization, Accept) and answers what billing would, marking each
 * answer with the tenant id it was asked for. Real billing behind the gateway is covered by system-tests'
 * {@code BillingThroughGatewayIT}.
 *
 * <p>Controlled as {@link HttpStandIn} says, with these behaviours of its own: {@code notfound} (404 to all),
 * {@code close} (drop the connection), {@code norate} (422 to all); {@code silent} answers after 10 s. And
 * {@code POST /__stub/carriers} with {@code c1,c2} (the least-cost answer, cheapest first; empty = none);
 * {@code POST /__stub/invoices} with {@code <id>,<tenantId>}.
 */
public class BillingStub extends HttpStandIn {
    static final String TOKEN = OPERATOR;
    private static final Pattern ACCOUNT = Pattern.compile("/v1/ops/accounts/([^/]+)/(ledger|cdrs|usage)");
    private static final Pattern INVOICE = Pattern.compile("/v1/ops/invoices/([^/]+)");
    static final String DEFAULT_CARRIERS = "cheapco,dearco";

    private final Map<String, String> invoiceOwners = new ConcurrentHashMap<>();
    private volatile String carriers = DEFAULT_CARRIERS;

    @Override
    protected Map<String, String> config(String base) {
        return Map.of("trunkline.gateway.billing-url", base);
    }

    @Override
    protected String describe(HttpExchange ex, String body) {
        return ex.getRequestHeaders().getFirst("Authorization") + " | " + ex.getRequestHeaders().getFirst("Accept");
    }

    @Override
    protected long silentMillis() {
        return 10_000;
    }

    @Override
    protected boolean misbehave(HttpExchange ex, String behaviour) throws IOException {
        switch (behaviour) {
            case "notfound" -> send(ex, 404, problem(404, "Not found"));
            case "norate" -> send(ex, 422, problem(422, "No rate"));
            // no status line at all: the exchange is closed, and with it the connection
            case "close" -> throw new IOException("dropped on purpose");
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    protected boolean control(String path, String body) {
        switch (path) {
            case "/__stub/invoices" -> {
                String[] p = body.split(",", 2);
                invoiceOwners.put(p[0], p[1]);
            }
            case "/__stub/carriers" -> carriers = body;
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void reset() {
        carriers = DEFAULT_CARRIERS;
    }

    @Override
    protected void answer(HttpExchange ex, String path, String rawQuery, String body) throws IOException {
        if (!TOKEN.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, problem(401, "Unauthorized"));
            return;
        }
        String query = rawQuery == null ? "" : URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
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
            send(ex, 404, problem(404, "Not found"));
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
}
