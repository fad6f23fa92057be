package io.trunkline.relay.smpp;

/**
 * A token bucket: {@code rate} tokens a second, at most {@code burst} saved up. {@link #acquire()} blocks until a
 * token is free. One bucket per carrier, shared by all of its binds and senders. Rate 0 means unlimited.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(int ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.last = System.nanoTime();
    }

    /** A bucket for {@code ratePerSecond} with a burst of a tenth of a second (at least one). */
    public static TokenBucket perSecond(int ratePerSecond) {
        return new TokenBucket(ratePerSecond, Math.max(1, ratePerSecond / 10));
    }

    public boolean unlimited() {
        return ratePerNano <= 0;
    }

    /** Takes one token, waiting as long as needed. */
    public void acquire() throws InterruptedException {
        if (unlimited()) {
            return;
        }
        while (true) {
            long waitNanos;
            synchronized (this) {
                refill();
                if (tokens >= 1) {
                    tokens -= 1;
                    return;
                }
                waitNanos = (long) Math.ceil((1 - tokens) / ratePerNano);
            }
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    /** Takes a token if one is free now. */
    public synchronized boolean tryAcquire() {
        if (unlimited()) {
            return true;
        }
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
    }
}
