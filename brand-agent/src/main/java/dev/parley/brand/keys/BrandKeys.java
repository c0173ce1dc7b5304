package dev.parley.brand.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.sign.MessageSigner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The brand's live keys: the signer for the key active now and the JWKS published now, following
 * the {@link KeyRing} as its keys activate and retire, and rotation that persists the new ring.
 * Thread-safe.
 */
public final class BrandKeys {

    private final String origin;
    private final Clock clock;
    private final RandomGenerator random;
    private final Path file;
    private final Map<String, MessageSigner> signers = new ConcurrentHashMap<>();
    private volatile KeyRing ring;

    /**
     * @param file where the ring is persisted (null: not persisted, for tests)
     */
    public BrandKeys(String origin, KeyRing ring, Path file, Clock clock, RandomGenerator random) {
        this.origin = origin;
        this.ring = ring;
        this.file = file;
        this.clock = clock;
        this.random = random;
    }

    public String origin() {
        return origin;
    }

    public KeyRing ring() {
        return ring;
    }

    /** The signer of the key that signs now. */
    public MessageSigner signer() {
        JWK key = ring.signingKey(clock.instant());
        return signers.computeIfAbsent(key.getKeyID(), kid -> MessageSigner.create(key, origin, clock, random));
    }

    /** The JWKS published now. */
    public JWKSet jwks() {
        return ring.publicJwks(clock.instant());
    }

    /** Adds a new key (see {@link KeyRing#rotate}) and persists the ring. */
    public synchronized KeyRing rotate(Duration lead, Duration grace) {
        KeyRing next = ring.rotate(Keys.algorithmOf(ring.signingKey(clock.instant())), clock.instant(), lead, grace);
        if (file != null) {
            next.save(file);
        }
        ring = next;
        return next;
    }

    /** Adopts a ring changed on disk by another process (the rotate command). */
    public synchronized void reload() {
        if (file != null) {
            ring = KeyRing.load(file);
        }
    }
}
