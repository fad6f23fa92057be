package io.trunkline.relay;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts {@link HttpCarrierStandIn} and configures HTTP carriers {@code paper} (GET, the paper's API) and {@code jsonco}. */
public class HttpCarrierResource implements QuarkusTestResourceLifecycleManager {
    private static volatile HttpCarrierStandIn carrier;

    static HttpCarrierStandIn carrier() {
        return carrier;
    }

    @Override
    public Map<String, String> start() {
        try {
            carrier = new HttpCarrierStandIn();
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
    }
}
