package io.trunkline.relay.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the SMPP and HTTP dispatchers share: a pool of submitting workers as large as the window, and the way they
 * stop (claimed messages a stopped worker never reported on are swept to UNKNOWN, never resent).
 */
abstract class QueueSender implements Runnable {
    /** One thread per window slot: each waits for its own answer. */
    protected final ExecutorService workers;
    protected volatile boolean running = true;

    QueueSender(String threadPrefix, int window) {
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(window, r -> {
            Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void stop() {
        running = false;
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
