package io.trunkline.bench.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the relay process by thread group, read from {@code /proc/<pid>/task/<tid>/stat} (utime + stime,
 * clock ticks of 10 ms) when the relay is ready and again at the end; threads are grouped by name with digits
 * dropped ({@code pool-3-thread-12} → {@code pool-#-thread-#}). Linux only.
 */
final class ThreadCpu {
    private static final double MS_PER_TICK = 10.0;

    private ThreadCpu() {
    }

    /** tid:name → CPU ticks (utime + stime). */
    static Map<String, Long> read(long pid) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // fields after the name: state(0) ... utime(11) stime(12)
                    out.put(t.getFileName() + ":" + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    static void report(Map<String, Long> before, Map<String, Long> after, int messages) {
        Map<String, Long> groups = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            String name = e.getKey().substring(e.getKey().indexOf(':') + 1).replaceAll("[0-9]+", "#");
            groups.merge(name, d, Long::sum);
            total += d;
        }
        System.out.printf("relay CPU after ready: %.1f s = %.2f ms/message (%d messages; threads alive at the end)%n",
                total * MS_PER_TICK / 1000, total * MS_PER_TICK / Math.max(1, messages), messages);
        groups.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf("  %-18s %7.1f s  %6.3f ms/message%n", e.getKey(),
                        e.getValue() * MS_PER_TICK / 1000, e.getValue() * MS_PER_TICK / Math.max(1, messages)));
    }

    static void jcmd(long pid, String profilerArgs) throws IOException, InterruptedException {
        new ProcessBuilder("jcmd", Long.toString(pid), "JVMTI.agent_load",
                "/tmp/ap/linux-x64/libasyncProfiler.so", "\"" + profilerArgs + "\"").inheritIO().start().waitFor();
    }
}
