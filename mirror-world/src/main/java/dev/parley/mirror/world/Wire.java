package dev.parley.mirror.world;

import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.keys.DidKeyResolver;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.Verifier;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * How a message body travels between the simulated brand and twins. Direct hands the body over
 * as is; signed makes it a signed protocol message (did:key Ed25519 keys for the brand and the
 * twins), verifies it as the receiver would (signature, type, audience, times, replay, schema) and
 * hands over the body read back from the verified message. Decisions only ever see what arrived.
 */
public interface Wire {

    /** Which way a message goes. */
    enum Direction { TO_BRAND, TO_TWIN }

    <T> T send(Direction direction, MessageType type, T body, Class<T> bodyClass);

    /** Messages signed and verified so far (0 when direct). */
    long messages();

    static Wire direct() {
        return new Wire() {
            @Override
            public <T> T send(Direction direction, MessageType type, T body, Class<T> bodyClass) {
                return body;
            }

            @Override
            public long messages() {
                return 0;
            }
        };
    }

    /** A signing wire on the simulation's clock; key generation is the only randomness not seeded (it never reaches a decision). */
    static Wire signed(Clock clock, long seed) {
        return new Signed(clock, seed);
    }

    /** Signs and verifies every message. */
    final class Signed implements Wire {
        private final MessageSigner brand;
        private final MessageSigner twin;
        private final Verifier brandSide;
        private final Verifier twinSide;
        private long count;

        Signed(Clock clock, long seed) {
            var brandKey = Keys.generate(Keys.Algorithm.ED25519, null);
            var twinKey = Keys.generate(Keys.Algorithm.ED25519, null);
            this.brand = MessageSigner.forDidKey(brandKey, clock, new SplittableRandom(seed));
            this.twin = MessageSigner.forDidKey(twinKey, clock, new SplittableRandom(~seed));
            this.brandSide = Verifier.builder().keys(new DidKeyResolver()).expectAudience(brand.issuer())
                    .replayGuard(new InMemoryReplayGuard(1_000_000, clock)).clock(clock).build();
            this.twinSide = Verifier.builder().keys(new DidKeyResolver()).expectAudience(twin.issuer())
                    .replayGuard(new InMemoryReplayGuard(1_000_000, clock)).clock(clock).build();
        }

        @Override
        public <T> T send(Direction direction, MessageType type, T body, Class<T> bodyClass) {
            MessageSigner from = direction == Direction.TO_BRAND ? twin : brand;
            MessageSigner to = direction == Direction.TO_BRAND ? brand : twin;
            Verifier at = direction == Direction.TO_BRAND ? brandSide : twinSide;
            String compact = from.message(type, body).to(to.issuer()).sign().compact();
            try {
                count++;
                return at.verify(compact).body(bodyClass);
            } catch (ProtocolException e) {
                throw new IllegalStateException("a simulated " + type + " failed verification: " + e.code() + " " + e.getMessage(), e);
            }
        }

        @Override
        public long messages() {
            return count;
        }
    }
}
