package dev.parley.protocol.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.Verifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds the published JOSE examples to the project's {@link Verifier}: none of them is a Parley
 * message, and each is refused with the code of the first check it fails — {@code alg_not_allowed}
 * for every algorithm but Ed25519/EdDSA and ES256 (none, HMAC, RSA, PSS, ES512),
 * {@code malformed} for shapes Parley does not use (empty signature or detached payload, JWS JSON
 * serializations, RFC 7797 unencoded payloads), {@code bad_type} for the Ed25519 and ES256
 * examples, which are genuine signatures but carry no {@code typ} of {@code parley+jws}. The
 * verifier trusts the examples' own Ed25519 and P-256 keys, so no refusal is for want of a key.
 */
class JoseVerifierRefusalTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("RFC 7515 A.1 HS256", JoseVectorsTest.rfc7515("A.1").get("compact").asText(), ErrorCode.ALG_NOT_ALLOWED),
                Arguments.of("RFC 7515 A.2 RS256", JoseVectorsTest.rfc7515("A.2").get("compact").asText(), ErrorCode.ALG_NOT_ALLOWED),
                Arguments.of("RFC 7515 A.3 ES256 (no typ)", JoseVectorsTest.rfc7515("A.3").get("compact").asText(), ErrorCode.BAD_TYPE),
                Arguments.of("RFC 7515 A.5 alg none, empty signature", JoseVectorsTest.rfc7515("A.5").get("compact").asText(), ErrorCode.MALFORMED),
                Arguments.of("RFC 7515 A.5 alg none, with a signature segment",
                        JoseVectorsTest.rfc7515("A.5").get("compact").asText() + "AAAA", ErrorCode.ALG_NOT_ALLOWED),
                Arguments.of("RFC 7515 A.6 general JSON serialization", JoseVectorsTest.rfc7515("A.6").get("json").toString(), ErrorCode.MALFORMED),
                Arguments.of("RFC 7515 A.7 flattened JSON serialization", JoseVectorsTest.rfc7515("A.7").get("json").toString(), ErrorCode.MALFORMED),
                Arguments.of("RFC 8037 A.4 EdDSA (no typ)", rfc8037().get("A.4_signing").get("compact").asText(), ErrorCode.BAD_TYPE),
                Arguments.of("RFC 8037 cookbook EdDSA (no typ)",
                        JoseVectorsTest.resource("rfc8037/cookbook-curve25519-jws.json").get("output").get("compact").asText(), ErrorCode.BAD_TYPE),
                Arguments.of("RFC 7797 4.1 HS256", rfc7797(0).get("compact").asText(), ErrorCode.ALG_NOT_ALLOWED),
                Arguments.of("RFC 7797 4.2 b64 false, detached", rfc7797(1).get("compact_detached").asText(), ErrorCode.MALFORMED),
                Arguments.of("RFC 7797 4.2 b64 false, payload attached",
                        rfc7797(1).get("protected_b64u").asText() + ".JC4wMg." + rfc7797(1).get("signature").asText(), ErrorCode.ALG_NOT_ALLOWED),
                Arguments.of("RFC 7797 4.2 flattened JSON", rfc7797(1).get("json_flattened").toString(), ErrorCode.MALFORMED),
                Arguments.of("RFC 7520 4.1 RS256", JoseVectorsTest.cookbookCompact("4_1.rsa_v15_signature.json"), ErrorCode.ALG_NOT_ALLOWED),
                Arguments.of("RFC 7520 4.2 PS384", JoseVectorsTest.cookbookCompact("4_2.rsa-pss_signature.json"), ErrorCode.ALG_NOT_ALLOWED),
                Arguments.of("RFC 7520 4.3 ES512", JoseVectorsTest.cookbookCompact("4_3.ecdsa_signature.json"), ErrorCode.ALG_NOT_ALLOWED),
                Arguments.of("RFC 7520 4.4 HS256", JoseVectorsTest.cookbookCompact("4_4.hmac-sha2_integrity_protection.json"), ErrorCode.ALG_NOT_ALLOWED),
                Arguments.of("RFC 7520 4.5 detached content", JoseVectorsTest.cookbookCompact("4_5.signature_with_detached_content.json"),
                        ErrorCode.MALFORMED),
                Arguments.of("RFC 7520 4.6 JSON serialization", cookbookJson("4_6.protecting_specific_header_fields.json"), ErrorCode.MALFORMED),
                Arguments.of("RFC 7520 4.7 JSON serialization", cookbookJson("4_7.protecting_content_only.json"), ErrorCode.MALFORMED),
                Arguments.of("RFC 7520 4.8 multiple signatures", cookbookJson("4_8.multiple_signatures.json"), ErrorCode.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void publishedExample_isRefusedWithTheCodeOfItsFirstFailingCheck(String name, String message, ErrorCode expected) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> verifier().verify(message));
        assertEquals(expected, e.code(), name + ": " + e.detail());
    }

    private static Verifier verifier() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_300_819_000L), ZoneOffset.UTC);
        JwksKeyResolver keys = JwksKeyResolver.fixed(clock);
        JWK ed = new OctetKeyPair.Builder((OctetKeyPair) JoseVectorsTest.jwk(rfc8037().get("A.2_public_key"))).keyID("rfc8037").build();
        JWK ec = JoseVectorsTest.jwk(JoseVectorsTest.rfc7515("A.3").get("public_key"));
        JWK p256 = new com.nimbusds.jose.jwk.ECKey.Builder((com.nimbusds.jose.jwk.ECKey) ec).keyID("rfc7515-a3").build();
        keys.put("https://joe.example", new JWKSet(List.of(ed, p256)));
        return Verifier.builder().keys(keys).expectAudience("https://joe.example")
                .replayGuard(new InMemoryReplayGuard(16, clock)).clock(clock).build();
    }

    private static JsonNode rfc8037() {
        return JoseVectorsTest.resource("rfc8037/rfc8037-appendix-a.json");
    }

    private static JsonNode rfc7797(int index) {
        return JoseVectorsTest.resource("rfc7797/rfc7797-section4.json").get("examples").get(index);
    }

    private static String cookbookJson(String file) {
        return JoseVectorsTest.resource("cookbook-rfc7520/jws/" + file).get("output").get("json").toString();
    }
}
