package dev.parley.protocol.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Generating, reading and publishing Parley signing keys (Ed25519 by default, or ES256). */
public final class Keys {

    /** The signature algorithms Parley signs with. */
    public enum Algorithm {
        ED25519("Ed25519"), ES256("ES256");

        private final String jwsName;

        Algorithm(String jwsName) {
            this.jwsName = jwsName;
        }

        /** The JWS {@code alg} value. */
        public String jwsName() {
            return jwsName;
        }

        /**
         * Parses {@code Ed25519}, {@code EdDSA} (the deprecated polymorphic name, taken to mean
         * Ed25519) or {@code ES256}, ignoring case.
         */
        public static Algorithm parse(String name) {
            return switch (name.toUpperCase(Locale.ROOT)) {
                case "ED25519", "EDDSA" -> ED25519;
                case "ES256" -> ES256;
                default -> throw new IllegalArgumentException("unsupported algorithm \"" + name + "\": use Ed25519 or ES256");
            };
        }
    }

    private Keys() {}

    /** A fresh private signing key with the given key id (secure randomness from the platform). */
    public static JWK generate(Algorithm algorithm, String kid) {
        try {
            return switch (algorithm) {
                case ED25519 -> new OctetKeyPairGenerator(Curve.Ed25519)
                        .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.Ed25519).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256)
                        .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.ES256).generate();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed: " + e.getMessage(), e);
        }
    }

    /** The algorithm a private or public JWK signs with, or a clear error for unusable keys. */
    public static Algorithm algorithmOf(JWK jwk) {
        if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return Algorithm.ED25519;
        }
        if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return Algorithm.ES256;
        }
        throw new IllegalArgumentException("unsupported key type " + jwk.getKeyType() + ": Parley keys are OKP/Ed25519 or EC/P-256");
    }

    /** Parses one JWK (JSON object). */
    public static JWK parseJwk(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a JWK or a JWKS and returns all its keys, so tools can take either form of file.
     */
    public static List<JWK> parseJwkOrJwks(String json) {
        try {
            if (json.contains("\"keys\"")) {
                return JWKSet.parse(json).getKeys();
            }
            return List.of(JWK.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException("neither a JWK nor a JWKS: " + e.getMessage(), e);
        }
    }

    /** The public JWKS of the given keys (private parts removed). */
    public static JWKSet publicJwks(List<JWK> keys) {
        List<JWK> publics = new ArrayList<>();
        for (JWK key : keys) {
            algorithmOf(key);
            publics.add(key.toPublicJWK());
        }
        return new JWKSet(publics);
    }
}
