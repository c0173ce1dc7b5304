package dev.parley.protocol.verify;

import dev.parley.protocol.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void record_sameIssuerAndIdTwice_isReplayed() throws ProtocolException {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(10, clock);
        guard.record("did:key:a", "m1", clock.instant().plusSeconds(60));
        ProtocolException e = assertThrows(ProtocolException.class, () -> guard.record("did:key:a", "m1", clock.instant().plusSeconds(60)));
        assertEquals(ErrorCode.REPLAYED, e.code());
    }

    @Test
    void record_sameIdFromAnotherIssuer_isAccepted() throws ProtocolException {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(10, clock);
        guard.record("did:key:a", "m1", clock.instant().plusSeconds(60));
        assertDoesNotThrow(() -> guard.record("did:key:b", "m1", clock.instant().plusSeconds(60)));
    }

    @Test
    void entries_areForgottenOnceTheirMessageCouldNoLongerVerify() throws ProtocolException {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(10, clock);
        guard.record("i", "m1", clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(61));
        assertDoesNotThrow(() -> guard.record("i", "m2", clock.instant().plusSeconds(60)));
        assertEquals(1, guard.size());
    }

    @Test
    void full_refusesWithUnavailableRatherThanForgettingLiveEntries() throws ProtocolException {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(2, clock);
        guard.record("i", "m1", clock.instant().plusSeconds(60));
        guard.record("i", "m2", clock.instant().plusSeconds(60));
        ProtocolException e = assertThrows(ProtocolException.class, () -> guard.record("i", "m3", clock.instant().plusSeconds(60)));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertEquals(ErrorCode.REPLAYED, assertThrows(ProtocolException.class, () -> guard.record("i", "m1", clock.instant().plusSeconds(60))).code());
    }

    @Test
    void full_makesRoomFromExpiredEntriesAnywhereInTheMap() throws ProtocolException {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(2, clock);
        guard.record("i", "long", clock.instant().plusSeconds(600));
        guard.record("i", "short", clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(11));
        assertDoesNotThrow(() -> guard.record("i", "m3", clock.instant().plusSeconds(60)));
        assertEquals(ErrorCode.REPLAYED, assertThrows(ProtocolException.class, () -> guard.record("i", "long", clock.instant().plusSeconds(60))).code());
    }
}
