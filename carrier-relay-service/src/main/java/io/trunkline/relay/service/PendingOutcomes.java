package io.trunkline.relay.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.trunkline.relay.smpp.MessageIds;

/**
 * Carrier ids answered in a submit_sm_resp whose outcome is waiting for the outcome writer's commit. An SMSC that
 * sends the receipt at once can have it arrive before the part is in the database; rather than storing it as an
 * orphan (matched only by the next outcome batch that commits after it, or by the orphan sweep), the receive thread
 * waits a little for that commit. A wait only delays the deliver_sm_resp; when it times out the receipt takes the
 * orphan path as before. In memory and per process: receipts for another instance's parts still use the orphans.
 */
final class PendingOutcomes {
    private final ConcurrentHashMap<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    /** The parts' ids are about to be recorded; the returned future must be completed once that committed (or not). */
    CompletableFuture<Void> register(List<String> carrierIds) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (String id : carrierIds) {
            pending.put(MessageIds.normalise(id), done);
        }
        return done;
    }

    /** The outcome with these ids was written (or failed): receipts waiting for it go on. */
    void done(List<String> carrierIds, CompletableFuture<Void> done) {
        for (String id : carrierIds) {
            pending.remove(MessageIds.normalise(id), done);
        }
        done.complete(null);
    }

    /** Waits (at most {@code max}) until no outcome naming one of these normalised ids is waiting for its commit. */
    void awaitRecorded(List<String> candidates, Duration max) {
        long until = System.nanoTime() + max.toNanos();
        for (String c : candidates) {
            CompletableFuture<Void> f = pending.get(c);
            if (f == null) {
                continue;
            }
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                f.get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // timed out or failed: the receipt goes its way (orphan if its part is not there)
            }
        }
    }

    int size() {
        return pending.size();
    }
}
