package dev.parley.protocol.verify;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded in-memory {@link ReplayGuard} for one node. Entries are forgotten once their message
 * can no longer verify (after {@code exp} plus skew). When it holds {@code capacity} live entries
 * it refuses new messages with {@code unavailable} rather than forget one early, which would let a
 * replay through: size it for the peak rate times the longest conversational lifetime.
 */
public final class InMemoryReplayGuard implements ReplayGuard {
    private final Map<String, Long> seen = new LinkedHashMap<>();
    private final int capacity;
    private final Clock clock;

    public InMemoryReplayGuard(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void record(String issuer, String id, Instant forgetAfter) throws ProtocolException {
        long now = clock.millis();
        String key = issuer + '\n' + id;
        Long previous = seen.get(key);
        if (previous != null && previous > now) {
            throw new ProtocolException(ErrorCode.REPLAYED, "message " + id + " from " + issuer + " was already received");
        }
        dropExpiredHead(now);
        if (seen.size() >= capacity) {
            seen.values().removeIf(expiry -> expiry <= now);
            if (seen.size() >= capacity) {
                throw new ProtocolException(ErrorCode.UNAVAILABLE, "replay guard is full; try again shortly");
            }
        }
        seen.remove(key);
        seen.put(key, forgetAfter.toEpochMilli());
    }

    /** Entries mostly arrive in expiry order, so expired ones gather at the head. */
    private void dropExpiredHead(long now) {
        Iterator<Long> it = seen.values().iterator();
        while (it.hasNext()) {
            if (it.next() > now) {
                return;
            }
            it.remove();
        }
    }

    /** How many messages are remembered now. */
    public synchronized int size() {
        return seen.size();
    }
}
