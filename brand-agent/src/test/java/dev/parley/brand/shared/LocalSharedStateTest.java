package dev.parley.brand.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalSharedStateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void entriesExpire_andAnExpiredKeyCanBeStoredAgain() {
        try (LocalSharedState state = new LocalSharedState(clock)) {
            assertTrue(state.putIfAbsent("m", "k", "first", Duration.ofSeconds(10)));
            assertFalse(state.putIfAbsent("m", "k", "second", Duration.ofSeconds(10)), "present: kept");
            assertEquals(Optional.of("first"), state.get("m", "k"));
            clock.advance(Duration.ofSeconds(10));
            assertEquals(Optional.empty(), state.get("m", "k"), "expired");
            assertTrue(state.putIfAbsent("m", "k", "third", null));
            assertEquals(Optional.of("third"), state.get("m", "k"));
        }
    }

    @Test
    void expiredEntriesAreSwept_onTheSweeperThread_asTheMapGrows() throws Exception {
        try (LocalSharedState state = new LocalSharedState(clock)) {
            for (int i = 0; i < 9_000; i++) {
                state.putIfAbsent("replay", "old-" + i, "", Duration.ofMinutes(1));
            }
            clock.advance(Duration.ofMinutes(2));
            for (int i = 0; i < 1_000; i++) {
                state.putIfAbsent("replay", "new-" + i, "", Duration.ofMinutes(1));
            }
            // the 10,000th entry asked for a sweep; it runs behind the caller
            state.awaitSweeps();
            assertEquals(1_000, state.size("replay"), "the expired entries are gone, the live ones kept");
        }
    }
}
