package dev.parley.protocol.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

class DidKeyResolverTest {

    private static byte[] sign(JWK key, byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        OctetKeyPair okp = (OctetKeyPair) key;
        Ed25519.sign(okp.getDecodedD(), 0, okp.getDecodedX(), 0, message, 0, message.length, signature, 0);
        return signature;
    }

    @Test
    void resolve_aSecondTime_givesTheCachedKey() throws ProtocolException {
        JWK key = Keys.generate(Keys.Algorithm.ED25519, null);
        String did = DidKey.of(key);
        DidKeyResolver resolver = new DidKeyResolver();
        VerificationKey first = resolver.resolve(did, DidKey.keyId(did));
        assertSame(first, resolver.resolve(did, DidKey.keyId(did)));
        assertArrayEquals(((OctetKeyPair) key).getDecodedX(), ((OctetKeyPair) first.publicJwk()).getDecodedX());
    }

    @Test
    void resolve_moreIssuersThanTheCacheHolds_stillGivesEachItsOwnKey() throws ProtocolException {
        DidKeyResolver resolver = new DidKeyResolver();
        List<JWK> keys = new ArrayList<>();
        for (int i = 0; i < 4_200; i++) {
            JWK key = Keys.generate(Keys.Algorithm.ED25519, null);
            keys.add(key);
            String did = DidKey.of(key);
            resolver.resolve(did, DidKey.keyId(did));
        }
        byte[] message = "header.payload".getBytes(StandardCharsets.US_ASCII);
        for (JWK key : List.of(keys.get(0), keys.get(4_100), keys.get(4_199))) {
            String did = DidKey.of(key);
            VerificationKey resolved = resolver.resolve(did, DidKey.keyId(did));
            assertTrue(resolved.verify(message, message.length, sign(key, message)));
        }
    }

    @Test
    void resolve_withAnotherKid_isUnknownKey() {
        String did = DidKey.of(Keys.generate(Keys.Algorithm.ED25519, null));
        String other = DidKey.of(Keys.generate(Keys.Algorithm.ED25519, null));
        ProtocolException e = assertThrows(ProtocolException.class, () -> new DidKeyResolver().resolve(did, DidKey.keyId(other)));
        assertEquals(ErrorCode.UNKNOWN_KEY, e.code());
    }
}
