package dev.parley.protocol.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.keys.Keys;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked-in spec/vectors are exactly what {@link VectorGenerator} produces, so they cannot drift. */
class VectorFilesTest {
    private static final String REGENERATE = "regenerate with: mvn -B -q -pl spec test-compile exec:java "
            + "-Dexec.mainClass=dev.parley.protocol.vectors.VectorGenerator -Dexec.classpathScope=test -Dexec.args=spec/vectors";

    @Test
    void checkedInFiles_areWhatTheGeneratorProduces() throws IOException {
        Path dir = VectorFiles.directory();
        Map<String, String> generated = new VectorGenerator().files();
        List<String> differing = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path stored = dir.resolve(file.getKey());
            if (!Files.exists(stored)) {
                missing.add(file.getKey());
            } else if (!VectorFiles.equivalent(Files.readString(stored, StandardCharsets.UTF_8), file.getValue())) {
                differing.add(file.getKey());
            }
        }
        List<String> stale = VectorFiles.stale(dir, generated.keySet());
        if (!differing.isEmpty() || !missing.isEmpty() || !stale.isEmpty()) {
            fail("spec/vectors and VectorGenerator disagree (" + REGENERATE + ")\n"
                    + "differing: " + differing + "\nmissing: " + missing + "\nnot generated: " + stale);
        }
    }

    @Test
    void generator_isDeterministic() {
        Map<String, String> first = new VectorGenerator().files();
        Map<String, String> second = new VectorGenerator().files();
        assertEquals(first.keySet(), second.keySet());
        first.forEach((name, content) -> assertTrue(VectorFiles.equivalent(content, second.get(name)), name));
    }

    @Test
    void onlyEs256Vectors_areNonDeterministic() {
        for (VectorCase c : new VectorGenerator().cases()) {
            boolean es256 = c.steps().stream().anyMatch(s -> header(s.jws()).contains("\"ES256\""));
            if (!c.deterministic()) {
                assertTrue(es256, c.name() + " is marked non-deterministic without an ES256 signature");
            }
        }
    }

    @Test
    void equivalence_ignoresOnlyTheSignaturesOfNonDeterministicVectors() {
        String randomized = "{\"deterministic\":false,\"messages\":[{\"jws\":\"aaa.bbb.sig1\"}]}";
        assertTrue(VectorFiles.equivalent("{\"deterministic\":false,\"messages\":[{\"jws\":\"aaa.bbb.sig2\"}]}", randomized));
        assertFalse(VectorFiles.equivalent("{\"deterministic\":false,\"messages\":[{\"jws\":\"aaa.bbc.sig1\"}]}", randomized));
        assertFalse(VectorFiles.equivalent("{\"deterministic\":true,\"messages\":[{\"jws\":\"aaa.bbb.sig2\"}]}",
                "{\"deterministic\":true,\"messages\":[{\"jws\":\"aaa.bbb.sig1\"}]}"));
    }

    @Test
    void privateKeyFiles_areMarkedTestOnly_andMatchThePublishedKeys() throws Exception {
        Path keys = VectorFiles.directory().resolve("keys");
        JWKSet shopJwks = JWKSet.parse(Files.readString(keys.resolve("shop.jwks.json")));
        for (String name : List.of("shop-ed25519", "shop-es256", "twin-a", "twin-b", "mallory")) {
            String text = Files.readString(keys.resolve(name + ".private.jwk.json"));
            JsonNode node = VectorFiles.JSON.readTree(text);
            assertEquals(TestKeys.TEST_ONLY, node.path("x_test_only").asText(), name);
            JWK key = Keys.parseJwk(text);
            assertTrue(key.isPrivate(), name);
            if (name.startsWith("shop-")) {
                assertEquals(key.toPublicJWK(), shopJwks.getKeyByKeyId(key.getKeyID()).toPublicJWK(), name);
            } else if (name.startsWith("twin-")) {
                assertEquals(DidKey.keyId(DidKey.of(key)), key.getKeyID(), name);
            } else {
                assertEquals(null, shopJwks.getKeyByKeyId(key.getKeyID()), name);
            }
        }
    }

    /** The derivation README.md documents, recomputed with other implementations (Tink, the JDK). */
    @Test
    void testKeys_followTheDocumentedDerivation() throws Exception {
        Path keys = VectorFiles.directory().resolve("keys");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String label : List.of("shop-ed25519", "twin-a", "twin-b", "mallory")) {
            OctetKeyPair key = (OctetKeyPair) Keys.parseJwk(Files.readString(keys.resolve(label + ".private.jwk.json")));
            byte[] seed = sha256.digest(("parley test vector key: " + label).getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(seed, key.getDecodedD(), label + ": d");
            assertArrayEquals(Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey(), key.getDecodedX(), label + ": x");
        }
        ECKey es256 = (ECKey) Keys.parseJwk(Files.readString(keys.resolve("shop-es256.private.jwk.json")));
        BigInteger n = Curve.P_256.toECParameterSpec().getOrder();
        BigInteger d = new BigInteger(1, sha256.digest("parley test vector key: shop-es256".getBytes(StandardCharsets.UTF_8)))
                .mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        assertEquals(d, es256.getD().decodeToBigInteger());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(es256.toECPrivateKey());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(es256.toECPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature), "x, y are the public point of d");
    }

    private static String header(String jws) {
        int dot = jws.indexOf('.');
        try {
            return new String(java.util.Base64.getUrlDecoder().decode(dot < 0 ? jws : jws.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
