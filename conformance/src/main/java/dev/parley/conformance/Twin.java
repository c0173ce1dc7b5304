package dev.parley.conformance;

import com.nimbusds.jose.jwk.JWK;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.sign.MessageSigner;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * A test identity the kit creates for itself: a fresh Ed25519 did:key (spec §2.2), used only for
 * one run against one target.
 */
public final class Twin {

    private final String name;
    private final MessageSigner signer;

    Twin(String name, Clock clock, RandomGenerator random) {
        this.name = name;
        JWK key = Keys.generate(Keys.Algorithm.ED25519, name);
        this.signer = MessageSigner.forDidKey(key, clock, random);
    }

    /** A label for reports ("twin A"). */
    public String name() {
        return name;
    }

    public String did() {
        return signer.issuer();
    }

    public MessageSigner signer() {
        return signer;
    }
}
