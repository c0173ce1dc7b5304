package dev.parley.brand.shared;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.verify.ReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The replay guard of a brand's nodes: an (issuer, id) pair accepted by any node is refused by
 * every node until it expires. Refuses new records with {@code unavailable} beyond a capacity,
 * so a flood of messages cannot exhaust memory.
 */
public final class SharedReplayGuard implements ReplayGuard {

    static final String MAP = "parley.replay";

    private final SharedState state;
    private final Clock clock;
    private final int capacity;
    private final Durable durable;

    /** Where accepted messages are also written, so that a restart does not forget them. */
    @FunctionalInterface
    public interface Durable {
        void remember(String key, Instant forgetAfter);
    }

    public SharedReplayGuard(SharedState state, Clock clock, int capacity, Durable durable) {
        this.state = state;
        this.clock = clock;
        this.capacity = capacity;
        this.durable = durable;
    }

    /** Takes back records written before a restart. */
    public void restore(java.util.Map<String, Instant> remembered) {
        Instant now = clock.instant();
        remembered.forEach((key, forgetAfter) -> {
            if (forgetAfter.isAfter(now)) {
                state.putIfAbsent(MAP, key, "", Duration.between(now, forgetAfter));
            }
        });
    }

    @Override
    public void record(String issuer, String id, Instant forgetAfter) throws ProtocolException {
        Duration ttl = Duration.between(clock.instant(), forgetAfter);
        if (ttl.isNegative() || ttl.isZero()) {
            return;
        }
        if (state.size(MAP) >= capacity) {
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "too many messages in flight; retry later");
        }
        String key = issuer + ' ' + id;
        if (!state.putIfAbsent(MAP, key, "", ttl)) {
            throw new ProtocolException(ErrorCode.REPLAYED, "message " + id + " of " + issuer + " was already received");
        }
        durable.remember(key, forgetAfter);
    }
}
