package dev.parley.protocol.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.keys.SigningKey;
import dev.parley.protocol.message.Ack;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.keys.VerificationKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the published JOSE examples (copied under {@code external/jose}, see its SOURCES.md)
 * through the project's key and signature layer: the Ed25519 (RFC 8037) and ES256 (RFC 7515 A.3)
 * signatures verify with {@link VerificationKey}, every tampered variant fails, and keys of
 * other types (RSA, symmetric, P-521) are refused. The other algorithms' examples are checked
 * to be genuine with Nimbus's own verifiers, so their refusal by Parley is a matter of policy.
 */
class JoseVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode resource(String path) {
        try (InputStream in = JoseVectorsTest.class.getClassLoader().getResourceAsStream("external/jose/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource external/jose/" + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JWK jwk(JsonNode node) {
        return Keys.parseJwk(node.toString());
    }

    static JsonNode rfc7515(String id) {
        for (JsonNode example : resource("rfc7515/rfc7515-appendix-a.json").get("examples")) {
            if (example.get("id").asText().equals(id)) {
                return example;
            }
        }
        throw new IllegalArgumentException("no RFC 7515 example " + id);
    }

    private static VerificationKey withKid(JWK jwk, String kid) {
        JWK pub = jwk.toPublicJWK();
        JWK named = pub instanceof OctetKeyPair okp ? new OctetKeyPair.Builder(okp).keyID(kid).build()
                : new ECKey.Builder((ECKey) pub).keyID(kid).build();
        return VerificationKey.fromJwk(named);
    }

    /** Checks a compact JWS with a project key, as the verifier does after its earlier checks. */
    private static boolean verifies(VerificationKey key, String compact) {
        int lastDot = compact.lastIndexOf('.');
        byte[] input = compact.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64URL.from(compact.substring(lastDot + 1)).decode();
        return key.verify(input, input.length, signature);
    }

    /** The same JWS with one character of part {@code part} (0 header, 1 payload, 2 signature) changed. */
    static String tamper(String compact, int part) {
        String[] parts = compact.split("\\.", -1);
        String p = parts[part];
        int at = p.length() / 2;
        char replacement = p.charAt(at) == 'A' ? 'B' : 'A';
        parts[part] = p.substring(0, at) + replacement + p.substring(at + 1);
        return String.join(".", parts);
    }

    // --- RFC 8037: Ed25519 ---

    @Test
    void rfc8037_ed25519Example_verifiesWithVerificationKey() {
        JsonNode a = resource("rfc8037/rfc8037-appendix-a.json");
        VerificationKey key = withKid(jwk(a.get("A.2_public_key")), "rfc8037");
        assertEquals(VerificationKey.Type.ED25519, key.type());
        assertTrue(key.fits("EdDSA"));
        assertTrue(key.fits("Ed25519"));
        assertTrue(verifies(key, a.get("A.5_verification").get("compact").asText()));
    }

    @Test
    void rfc8037_cookbookEd25519Example_verifiesWithVerificationKey() {
        JsonNode c = resource("rfc8037/cookbook-curve25519-jws.json");
        VerificationKey key = withKid(jwk(c.get("input").get("key")), "cookbook");
        assertTrue(verifies(key, c.get("output").get("compact").asText()));
    }

    @ParameterizedTest(name = "part {0}")
    @ValueSource(ints = {0, 1, 2})
    void rfc8037_ed25519Example_tamperedInAnyPart_doesNotVerify(int part) {
        JsonNode a = resource("rfc8037/rfc8037-appendix-a.json");
        VerificationKey key = withKid(jwk(a.get("A.2_public_key")), "rfc8037");
        assertFalse(verifies(key, tamper(a.get("A.4_signing").get("compact").asText(), part)));
    }

    @Test
    void rfc8037_ed25519Example_withTruncatedSignature_doesNotVerify() {
        JsonNode a = resource("rfc8037/rfc8037-appendix-a.json");
        VerificationKey key = withKid(jwk(a.get("A.2_public_key")), "rfc8037");
        String compact = a.get("A.4_signing").get("compact").asText();
        assertFalse(verifies(key, compact.substring(0, compact.length() - 4)));
    }

    @Test
    void rfc8037_ed25519Signing_isReproducedByNimbusSigner() throws Exception {
        JsonNode a = resource("rfc8037/rfc8037-appendix-a.json");
        OctetKeyPair privateKey = (OctetKeyPair) jwk(a.get("A.1_private_key"));
        assertEquals(Keys.Algorithm.ED25519, Keys.algorithmOf(privateKey));
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.EdDSA),
                new Payload(a.get("A.4_signing").get("payload").asText()));
        jws.sign(new Ed25519Signer(privateKey));
        assertEquals(a.get("A.4_signing").get("compact").asText(), jws.serialize());
    }

