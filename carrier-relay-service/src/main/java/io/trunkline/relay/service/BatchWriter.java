package io.trunkline.relay.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * A single-writer group commit: callers hand in an item and wait until it is durable; one thread takes whatever
 * has queued up (after waiting at most {@code linger} for more, up to {@code maxBatch} items) and writes it in one
 * transaction ({@code batch}). If that transaction fails, nothing of it was committed, and every item of the batch
 * is written again on its own ({@code single}), so one bad item costs only itself: its caller gets the exception.
 * A caller's {@link #write} returns only after the transaction holding its item committed.
 *
 * <p>
 * Once {@link #stop stopped} (or if the writer thread is gone), items are written in the caller's thread.
 */
final class BatchWriter<I, R> {
    private static final Logger LOG = Logger.getLogger(BatchWriter.class);

    private record Pending<I, R>(I item, CompletableFuture<R> done) {
    }

    private final String name;
    private final Function<List<I>, List<R>> batch;
    private final Function<I, R> single;
    private final int maxBatch;
    private final long lingerNanos;
    private final LinkedBlockingQueue<Pending<I, R>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final io.micrometer.core.instrument.Timer batchTime;
    private final io.micrometer.core.instrument.DistributionSummary batchSize;

    BatchWriter(String name, int maxBatch, Duration linger, Function<List<I>, List<R>> batch, Function<I, R> single) {
        this(name, maxBatch, linger, batch, single, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** With {@code trunkline.relay.writer.batch} (time per batch transaction) and {@code ...batch.size} meters. */
    BatchWriter(String name, int maxBatch, Duration linger, Function<List<I>, List<R>> batch, Function<I, R> single,
            io.micrometer.core.instrument.MeterRegistry registry) {
        this.name = name;
        this.batchTime = io.micrometer.core.instrument.Timer.builder("trunkline.relay.writer.batch")
                .tag("writer", name).register(registry);
        this.batchSize = io.micrometer.core.instrument.DistributionSummary.builder("trunkline.relay.writer.batch.size")
                .tag("writer", name).register(registry);
        this.batch = batch;
        this.single = single;
        this.maxBatch = Math.max(1, maxBatch);
        this.lingerNanos = linger.toNanos();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Writes the item (with others, in one transaction) and returns once that committed; throws if it did not. */
    R write(I item) {
        if (!running || !thread.isAlive()) {
            return single.apply(item);
        }
        Pending<I, R> p = new Pending<>(item, new CompletableFuture<>());
        queue.add(p);
        if (!running && queue.remove(p)) {
            return single.apply(item); // stopped while we queued: nobody would take it
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.done().get();
                } catch (InterruptedException e) {
                    interrupted = true; // the outcome is on its way to the database: wait for it, then stop
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Items waiting for the writer (for tests and metrics). */
    int backlog() {
        return queue.size();
    }

    private void run() {
        List<Pending<I, R>> taken = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<I, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken, maxBatch - taken.size());
                long until = System.nanoTime() + lingerNanos;
                while (taken.size() < maxBatch && lingerNanos > 0) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Pending<I, R> more = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (more == null) {
                        break;
                    }
                    taken.add(more);
                    queue.drainTo(taken, maxBatch - taken.size());
                }
                writeAll(taken);
            } catch (InterruptedException e) {
                writeAll(taken); // what was taken is written whatever woke us
                if (!running) {
                    taken.clear();
                    drainAndWrite();
                    return;
                }
            } catch (Throwable e) {
                LOG.errorf(e, "%s: writer error; continuing", name);
                taken.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                taken.clear();
            }
        }
    }

    private void drainAndWrite() {
        List<Pending<I, R>> rest = new ArrayList<>();
        queue.drainTo(rest);
        writeAll(rest);
    }

    private void writeAll(List<Pending<I, R>> taken) {
        if (taken.isEmpty()) {
            return;
        }
        List<I> items = taken.stream().map(Pending::item).toList();
        try {
            long start = System.nanoTime();
            List<R> results = batch.apply(items);
            batchTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSize.record(items.size());
            for (int i = 0; i < taken.size(); i++) {
                taken.get(i).done().complete(results.get(i));
            }
            return;
        } catch (RuntimeException e) {
            if (taken.size() > 1) {
                LOG.warnf("%s: batch of %d failed (%s); writing each on its own", name, taken.size(), e.toString());
            } else {
                taken.get(0).done().completeExceptionally(e);
                return;
            }
        }
        for (Pending<I, R> p : taken) {
            try {
                p.done().complete(single.apply(p.item()));
            } catch (RuntimeException e) {
                p.done().completeExceptionally(e);
            }
        }
    }

    /** Writes what is queued, then stops; later writes happen in the callers' threads. */
    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainAndWrite(); // anything queued while the thread was stopping
    }
}
