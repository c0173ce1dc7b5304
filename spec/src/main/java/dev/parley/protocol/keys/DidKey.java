package dev.parley.protocol.keys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.parley.protocol.Syntax;
import java.util.Objects;

/**
 * A twin's identity: a {@code did:key} for an Ed25519 public key (multicodec {@code 0xed},
 * multibase base58btc). Self-certifying: the key is the identifier, so no server is needed to
 * resolve it. The key id used in JWS headers is {@code did:key:z…#z…}.
 */
public final class DidKey {
    /** did:key prefix. */
    public static final String PREFIX = "did:key:";
    private static final byte[] ED25519_MULTICODEC = {(byte) 0xed, 0x01};

    private DidKey() {}

    /** Whether {@code text} has the syntax of a did:key identifier (not whether it decodes). */
    public static boolean looksLike(String text) {
        return Syntax.didKey(text);
    }

    /** The did:key of an Ed25519 public key's 32 raw bytes. */
    public static String of(byte[] ed25519PublicKey) {
        if (ed25519PublicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + ed25519PublicKey.length);
        }
        byte[] prefixed = new byte[34];
        prefixed[0] = ED25519_MULTICODEC[0];
        prefixed[1] = ED25519_MULTICODEC[1];
        System.arraycopy(ed25519PublicKey, 0, prefixed, 2, 32);
        return PREFIX + "z" + Base58.encode(prefixed);
    }

    /** The did:key of an Ed25519 JWK (private or public). */
    public static String of(JWK jwk) {
        Objects.requireNonNull(jwk, "jwk");
        if (!(jwk instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve())) {
            throw new IllegalArgumentException("did:key needs an OKP/Ed25519 key, not " + jwk.getKeyType());
        }
        return of(okp.getDecodedX());
    }

    /** The key id that names this did's key in a JWS header: {@code did#fingerprint}. */
    public static String keyId(String did) {
        return did + "#" + did.substring(PREFIX.length());
    }

    /** The Ed25519 public key bytes a did:key names. */
    public static byte[] publicKey(String did) {
        if (!looksLike(did)) {
            throw new IllegalArgumentException("not a did:key identifier: \"" + did + "\"");
        }
        byte[] decoded = Base58.decode(did.substring(PREFIX.length() + 1));
        if (decoded.length != 34 || decoded[0] != ED25519_MULTICODEC[0] || decoded[1] != ED25519_MULTICODEC[1]) {
            throw new IllegalArgumentException("did:key is not an Ed25519 key (multicodec 0xed): \"" + did + "\"");
        }
        byte[] key = new byte[32];
        System.arraycopy(decoded, 2, key, 0, 32);
        return key;
    }
}
