package dev.parley.protocol.keys;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves {@code did:key} issuers from the identifier itself. The key id must be
 * {@code <did>#<multibase>}. Decoded keys are kept in a bounded cache, since a brand sees
 * the same twins again and again.
 */
public final class DidKeyResolver implements KeyResolver {
    private static final int CACHE_SIZE = 4096;

    /**
     * Read on every verification, from many threads at once: a concurrent map, so that hits take
     * no lock. Bounded by starting afresh when full, which costs one decoding per twin seen again.
     */
    private final Map<String, VerificationKey> cache = new ConcurrentHashMap<>();

    @Override
    public VerificationKey resolve(String issuer, String kid) throws ProtocolException {
        if (issuer == null || !issuer.startsWith(DidKey.PREFIX)) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KEY, "not a did:key issuer: " + issuer);
        }
        if (!DidKey.keyId(issuer).equals(kid)) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KEY, "kid of a did:key issuer must be " + DidKey.keyId(issuer));
        }
        VerificationKey cached = cache.get(issuer);
        if (cached != null) {
            return cached;
        }
        VerificationKey key;
        try {
            key = VerificationKey.ed25519(kid, DidKey.publicKey(issuer));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KEY, e.getMessage());
        }
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(issuer, key);
        return key;
    }
}
