import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Bulk admission: COUNT broadcasts of SIZE inline numbers, one after the other; prints accepted numbers per second
 * (numbers in the answered requests / time) and each request's latency. The body shape is the one run.sh probes:
 * {"to":[...],"from":"Trunkline","text":"..."}.
 *
 * java Broadcasts.java GATEWAY_URL API_KEY SIZE COUNT
 */
public class Broadcasts {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0] + "/v1/broadcasts");
        String key = args[1];
        int size = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < size; i++) {
            to.append(i == 0 ? "" : ",").append("\"+614").append(String.format("%08d", 10_000_000 + i)).append('"');
        }
        String body = "{\"to\":[" + to + "],\"from\":\"Trunkline\",\"text\":\"Trunkline bulk bench\"}";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        double[] ms = new double[count];
        long accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() / 100 == 2) {
                accepted += size;
            } else {
                System.out.println("broadcast " + i + " answered " + r.statusCode() + ": " + r.body());
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        Arrays.sort(ms);
        System.out.printf("bulk %d x %d numbers: %.0f numbers accepted/s; request latency p50 %.0f ms, max %.0f ms%n",
                count, size, accepted / secs, ms[ms.length / 2], ms[ms.length - 1]);
    }
}
