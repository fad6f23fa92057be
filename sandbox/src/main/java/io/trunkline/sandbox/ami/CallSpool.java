package io.trunkline.sandbox.ami;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pbx_spool} stand-in: scans {@code <spool>/outgoing/} and places each call file whose modification time is
 * not in the future (a future mtime is a scheduled call), with the same channel events an Originate makes but no
 * OriginateResponse. Retries busy/no-answer attempts {@code MaxRetries} times every {@code RetryTime} seconds,
 * appending Asterisk's {@code StartRetry:}/{@code EndRetry:} bookkeeping lines. When done the file is moved to
 * {@code outgoing_done/} with {@code Status: Completed} or {@code Status: Expired} appended if {@code Archive: yes},
 * else deleted; a file with invalid contents is deleted with a warning. Hidden files (leading dot) are ignored.
 */
final class CallSpool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallSpool.class);

    private final SandboxAmi ami;
    private final Path outgoing;
    private final Path done;
    private final ScheduledExecutorService timer;
    private final Set<Path> inProgress = ConcurrentHashMap.newKeySet();
    private final long pid = ProcessHandle.current().pid();

    CallSpool(SandboxAmi ami, Path spoolDir, Duration poll) throws IOException {
        this.ami = ami;
        this.outgoing = spoolDir.resolve("outgoing");
        this.done = spoolDir.resolve("outgoing_done");
        Files.createDirectories(outgoing);
        Files.createDirectories(done);
        this.timer = Executors.newSingleThreadScheduledExecutor(SandboxAmi.daemon("ami-spool"));
        timer.scheduleWithFixedDelay(this::scan, 0, Math.max(10, poll.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void scan() {
        List<Path> files;
        try (Stream<Path> s = Files.list(outgoing)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", outgoing, e.toString());
            return;
        }
        long now = System.currentTimeMillis();
        for (Path f : files) {
            if (inProgress.contains(f)) {
                continue;
            }
            try {
                if (Files.getLastModifiedTime(f).toMillis() > now) {
                    continue; // scheduled for later
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                CallFile call;
                try {
                    call = CallFile.parse(text);
                } catch (CallFile.Invalid e) {
                    LOG.warn("{} in file {}", e.getMessage(), f);
                    LOG.warn("Invalid file contents in {}, deleting", f);
                    Files.deleteIfExists(f);
                    continue;
                }
                call.warnings().forEach(w -> LOG.warn("{} of {}", w, f));
                inProgress.add(f);
                attempt(f, call, 1);
            } catch (IOException e) {
                LOG.warn("cannot read {}: {}", f, e.toString());
            }
        }
    }

    private void attempt(Path f, CallFile call, int n) {
        append(f, "StartRetry: " + pid + " " + n + " (" + Instant.now().getEpochSecond() + ")");
        ami.placeFromFile(call, answered -> {
            if (answered) {
                finish(f, call, "Completed");
            } else if (n <= call.maxRetries()) {
                append(f, "EndRetry: " + pid + " " + n + " (" + Instant.now().getEpochSecond() + ")");
                timer.schedule(() -> attempt(f, call, n + 1), call.retryTime(), TimeUnit.SECONDS);
            } else {
                finish(f, call, "Expired");
            }
        });
    }

    private void finish(Path f, CallFile call, String status) {
        try {
            if (call.archive()) {
                append(f, "Status: " + status);
                Files.move(f, done.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(f);
            }
            LOG.info("call file {} {}", f.getFileName(), status);
        } catch (IOException e) {
            LOG.warn("cannot finish {}: {}", f, e.toString());
        } finally {
            inProgress.remove(f);
        }
    }

    private static void append(Path f, String line) {
        try {
            Files.writeString(f, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot append to {}: {}", f, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
