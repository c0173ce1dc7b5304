package dev.parley.brand.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void aBurstIsGranted_thenTheRate_andARefusalSaysHowLongToWait() {
        RateLimiter limiter = new RateLimiter(clock, 2, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.acquire("twin"), "the burst");
        }
        assertEquals(Optional.of(1L), limiter.acquire("twin"), "half a second to the next token, rounded up");
        assertEquals(Optional.empty(), limiter.acquire("another twin"), "each key has its own bucket");
        clock.advance(Duration.ofMillis(500));
        assertEquals(Optional.empty(), limiter.acquire("twin"), "one token back after half a second at 2/s");
        assertTrue(limiter.acquire("twin").isPresent());
    }

    @Test
    void idleBucketsAreForgotten_byLaterRequests_withoutAnyRequestWalkingTheTable() {
        RateLimiter limiter = new RateLimiter(clock, 10, 5);
        for (int i = 0; i < 10_000; i++) {
            limiter.acquire("twin-" + i);
        }
        assertTrue(limiter.size() > 9_000, "active buckets are kept: " + limiter.size());
        clock.advance(Duration.ofSeconds(1)); // every bucket is full again: idle
        for (int i = 0; i < 6_000; i++) {
            limiter.acquire("busy");
        }
        // two buckets looked at per request: 12,000 looks go round the table once
        assertTrue(limiter.size() < 100, "idle buckets forgotten: " + limiter.size());
        assertTrue(limiter.acquire("busy").isPresent(), "the busy key's own bucket is kept, and empty");
    }
}
