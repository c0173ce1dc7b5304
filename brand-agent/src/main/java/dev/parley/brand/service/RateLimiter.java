package dev.parley.brand.service;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (an issuer, a client address): {@code perSecond} requests a second on
 * average, bursts up to {@code burst}. Buckets idle long enough to be full again are forgotten,
 * so the table stays as small as the set of active clients. Thread-safe.
 */
public final class RateLimiter {

    /** Buckets looked at per request, for forgetting the idle ones: a full pass every few requests per bucket, never a long one. */
    private static final int SWEEP_PER_REQUEST = 2;

    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();
    private final java.util.concurrent.locks.ReentrantLock sweeping = new java.util.concurrent.locks.ReentrantLock();
    /** Where the sweep goes on from; guarded by {@link #sweeping}. */
    private java.util.Iterator<Map.Entry<String, double[]>> cursor;

    public RateLimiter(Clock clock, double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** A limiter that never limits. */
    public static RateLimiter unlimited(Clock clock) {
        return new RateLimiter(clock, Double.MAX_VALUE / 4, Integer.MAX_VALUE);
    }

    /** Takes one token for {@code key}; empty if granted, else the seconds to wait. */
    public Optional<Long> acquire(String key) {
        double now = clock.millis() / 1000.0;
        double[] result = new double[1];
        buckets.compute(key, (k, b) -> {
            double[] bucket = b == null ? new double[] {burst, now} : b;
            double tokens = Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond);
            if (tokens >= 1) {
                bucket[0] = tokens - 1;
                result[0] = 0;
            } else {
                bucket[0] = tokens;
                result[0] = (1 - tokens) / perSecond;
            }
            bucket[1] = now;
            return bucket;
        });
        sweepSome(now);
        return result[0] == 0 ? Optional.empty() : Optional.of((long) Math.ceil(result[0]));
    }

    /**
     * Forgets the idle buckets among the next few of the table, going round it: each request
     * looks at {@value #SWEEP_PER_REQUEST}, so the table never holds idle buckets for long and no
     * caller (an event loop among them) ever walks the whole table. A request that finds another
     * sweeping skips its turn.
     */
    private void sweepSome(double now) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            for (int i = 0; i < SWEEP_PER_REQUEST; i++) {
                if (cursor == null || !cursor.hasNext()) {
                    cursor = buckets.entrySet().iterator();
                    if (!cursor.hasNext()) {
                        return;
                    }
                }
                Map.Entry<String, double[]> e = cursor.next();
                double[] b = e.getValue();
                if (b[0] + (now - b[1]) * perSecond >= burst) {
                    buckets.remove(e.getKey(), b);
                }
            }
        } finally {
            sweeping.unlock();
        }
    }

    /** Buckets held now (active clients, and idle ones not yet swept). */
    int size() {
        return buckets.size();
    }
}
