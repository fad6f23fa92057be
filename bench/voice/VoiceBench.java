import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for voice-service: N click-to-call requests through POST /v1/calls (tenant header as the gateway sets it),
 * then GET /v1/calls/{id} until every call is BRIDGED (agent and customer legs both up: 2N channels at once against
 * the AMI stand-in) and then COMPLETED. Prints accept rate, time to all bridged, time to all completed.
 * Run with: java VoiceBench.java http://127.0.0.1:18082 500
 */
public class VoiceBench {
    static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    static final Pattern ID = Pattern.compile("\"callId\":\"([^\"]+)\"");
    /** voice's tenant API also needs the operator token the gateway sends (same default as voice-service). */
    static final String TOKEN = System.getenv().getOrDefault("TRUNKLINE_OPERATOR_TOKEN", "dev-operator-token");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int calls = Integer.parseInt(args[1]);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8))
                .connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<String>> posted = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            String body = String.format("{\"kind\":\"CLICK_TO_CALL\",\"agents\":[\"+2711%07d\"],"
                    + "\"customers\":[\"+2782%07d\"],\"reference\":\"bench-%d\"}", i, i, i);
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/calls"))
                    .header("Content-Type", "application/json").header("X-Trunkline-Tenant", "bench").header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inFlight.acquire();
            posted.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> inFlight.release())
                    .thenApply(r -> {
                        if (r.statusCode() != 202) {
                            throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
                        }
                        Matcher m = ID.matcher(r.body());
                        m.find();
                        return m.group(1);
                    }));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> f : posted) {
            ids.add(f.get());
        }
        double acceptS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("accepted %d calls in %.2f s (%.0f requests/s)%n", calls, acceptS, calls / acceptS);

        Map<String, String> status = new HashMap<>();
        double bridgedAt = -1;
        long peakBridged = 0;
        double doneAt;
        int failed = 0;
        while (true) {
            List<CompletableFuture<Void>> polls = new ArrayList<>();
            for (String id : ids) {
                String s = status.get(id);
                if (s != null && (s.equals("COMPLETED") || s.equals("FAILED"))) {
                    continue;
                }
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/calls/" + id))
                        .header("X-Trunkline-Tenant", "bench").header("Authorization", "Bearer " + TOKEN).GET().build();
                inFlight.acquire();
                polls.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> inFlight.release()).thenAccept(r -> {
                            Matcher m = STATUS.matcher(r.body());
                            if (m.find()) {
                                synchronized (status) {
                                    status.put(id, m.group(1));
                                }
                            }
                        }));
            }
            CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get();
            double now = (System.nanoTime() - t0) / 1e9;
            long bridgedOrLater = status.values().stream()
                    .filter(s -> s.equals("BRIDGED") || s.equals("COMPLETED") || s.equals("FAILED")).count();
            peakBridged = Math.max(peakBridged, status.values().stream().filter(s -> s.equals("BRIDGED")).count());
            long done = status.values().stream().filter(s -> s.equals("COMPLETED") || s.equals("FAILED")).count();
            if (bridgedAt < 0 && bridgedOrLater == calls) {
                bridgedAt = now;
                System.out.printf("all %d calls reached BRIDGED %.2f s after the first request:"
                        + " %.1f calls/s originated, answered, bridged and tracked (2 legs each)%n", calls, now,
                        calls / now);
            }
            if (done == calls) {
                doneAt = now;
                failed = (int) status.values().stream().filter(s -> s.equals("FAILED")).count();
                break;
            }
            Thread.sleep(250);
        }
        System.out.printf("peak %d calls bridged at once (%d channels up)%n", peakBridged, 2 * peakBridged);
        System.out.printf("all %d calls finished %.2f s after the first request (%d failed)%n", calls, doneAt, failed);
        System.exit(0);
    }
}
