package dev.parley.protocol.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A public key that can check Parley signatures, bound to its key id. Built only from public key
 * material the verifier trusts (a JWKS or a did:key), never from a message's own header.
 *
 * <p>Ed25519 is checked with Bouncy Castle's RFC 8032 implementation on a point decoded once
 * (measured about twice as fast as the Tink path Nimbus uses, see BENCHMARKS.md); ES256 with
 * Nimbus's {@link ECDSAVerifier}. Instances are immutable and thread-safe.
 */
public final class VerificationKey {

    /** The key types Parley accepts. */
    public enum Type {
        ED25519, P256
    }

    private final String kid;
    private final Type type;
    private final JWK publicJwk;
    private final Ed25519.PublicPoint edPoint;
    private final ECDSAVerifier ecVerifier;

    private VerificationKey(String kid, Type type, JWK publicJwk, Ed25519.PublicPoint edPoint, ECDSAVerifier ecVerifier) {
        this.kid = kid;
        this.type = type;
        this.publicJwk = publicJwk;
        this.edPoint = edPoint;
        this.ecVerifier = ecVerifier;
    }

    /** An Ed25519 key from its 32 raw public bytes. */
    public static VerificationKey ed25519(String kid, byte[] publicKey) {
        Objects.requireNonNull(kid, "kid");
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(publicKey, 0);
        if (point == null) {
            throw new IllegalArgumentException("not a valid Ed25519 public key (kid " + kid + ")");
        }
        OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicKey)).keyID(kid).build();
        return new VerificationKey(kid, Type.ED25519, jwk, point, null);
    }

    /**
     * The public part of a JWK: an OKP key on Ed25519 or an EC key on P-256. Anything else
     * (RSA, symmetric, other curves) is refused: Parley accepts no other algorithm.
     */
    public static VerificationKey fromJwk(JWK jwk) {
        Objects.requireNonNull(jwk, "jwk");
        String kid = jwk.getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw new IllegalArgumentException("a Parley key needs a kid");
        }
        if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return ed25519(kid, okp.getDecodedX());
        }
        if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            try {
                ECKey pub = ec.toPublicJWK();
                return new VerificationKey(kid, Type.P256, pub, null, new ECDSAVerifier(pub));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unusable P-256 key " + kid + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("key " + kid + " is " + jwk.getKeyType()
                + (jwk instanceof OctetKeyPair o ? "/" + o.getCurve() : jwk instanceof ECKey e ? "/" + e.getCurve() : "")
                + "; Parley keys are OKP/Ed25519 or EC/P-256");
    }

    public String kid() {
        return kid;
    }

    public Type type() {
        return type;
    }

    /** The public JWK (with its kid), e.g. to publish in a JWKS. */
    public JWK publicJwk() {
        return publicJwk;
    }

    /** Whether this key can check signatures of the given JWS {@code alg} name. */
    public boolean fits(String alg) {
        return switch (type) {
            case ED25519 -> "Ed25519".equals(alg) || "EdDSA".equals(alg);
            case P256 -> "ES256".equals(alg);
        };
    }

    /**
     * Checks a JWS signature over the ASCII signing input {@code header '.' payload}, given as the
     * first {@code length} bytes of {@code signingInput}.
     */
    public boolean verify(byte[] signingInput, int length, byte[] signature) {
        if (type == Type.ED25519) {
            return signature.length == Ed25519.SIGNATURE_SIZE
                    && Ed25519.verify(signature, 0, edPoint, signingInput, 0, length);
        }
        try {
            byte[] input = length == signingInput.length ? signingInput : java.util.Arrays.copyOf(signingInput, length);
            return ecVerifier.verify(new JWSHeader(JWSAlgorithm.ES256), input, Base64URL.encode(signature));
        } catch (JOSEException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return type + " key " + kid;
    }
}
