package dev.parley.protocol.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import org.junit.jupiter.api.Test;

class DidKeyTest {
    // Published did:key example (Ed25519VerificationKey2018 document with its publicKeyBase58).
    private static final String DID = "did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th";
    private static final String KEY_BASE58 = "8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K";

    @Test
    void publicKey_ofAPublishedDid_matchesItsPublishedKey() {
        assertArrayEquals(Base58.decode(KEY_BASE58), DidKey.publicKey(DID));
    }

    @Test
    void of_rebuildsThePublishedDidFromTheKey() {
        assertEquals(DID, DidKey.of(Base58.decode(KEY_BASE58)));
    }

    @Test
    void keyId_isTheDidWithItsFingerprintAsFragment() {
        assertEquals(DID + "#z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th", DidKey.keyId(DID));
    }

    @Test
    void generatedKey_roundTripsThroughItsDid() {
        JWK key = Keys.generate(Keys.Algorithm.ED25519, "k");
        String did = DidKey.of(key);
        assertTrue(did.startsWith("did:key:z6Mk"), did);
        assertArrayEquals(key.toOctetKeyPair().getDecodedX(), DidKey.publicKey(did));
    }

    @Test
    void base58_keepsLeadingZeroBytes() {
        byte[] bytes = {0, 0, 1, 2, 3};
        assertEquals("11Ldp", Base58.encode(bytes));
        assertArrayEquals(bytes, Base58.decode("11Ldp"));
    }

    @Test
    void publicKey_ofNonEd25519OrGarbledDids_fails() {
        assertThrows(IllegalArgumentException.class, () -> DidKey.publicKey("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"));
        assertThrows(IllegalArgumentException.class, () -> DidKey.publicKey("did:key:z6Mk0OIl"));
        assertThrows(IllegalArgumentException.class, () -> DidKey.publicKey("did:web:example.com"));
    }

    @Test
    void of_nonEd25519Key_fails() {
        assertThrows(IllegalArgumentException.class, () -> DidKey.of(Keys.generate(Keys.Algorithm.ES256, "k")));
    }

    @Test
    void resolver_refusesAKidThatIsNotTheDidsOwn() {
        DidKeyResolver resolver = new DidKeyResolver();
        ProtocolException e = assertThrows(ProtocolException.class, () -> resolver.resolve(DID, DID + "#other"));
        assertEquals(ErrorCode.UNKNOWN_KEY, e.code());
    }

    @Test
    void resolver_resolvesTheDidsKey() throws ProtocolException {
        VerificationKey key = new DidKeyResolver().resolve(DID, DidKey.keyId(DID));
        assertEquals(VerificationKey.Type.ED25519, key.type());
        assertTrue(key.fits("Ed25519") && key.fits("EdDSA") && !key.fits("ES256"));
    }
}
