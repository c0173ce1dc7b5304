package dev.parley.protocol.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys of HTTPS-origin issuers (brands), held in memory per issuer from their published JWKS.
 * {@link #resolve} answers from memory only. {@link #refresh} fetches an issuer's JWKS through a
 * {@link JwksSource} without blocking and replaces that issuer's keys, which is how rotation is
 * honoured: when a message names a key id not yet known, the caller refreshes (at most once per
 * {@code minRefreshInterval} per issuer, so a flood of unknown kids cannot make it hammer the
 * brand) and verifies again. Thread-safe.
 */
public final class JwksKeyResolver implements KeyResolver {

    /** Fetches an issuer's JWKS; implementations must not block the calling thread. */
    @FunctionalInterface
    public interface JwksSource {
        CompletionStage<JWKSet> fetch(String issuer);
    }

    private record Entry(Map<String, VerificationKey> keys, Instant fetchedAt) {}

    private final Map<String, Entry> byIssuer = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRefresh = new ConcurrentHashMap<>();
    private final JwksSource source;
    private final Clock clock;
    private final Duration minRefreshInterval;

    private JwksKeyResolver(JwksSource source, Clock clock, Duration minRefreshInterval) {
        this.source = source;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
    }

    /** A resolver that knows only the keys put into it. */
    public static JwksKeyResolver fixed(Clock clock) {
        return new JwksKeyResolver(null, clock, Duration.ZERO);
    }

    /** A resolver that can refresh issuers' keys from {@code source}. */
    public static JwksKeyResolver refreshing(JwksSource source, Clock clock, Duration minRefreshInterval) {
        return new JwksKeyResolver(Objects.requireNonNull(source, "source"), clock, minRefreshInterval);
    }

    /**
     * Replaces the keys of {@code issuer} with the usable public keys of {@code jwks}. Keys of
     * other types (RSA, symmetric …) are skipped: a JWKS may serve other purposes too.
     *
     * @return the key ids now known for the issuer
     */
    public List<String> put(String issuer, JWKSet jwks) {
        Objects.requireNonNull(issuer, "issuer");
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        for (JWK jwk : jwks.getKeys()) {
            JWK publicJwk = jwk.toPublicJWK();
            if (publicJwk == null) {
                // a symmetric key has no public part: not usable for Parley
                continue;
            }
            try {
                VerificationKey key = VerificationKey.fromJwk(publicJwk);
                keys.putIfAbsent(key.kid(), key);
            } catch (IllegalArgumentException skipped) {
                // not an Ed25519 or P-256 key with a kid: not usable for Parley
            }
        }
        byIssuer.put(issuer, new Entry(Map.copyOf(keys), clock.instant()));
        return List.copyOf(keys.keySet());
    }

    /** Parses a JWKS document and {@link #put}s it. */
    public List<String> put(String issuer, String jwksJson) throws ProtocolException {
        try {
            return put(issuer, JWKSet.parse(jwksJson));
        } catch (ParseException e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "invalid JWKS for " + issuer + ": " + e.getMessage(), e);
        }
    }

    public boolean knows(String issuer) {
        return byIssuer.containsKey(issuer);
    }

    @Override
    public VerificationKey resolve(String issuer, String kid) throws ProtocolException {
        Entry entry = byIssuer.get(issuer);
        if (entry == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KEY, "no keys known for issuer " + issuer);
        }
        VerificationKey key = entry.keys().get(kid);
        if (key == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KEY, "issuer " + issuer + " has no key " + kid);
        }
        return key;
    }

    /**
     * Fetches the issuer's JWKS again unless it was fetched less than the minimum interval ago.
     *
     * @return whether a fetch happened and succeeded
     */
    public CompletionStage<Boolean> refresh(String issuer) {
        if (source == null) {
            return CompletableFuture.completedFuture(false);
        }
        Instant now = clock.instant();
        Instant previous = lastRefresh.get(issuer);
        if (previous != null && now.isBefore(previous.plus(minRefreshInterval))) {
            return CompletableFuture.completedFuture(false);
        }
        lastRefresh.put(issuer, now);
        return source.fetch(issuer).handle((jwks, failure) -> {
            if (failure != null || jwks == null) {
                return false;
            }
            put(issuer, jwks);
            return true;
        });
    }
}
