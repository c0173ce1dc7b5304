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

    private static final int SWEEP_EVERY = 4096;

    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

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
        if (buckets.size() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(b -> b[0] + (now - b[1]) * perSecond >= burst);
        }
        return result[0] == 0 ? Optional.empty() : Optional.of((long) Math.ceil(result[0]));
    }
}
