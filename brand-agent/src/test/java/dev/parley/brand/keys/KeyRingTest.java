package dev.parley.brand.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.keys.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void rotation_publishesFirst_signsAfterTheLead_andRetiresTheOldKeyAfterTheGrace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.json");
        KeyRing ring = KeyRing.loadOrCreate(file, Keys.Algorithm.ED25519, T);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String first = ring.signingKey(T).getKeyID();
        assertEquals(first, KeyRing.loadOrCreate(file, Keys.Algorithm.ED25519, T.plusSeconds(5)).signingKey(T).getKeyID(), "kept across restarts");
        assertEquals(ring.signingKey(T).computeThumbprint().toString(), first, "kid is the RFC 7638 thumbprint");

        KeyRing rotated = ring.rotate(Keys.Algorithm.ED25519, T, Duration.ofHours(1), Duration.ofDays(7));
        rotated.save(file);
        KeyRing reloaded = KeyRing.load(file);
        String second = reloaded.entries().get(1).key().getKeyID();
        assertNotEquals(first, second);
        assertEquals(first, reloaded.signingKey(T.plus(Duration.ofMinutes(59))).getKeyID(), "the old key signs during the lead");
        assertEquals(second, reloaded.signingKey(T.plus(Duration.ofHours(1))).getKeyID());
        assertEquals(2, reloaded.publicJwks(T).getKeys().size(), "the new key is published at once");
        assertEquals(2, reloaded.publicJwks(T.plus(Duration.ofDays(7))).getKeys().size(), "the old key is kept through the grace period");
        assertEquals(1, reloaded.publicJwks(T.plus(Duration.ofDays(7)).plus(Duration.ofHours(1))).getKeys().size());
        assertTrue(reloaded.publicJwks(T).getKeys().stream().noneMatch(k -> k.isPrivate()), "the JWKS holds public keys only");
        assertEquals(Optional.of(T.plus(Duration.ofHours(1))), reloaded.nextChange(T));
    }
}
