package dev.parley.protocol.keys;

import dev.parley.protocol.error.ProtocolException;

/**
 * Finds the key an issuer signs with under a key id. Called by the verifier on every message,
 * possibly on an event loop: implementations answer from memory and never block on I/O (keys
 * fetched over the network are fetched ahead, see {@link JwksKeyResolver}). Thread-safe.
 */
@FunctionalInterface
public interface KeyResolver {

    /**
     * The key {@code kid} of {@code issuer}.
     *
     * @throws ProtocolException {@code unknown_key} if the issuer has no such key (or is not
     *     served by this resolver)
     */
    VerificationKey resolve(String issuer, String kid) throws ProtocolException;

    /** A resolver that asks each of {@code resolvers} by issuer scheme: did:key first, then the rest. */
    static KeyResolver firstOf(KeyResolver... resolvers) {
        return new CompositeKeyResolver(java.util.List.of(resolvers));
    }
}
