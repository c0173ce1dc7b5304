package dev.parley.protocol.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.keys.DidKeyResolver;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.keys.KeyResolver;
import dev.parley.protocol.message.MessageBodies;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every vector file of spec/vectors through {@link Verifier}, set up as the file's
 * {@code verifier} member says, and asserts each message's annotated outcome. This is the
 * procedure spec/vectors/README.md asks of implementations in other languages.
 */
class VectorsTest {

    @TestFactory
    Stream<DynamicTest> everyVector_hasItsAnnotatedOutcome() throws IOException {
        Path dir = VectorFiles.directory();
        List<String> vectors = vectorNames(dir);
        assertTrue(vectors.size() > 50, "spec/vectors should hold the vectors, found " + vectors.size());
        return vectors.stream().map(name -> DynamicTest.dynamicTest(name, () -> run(dir, name)));
    }

    private static List<String> vectorNames(Path dir) throws IOException {
        return VectorFiles.list(dir).stream().filter(n -> !n.startsWith("keys/")).toList();
    }

    private static void run(Path dir, String file) throws IOException {
        JsonNode vector = VectorFiles.read(dir.resolve(file));
        assertEquals(file, vector.path("name").asText() + ".json", "name member");
        JsonNode settings = vector.get("verifier");
        Clock clock = Clock.fixed(Instant.ofEpochSecond(settings.get("now").asLong()), ZoneOffset.UTC);
        JwksKeyResolver jwks = JwksKeyResolver.fixed(clock);
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.get("trusted_jwks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> trusted = it.next();
            try {
                jwks.put(trusted.getKey(), Files.readString(dir.resolve(trusted.getValue().asText()), StandardCharsets.UTF_8));
            } catch (ProtocolException e) {
                fail(file + ": unreadable JWKS " + trusted.getValue() + ": " + e.detail());
            }
        }
        Verifier verifier = Verifier.builder()
                .keys(KeyResolver.firstOf(new DidKeyResolver(), jwks))
                .expectAudience(settings.get("audience").asText())
                .replayGuard(new InMemoryReplayGuard(1_000, clock))
                .clock(clock)
                .build();
        int index = 0;
        for (JsonNode message : vector.get("messages")) {
            String where = file + ", message " + index++;
            JsonNode expect = message.get("expect");
            VerifiedMessage verified;
            try {
                JsonNode presentedBy = message.get("presented_by");
                verified = presentedBy == null
                        ? verifier.verify(message.get("jws").asText())
                        : verifier.verifyPresented(message.get("jws").asText(), presentedBy.asText());
            } catch (ProtocolException e) {
                if (expect.get("ok").asBoolean()) {
                    fail(where + ": refused with " + e.code().wire() + " (" + e.detail() + ") but must be accepted");
                }
                assertEquals(expect.get("error").asText(), e.code().wire(), where + ": " + e.detail());
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError(where + ": the verifier threw " + e + " instead of a protocol error", e);
            }
            if (!expect.get("ok").asBoolean()) {
                fail(where + ": accepted but must be refused with " + expect.get("error").asText());
            }
            assertEquals(expect.get("type").asText(), verified.type().wire(), where + ": type");
            assertEquals(expect.get("id").asText(), verified.id(), where + ": id");
            assertEquals(expect.get("iss").asText(), verified.issuer(), where + ": iss");
            try {
                verified.body(MessageBodies.bodyClass(verified.type()));
            } catch (ProtocolException e) {
                fail(where + ": the body passed the schema but does not bind to its record: " + e.detail());
            }
        }
    }

    /**
     * Every accepted message, and every message refused for its signature, gets the same verdict
     * from Nimbus with the issuer's key: the vectors hold standard JWS, not artifacts of this
     * verifier.
     */
    @Test
    void signatureVerdicts_agreeWithAStandardJoseLibrary() throws Exception {
        Path dir = VectorFiles.directory();
        JWKSet shop = JWKSet.parse(Files.readString(dir.resolve(VectorGenerator.SHOP_JWKS), StandardCharsets.UTF_8));
        int checked = 0;
        for (String name : vectorNames(dir)) {
            for (JsonNode message : VectorFiles.read(dir.resolve(name)).get("messages")) {
                JsonNode expect = message.get("expect");
                boolean accepted = expect.get("ok").asBoolean();
                if (!accepted && !"bad_signature".equals(expect.get("error").asText())) {
                    continue;
                }
                JWSObject jws = JWSObject.parse(message.get("jws").asText());
                String iss = jws.getPayload().toJSONObject().get("iss").toString();
                JWK key = iss.startsWith(DidKey.PREFIX)
                        ? new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(DidKey.publicKey(iss))).build()
                        : shop.getKeyByKeyId(jws.getHeader().getKeyID());
                JWSVerifier verifier = key instanceof OctetKeyPair okp ? new Ed25519Verifier(okp) : new ECDSAVerifier((ECKey) key);
                boolean verifies;
                try {
                    verifies = jws.verify(verifier);
                } catch (JOSEException e) {
                    verifies = false;
                }
                assertEquals(accepted, verifies, name + ": Nimbus's signature verdict");
                checked++;
            }
        }
        assertTrue(checked > 40, "checked " + checked + " signatures");
    }

    @Test
    void everyMessageType_hasAValidVector() {
        Path dir = VectorFiles.directory();
        for (MessageType type : MessageType.values()) {
            Path file = dir.resolve("valid/" + type.wire() + ".json");
            assertTrue(Files.exists(file), "no valid vector for " + type);
            for (JsonNode message : VectorFiles.read(file).get("messages")) {
                assertTrue(message.get("expect").get("ok").asBoolean(), file + " must be accepted");
                assertEquals(type.wire(), message.get("expect").get("type").asText(), file.toString());
            }
        }
    }

    @Test
    void invalidVectors_coverEveryVerificationErrorCode() throws IOException {
        Path dir = VectorFiles.directory();
        Set<ErrorCode> covered = EnumSet.noneOf(ErrorCode.class);
        int invalid = 0;
        for (String name : vectorNames(dir)) {
            boolean refusesOne = false;
            for (JsonNode message : VectorFiles.read(dir.resolve(name)).get("messages")) {
                JsonNode expect = message.get("expect");
                if (!expect.get("ok").asBoolean()) {
                    String code = expect.get("error").asText();
                    covered.add(ErrorCode.fromWire(code).orElseThrow(() -> new AssertionError(name + ": unregistered code " + code)));
                    refusesOne = true;
                }
            }
            assertEquals(name.startsWith("invalid/"), refusesOne, name + ": invalid/ vectors, and only they, expect a refusal");
            invalid += refusesOne ? 1 : 0;
        }
        assertTrue(invalid >= 30, "at least 30 invalid vectors, found " + invalid);
        assertEquals(EnumSet.of(ErrorCode.TOO_LARGE, ErrorCode.MALFORMED, ErrorCode.ALG_NOT_ALLOWED, ErrorCode.BAD_TYPE,
                ErrorCode.UNSUPPORTED_VERSION, ErrorCode.UNKNOWN_TYPE, ErrorCode.UNKNOWN_KEY, ErrorCode.BAD_SIGNATURE,
                ErrorCode.WRONG_AUDIENCE, ErrorCode.NOT_YET_VALID, ErrorCode.EXPIRED, ErrorCode.LIFETIME_TOO_LONG,
                ErrorCode.REPLAYED, ErrorCode.SCHEMA_INVALID), covered);
    }
}
