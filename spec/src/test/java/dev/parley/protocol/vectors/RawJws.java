package dev.parley.protocol.vectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.parley.protocol.json.ParleyJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Builds JWS compact serializations byte by byte, so vectors can carry exactly the header,
 * payload and signature a case needs, including ones no correct signer would produce.
 */
final class RawJws {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private RawJws() {}

    static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] json(ObjectNode node) {
        return ParleyJson.writeBytes(node);
    }

    /** {@code header.payload} of the given exact bytes. */
    static String signingInput(byte[] header, byte[] payload) {
        return b64(header) + "." + b64(payload);
    }

    static String ed25519(OctetKeyPair key, byte[] header, byte[] payload) {
        String input = signingInput(header, payload);
        return input + "." + b64(ed25519Signature(key, input));
    }

    static byte[] ed25519Signature(OctetKeyPair key, String signingInput) {
        byte[] message = signingInput.getBytes(StandardCharsets.US_ASCII);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(key.getDecodedD(), 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** ES256 in the JOSE form (r || s, 64 bytes); randomized, so not reproducible. */
    static String es256(ECKey key, byte[] header, byte[] payload) {
        String input = signingInput(header, payload);
        return input + "." + b64(sign("SHA256withECDSAinP1363Format", key, input));
    }

    /** RS256 (RSASSA-PKCS1-v1_5, deterministic). */
    static String rs256(RSAKey key, byte[] header, byte[] payload) {
        String input = signingInput(header, payload);
        return input + "." + b64(sign("SHA256withRSA", key, input));
    }

    /** HS256 with the given bytes as the secret. */
    static String hs256(byte[] secret, byte[] header, byte[] payload) {
        String input = signingInput(header, payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(String algorithm, com.nimbusds.jose.jwk.AsymmetricJWK key, String input) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key.toPrivateKey());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(algorithm + " signing failed: " + e.getMessage(), e);
        }
    }
}
