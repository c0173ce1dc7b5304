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

    public SharedReplayGuard(SharedState state, Clock clock, int capacity) {
        this.state = state;
        this.clock = clock;
        this.capacity = capacity;
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
        if (!state.putIfAbsent(MAP, issuer + ' ' + id, "", ttl)) {
            throw new ProtocolException(ErrorCode.REPLAYED, "message " + id + " of " + issuer + " was already received");
        }
    }
}