    @Test
    void rfc8037_publicKeyAndThumbprint_matchThePrivateKey() throws Exception {
        JsonNode a = resource("rfc8037/rfc8037-appendix-a.json");
        JWK privateKey = jwk(a.get("A.1_private_key"));
        assertEquals(jwk(a.get("A.2_public_key")), privateKey.toPublicJWK());
        assertEquals(a.get("A.3_thumbprint").get("thumbprint_b64u").asText(), privateKey.computeThumbprint().toString());
    }

    @Test
    void rfc8037_ed25519Example_alsoVerifiesWithNimbus() throws Exception {
        JsonNode a = resource("rfc8037/rfc8037-appendix-a.json");
        JWSObject jws = JWSObject.parse(a.get("A.5_verification").get("compact").asText());
        assertTrue(jws.verify(new Ed25519Verifier((OctetKeyPair) jwk(a.get("A.2_public_key")))));
    }

    // --- RFC 7515 A.3: ES256 ---

    @Test
    void rfc7515_es256Example_verifiesWithVerificationKey() {
        JsonNode a3 = rfc7515("A.3");
        VerificationKey key = withKid(jwk(a3.get("public_key")), "rfc7515-a3");
        assertEquals(VerificationKey.Type.P256, key.type());
        assertTrue(key.fits("ES256"));
        assertFalse(key.fits("Ed25519"));
        assertTrue(verifies(key, a3.get("compact").asText()));
    }

    @ParameterizedTest(name = "part {0}")
    @ValueSource(ints = {0, 1, 2})
    void rfc7515_es256Example_tamperedInAnyPart_doesNotVerify(int part) {
        JsonNode a3 = rfc7515("A.3");
        VerificationKey key = withKid(jwk(a3.get("public_key")), "rfc7515-a3");
        assertFalse(verifies(key, tamper(a3.get("compact").asText(), part)));
    }

    @Test
    void rfc7515_es256Example_doesNotVerifyWithTheEd25519Key() {
        JsonNode a = resource("rfc8037/rfc8037-appendix-a.json");
        VerificationKey edKey = withKid(jwk(a.get("A.2_public_key")), "rfc8037");
        assertFalse(edKey.fits("ES256"));
        assertFalse(verifies(edKey, rfc7515("A.3").get("compact").asText()));
    }

    @Test
    void rfc7515_ed25519Example_doesNotVerifyWithTheEs256Key() {
        VerificationKey ecKey = withKid(jwk(rfc7515("A.3").get("public_key")), "rfc7515-a3");
        String compact = resource("rfc8037/rfc8037-appendix-a.json").get("A.4_signing").get("compact").asText();
        assertFalse(verifies(ecKey, compact));
    }

    @Test
    void rfc7515_es256PrivateKey_isAParleyEs256Key() {
        assertEquals(Keys.Algorithm.ES256, Keys.algorithmOf(jwk(rfc7515("A.3").get("key"))));
    }

    // --- SigningKey: the project's own signatures ---

