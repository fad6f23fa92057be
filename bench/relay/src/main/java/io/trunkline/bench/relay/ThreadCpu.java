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

    /** tid:name → CPU ticks {utime, stime}. */
    static Map<String, long[]> read(long pid) throws IOException {
        Map<String, long[]> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // fields after the name: state(0) ... utime(11) stime(12)
                    out.put(t.getFileName() + ":" + name, new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])});
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    /** The whole process' CPU ticks (utime + stime), threads that ended included. */
    static long process(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static void reportProcess(long before, long after, int messages) {
        System.out.printf("relay process CPU after ready (ended threads included): %.1f s = %.2f ms/message%n",
                (after - before) * MS_PER_TICK / 1000, (after - before) * MS_PER_TICK / Math.max(1, messages));
    }

    static void report(Map<String, long[]> before, Map<String, long[]> after, int messages) {
        Map<String, Long> groups = new TreeMap<>();
        Map<String, Long> system = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long user = e.getValue()[0] - b[0], sys = e.getValue()[1] - b[1];
            String name = e.getKey().substring(e.getKey().indexOf(':') + 1).replaceAll("[0-9]+", "#");
            groups.merge(name, user + sys, Long::sum);
            system.merge(name, sys, Long::sum);
            total += user + sys;
        }
        System.out.printf("relay CPU after ready: %.1f s = %.2f ms/message (%d messages; threads alive at the end)%n",
                total * MS_PER_TICK / 1000, total * MS_PER_TICK / Math.max(1, messages), messages);
        groups.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf("  %-18s %7.1f s  %6.3f ms/message  (system %3d %%)%n", e.getKey(),
                        e.getValue() * MS_PER_TICK / 1000, e.getValue() * MS_PER_TICK / Math.max(1, messages),
                        100 * system.get(e.getKey()) / e.getValue()));
    }

    static void jcmd(long pid, String profilerArgs) throws IOException, InterruptedException {
        new ProcessBuilder("jcmd", Long.toString(pid), "JVMTI.agent_load",
                "/tmp/ap/linux-x64/libasyncProfiler.so", "\"" + profilerArgs + "\"").inheritIO().start().waitFor();
    }
}
