package dev.parley.protocol.keys;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves {@code did:key} issuers from the identifier itself. The key id must be
 * {@code <did>#<multibase>}. Decoded keys are kept in a small bounded cache, since a brand sees
 * the same twins again and again.
 */
public final class DidKeyResolver implements KeyResolver {
    private static final int CACHE_SIZE = 4096;

    private final Map<String, VerificationKey> cache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, VerificationKey> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    @Override
    public VerificationKey resolve(String issuer, String kid) throws ProtocolException {
        if (issuer == null || !issuer.startsWith(DidKey.PREFIX)) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KEY, "not a did:key issuer: " + issuer);
        }
        if (!DidKey.keyId(issuer).equals(kid)) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KEY, "kid of a did:key issuer must be " + DidKey.keyId(issuer));
        }
        synchronized (cache) {
            VerificationKey cached = cache.get(issuer);
            if (cached != null) {
                return cached;
            }
        }
        VerificationKey key;
        try {
            key = VerificationKey.ed25519(kid, DidKey.publicKey(issuer));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KEY, e.getMessage());
        }
        synchronized (cache) {
            cache.put(issuer, key);
        }
        return key;
    }
}