    @Test
    void rfc8037_ed25519Signature_isReproducedBySigningKey() {
        JsonNode a = resource("rfc8037/rfc8037-appendix-a.json");
        SigningKey key = SigningKey.fromJwk(jwk(a.get("A.1_private_key")));
        assertEquals(Keys.Algorithm.ED25519, key.algorithm());
        byte[] input = a.get("A.4_signing").get("signing_input").asText().getBytes(StandardCharsets.US_ASCII);
        assertEquals(a.get("A.4_signing").get("signature").asText(), Base64URL.encode(key.sign(input)).toString());
    }

    @Test
    void rfc8037_cookbookEd25519Signature_isReproducedBySigningKey() {
        JsonNode c = resource("rfc8037/cookbook-curve25519-jws.json");
        SigningKey key = SigningKey.fromJwk(jwk(c.get("input").get("key")));
        byte[] input = c.get("signing").get("sig-input").asText().getBytes(StandardCharsets.US_ASCII);
        assertEquals(c.get("signing").get("sig").asText(), Base64URL.encode(key.sign(input)).toString());
    }

    @Test
    void rfc7515_es256SigningKey_makesSignaturesTheVerificationKeyAccepts() {
        JsonNode a3 = rfc7515("A.3");
        SigningKey key = SigningKey.fromJwk(jwk(a3.get("key")));
        VerificationKey check = withKid(jwk(a3.get("public_key")), "rfc7515-a3");
        byte[] input = "eyJhbGciOiJFUzI1NiJ9.cGFybGV5".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = key.sign(input);
        assertEquals(64, signature.length, "JWS form R || S, not DER");
        assertTrue(check.verify(input, input.length, signature));
        byte[] other = "eyJhbGciOiJFUzI1NiJ9.cGFybGVa".getBytes(StandardCharsets.US_ASCII);
        assertFalse(check.verify(other, other.length, signature));
    }

