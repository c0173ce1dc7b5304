package dev.parley.mirror.world;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulation's clock: it stands still until the simulation moves it. Not thread-safe: one per simulated world. */
public final class SimulatedClock extends Clock {

    private Instant now;

    public SimulatedClock(Instant start) {
        this.now = start;
    }

    public void set(Instant instant) {
        this.now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is UTC");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
