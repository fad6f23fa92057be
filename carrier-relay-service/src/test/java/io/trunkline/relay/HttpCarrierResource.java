package io.trunkline.relay;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts {@link HttpCarrierStandIn} and configures HTTP carriers {@code paper} (GET, the paper's API) and {@code jsonco}. */
public class HttpCarrierResource implements QuarkusTestResourceLifecycleManager {
    private static volatile HttpCarrierStandIn carrier;
    private static volatile HttpCarrierStandIn flaky;

    static HttpCarrierStandIn carrier() {
        return carrier;
    }

    /** The carrier {@code flaky}'s own server (ids {@code FLAKY-<n>}), which tests take down and bring back. */
    static HttpCarrierStandIn flaky() {
        return flaky;
    }

    @Override
    public Map<String, String> start() {
        try {
            carrier = new HttpCarrierStandIn();
            flaky = new HttpCarrierStandIn("FLAKY-");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String base = "http://127.0.0.1:" + carrier.port();
        String k = "trunkline.relay.http-carriers.paper.";
        Map<String, String> p = new HashMap<>();
        // the request of the paper, by configuration alone
        p.put(k + "method", "GET");
        p.put(k + "url", base + "/api?mode=sendsms&username={username}&password={password}&senderid={from}"
                + "&to={to}&textmsg={text}&sendtime={sendtime}");
        p.put(k + "username", "alice");
        p.put(k + "password", "s3cret");
        p.put(k + "success-pattern", "^OK ");
        p.put(k + "id-pattern", "^OK (\\S+)");
        p.put(k + "error-pattern", "^ERR (\\d+)");
        p.put(k + "retry-backoff", "50ms");
        p.put(k + "receipt-status-map.\"1\"", "DELIVRD");
        p.put(k + "receipt-status-map.\"2\"", "UNDELIV");
        String j = "trunkline.relay.http-carriers.jsonco.";
        p.put(j + "url", base + "/v2/messages");
        p.put(j + "content-type", "application/json");
        p.put(j + "body", "{\"from\":\"{from+}\",\"to\":\"{to+}\",\"text\":\"{text}\",\"ref\":\"{messageId}\"}");
        p.put(j + "auth", "bearer");
        p.put(j + "token", "tok-123");
        p.put(j + "id-pattern", "\"id\"\\s*:\\s*\"([^\"]+)\"");
        p.put(j + "receipt-token", "cb-secret");
        // expiry without a receipt, and a buy price (per segment; per prefix 6142077)
        p.put(k + "expiry-grace", "0s");
        p.put(k + "price.per-segment", "0.0125");
        p.put(k + "price.currency", "EUR");
        p.put(k + "price.prefixes.\"6142077\"", "0.05");
        // the paper's API on a server that goes down: its circuit opens and its queue fails over to paper
        String f = "trunkline.relay.http-carriers.flaky.";
        p.put(f + "method", "GET");
        p.put(f + "url", "http://127.0.0.1:" + flaky.port() + "/api?mode=sendsms&to={to}&textmsg={text}");
        p.put(f + "success-pattern", "^OK ");
        p.put(f + "id-pattern", "^OK (\\S+)");
        p.put(f + "timeout", "2s");
        p.put(f + "circuit-failures", "2");
        p.put(f + "circuit-open-for", "3s");
        p.put(f + "failover", "paper");
        p.put("trunkline.relay.expiry-sweep-interval", "1s");
        p.put("trunkline.relay.failover-sweep-interval", "500ms");
        // no SMPP carrier is needed here: the default one points at a closed port and stays down
        p.put("trunkline.relay.carriers.sandbox.host", "127.0.0.1");
        p.put("trunkline.relay.carriers.sandbox.port", "1");
        return p;
    }

    @Override
    public void stop() {
        if (carrier != null) {
            carrier.close();
            carrier = null;
        }
        if (flaky != null) {
            flaky.close();
            flaky = null;
        }
    }
}
