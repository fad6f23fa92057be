import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load at a fixed rate (wrk keeps 64 connections busy instead, which measures capacity, not latency at a
 * given load). Latency is measured from the request's scheduled time, so a stalled server is not hidden
 * (no coordinated omission).
 *
 * java LoadAtRate.java RATE SECONDS URL [json-body-or-"-" [bearer-key]]   (GET when the body is "-" or absent)
 */
public class LoadAtRate {
    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        URI uri = URI.create(args[2]);
        String body = args.length > 3 && !args[3].equals("-") ? args[3] : null;
        String key = args.length > 4 ? args[4] : null;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                if (wait > 200_000) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } else {
                    Thread.onSpinWait();
                }
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            if (body != null) {
                b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            }
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            int slot = i;
            client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                latencies[slot] = System.nanoTime() - scheduled;
                if (e == null && r.statusCode() / 100 == 2) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("rate %d/s for %d s: %d accepted, %d failed, %.0f accepted/s; latency p50 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms%n", rate, seconds, ok.get(), failed.get(), ok.get() / elapsed,
                pct(sorted, 50), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
