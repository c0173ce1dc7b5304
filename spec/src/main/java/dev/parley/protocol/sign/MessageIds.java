package dev.parley.protocol.sign;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Message ids as UUIDv7 (RFC 9562): a millisecond timestamp followed by random bits, so ids are
 * unique per issuer and sort by time. Clock and randomness are injected.
 */
public final class MessageIds {
    private final Clock clock;
    private final RandomGenerator random;

    public MessageIds(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public String next() {
        long millis = clock.millis();
        long randA;
        long randB;
        synchronized (random) {
            randA = random.nextLong() & 0x0FFFL;
            randB = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        }
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = 0x8000_0000_0000_0000L | randB;
        return new UUID(msb, lsb).toString();
    }
}