    @Test
    void signingKey_refusesPublicKeysAndEd25519KeysWhosePublicPartIsNotTheirs() {
        JsonNode a = resource("rfc8037/rfc8037-appendix-a.json");
        assertThrows(IllegalArgumentException.class, () -> SigningKey.fromJwk(jwk(a.get("A.2_public_key"))));
        OctetKeyPair real = (OctetKeyPair) jwk(a.get("A.1_private_key"));
        OctetKeyPair other = (OctetKeyPair) Keys.generate(Keys.Algorithm.ED25519, "other");
        OctetKeyPair mismatched = new OctetKeyPair.Builder(other.getCurve(), other.getX()).d(real.getD()).build();
        assertThrows(IllegalArgumentException.class, () -> SigningKey.fromJwk(mismatched));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ED25519", "ES256"})
    void messageSigner_producesStandardJws_thatNimbusVerifies(String algorithm) throws Exception {
        JWK key = Keys.generate(Keys.Algorithm.valueOf(algorithm), "brand-1");
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        String compact = MessageSigner.create(key, "https://shop.example", clock, new java.util.SplittableRandom(3))
                .message(MessageType.ACK, new Ack(null)).to("https://twin.example").sign().compact();
        JWSObject jws = JWSObject.parse(compact);
        JWSVerifier verifier = key instanceof OctetKeyPair okp ? new Ed25519Verifier(okp.toPublicJWK()) : new ECDSAVerifier(((ECKey) key).toPublicJWK());
        assertTrue(jws.verify(verifier));
        assertEquals(Keys.Algorithm.valueOf(algorithm).jwsName(), jws.getHeader().getAlgorithm().getName());
        assertEquals("parley+jws", jws.getHeader().getType().getType());
        assertEquals("brand-1", jws.getHeader().getKeyID());
        assertEquals("ack", jws.getPayload().toJSONObject().get("type"));
    }

    // --- examples in algorithms Parley refuses: genuine, yet not accepted ---

    @Test
    void refusedAlgorithms_examplesAreGenuine() throws Exception {
        assertGenuine(rfc7515("A.1").get("compact").asText(), new MACVerifier((OctetSequenceKey) jwk(rfc7515("A.1").get("key"))));
        assertGenuine(rfc7515("A.2").get("compact").asText(), new RSASSAVerifier((RSAKey) jwk(rfc7515("A.2").get("public_key"))));
        JsonNode rsaKey = resource("cookbook-rfc7520/jwk/3_3.rsa_public_key.json");
        assertGenuine(cookbookCompact("4_1.rsa_v15_signature.json"), new RSASSAVerifier((RSAKey) jwk(rsaKey)));
        assertGenuine(cookbookCompact("4_2.rsa-pss_signature.json"), new RSASSAVerifier((RSAKey) jwk(rsaKey)));
        assertGenuine(cookbookCompact("4_3.ecdsa_signature.json"),
                new ECDSAVerifier((ECKey) jwk(resource("cookbook-rfc7520/jwk/3_1.ec_public_key.json"))));
        assertGenuine(cookbookCompact("4_4.hmac-sha2_integrity_protection.json"),
                new MACVerifier((OctetSequenceKey) jwk(resource("cookbook-rfc7520/jwk/3_5.symmetric_key_mac_computation.json"))));
    }

    private static void assertGenuine(String compact, JWSVerifier verifier) throws Exception {
        assertTrue(JWSObject.parse(compact).verify(verifier), "published example should verify with its own key: " + compact);
    }

    static String cookbookCompact(String file) {
        return resource("cookbook-rfc7520/jws/" + file).get("output").get("compact").asText();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3_1.ec_public_key.json", "3_2.ec_private_key.json", "3_3.rsa_public_key.json",
            "3_4.rsa_private_key.json", "3_5.symmetric_key_mac_computation.json", "3_6.symmetric_key_encryption.json"})
    void cookbookKeys_ofOtherTypesOrCurves_areRefusedAsParleyKeys(String file) {
        JWK key = jwk(resource("cookbook-rfc7520/jwk/" + file));
        assertThrows(IllegalArgumentException.class, () -> VerificationKey.fromJwk(key));
        assertThrows(IllegalArgumentException.class, () -> Keys.algorithmOf(key));
    }

    @Test
    void rfcHmacAndRsaKeys_areRefusedAsParleyKeys() {
        List<JWK> keys = List.of(jwk(resource("rfc7797/rfc7797-section4.json").get("key")), jwk(rfc7515("A.1").get("key")),
                jwk(rfc7515("A.2").get("key")), jwk(rfc7515("A.2").get("public_key")));
        for (JWK key : keys) {
            assertThrows(IllegalArgumentException.class, () -> Keys.algorithmOf(key), key.getKeyType().getValue());
        }
        RSAKey rsa = new RSAKey.Builder((RSAKey) jwk(rfc7515("A.2").get("public_key"))).keyID("rfc7515-a2").build();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> VerificationKey.fromJwk(rsa));
        assertTrue(refused.getMessage().contains("RSA"), refused.getMessage());
    }

    @Test
    void jwksResolver_keepsOnlyParleyKeys_fromAMixedJwks() throws Exception {
        JWK ed = new OctetKeyPair.Builder((OctetKeyPair) jwk(resource("rfc8037/rfc8037-appendix-a.json").get("A.2_public_key")))
                .keyID("ed").build();
        JWK p521 = jwk(resource("cookbook-rfc7520/jwk/3_1.ec_public_key.json"));
        JWK rsa = jwk(resource("cookbook-rfc7520/jwk/3_3.rsa_public_key.json"));
        JWK oct = jwk(resource("cookbook-rfc7520/jwk/3_5.symmetric_key_mac_computation.json"));
        JwksKeyResolver resolver = JwksKeyResolver.fixed(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        assertEquals(List.of("ed"), resolver.put("https://brand.example", new JWKSet(List.of(p521, rsa, oct, ed))));
    }
}
