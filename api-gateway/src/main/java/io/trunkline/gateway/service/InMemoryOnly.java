package io.trunkline.gateway.service;

import java.util.function.Supplier;

/**
 * A send attempted on the Vert.x event loop, where it must not block. {@code POST /v1/messages} (its authentication
 * and rate-limit filters too) and {@code /cgi-bin/sendsms} first run in such an attempt: when the accept caches hold
 * what the send needs (the key, the tenant's limit, balance and routing rules) it is answered without leaving the
 * event loop, two thread hand-offs fewer per request (measured at 1,850 sends/s: parking and waking the worker
 * threads took about 14 % of the gateway's CPU). Every step that would block (a cache miss that reads MariaDB,
 * recording a key's use, asking billing for the least-cost carrier, a scheduled send) calls {@link #mayBlock()}
 * before it changes anything; inside an attempt that throws {@link NeedsWorker}, and the caller runs that step or the
 * whole send again on a worker thread ({@code rest.WorkerFallbacks}). Outside an attempt {@link #mayBlock()} does
 * nothing.
 */
public final class InMemoryOnly {
    private static final ThreadLocal<Boolean> ATTEMPT = new ThreadLocal<>();
    private static final NeedsWorker NEEDS_WORKER = new NeedsWorker();

    private InMemoryOnly() {
    }

    /** The attempt needs a step that blocks: run it again on a worker thread. Stackless (it is control flow). */
    public static final class NeedsWorker extends RuntimeException {
        private NeedsWorker() {
            super("this send needs a worker thread", null, false, false);
        }
    }

    /** Runs {@code attempt} with every blocking step refused ({@link NeedsWorker}). */
    public static <T> T attempt(Supplier<T> attempt) {
        Boolean outer = ATTEMPT.get();
        ATTEMPT.set(Boolean.TRUE);
        try {
            return attempt.get();
        } finally {
            if (outer == null) {
                ATTEMPT.remove();
            } else {
                ATTEMPT.set(outer);
            }
        }
    }

    /** Call before a step that may block: inside an attempt it throws {@link NeedsWorker}. */
    public static void mayBlock() {
        if (ATTEMPT.get() != null) {
            throw NEEDS_WORKER;
        }
    }
}
