package dev.parley.protocol.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.DidKeyResolver;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.keys.KeyResolver;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.ExampleBodies;
import dev.parley.protocol.message.MessageBodies;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MessageSignerTest {

    private static final String BRAND = "https://shop.example";
    private static final Clock CLOCK = Clock.fixed(ExampleBodies.NOW, ZoneOffset.UTC);
    private static final JWK BRAND_KEY = Keys.generate(Keys.Algorithm.ED25519, "shop-1");
    private final MessageSigner signer = MessageSigner.create(BRAND_KEY, BRAND, CLOCK, new SplittableRandom(5));

    private static byte[] payloadOf(String compact) {
        String[] parts = compact.split("\\.");
        return Base64.getUrlDecoder().decode(parts[1]);
    }

    private static SignedMessage sign(MessageSigner signer, MessageType type, Object body) {
        MessageSigner.Draft draft = signer.message(type, body).thread("t-1").re("r-1").ttl(Duration.ofSeconds(60));
        if (type.requiresAudience()) {
            draft.to(ExampleBodies.TWIN);
        }
        return draft.sign();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void signedRecordBody_verifiesWithEveryCheck_andBindsBackToTheSameRecord(MessageType type) throws ProtocolException {
        Record body = ExampleBodies.of(type);
        SignedMessage signed = sign(signer, type, body);
        JwksKeyResolver jwks = JwksKeyResolver.fixed(CLOCK);
        jwks.put(BRAND, Keys.publicJwks(List.of(BRAND_KEY)));
        Verifier verifier = Verifier.builder().keys(KeyResolver.firstOf(new DidKeyResolver(), jwks)).expectAudience(ExampleBodies.TWIN)
                .replayGuard(new InMemoryReplayGuard(10, CLOCK)).clock(CLOCK).build();
        VerifiedMessage verified = verifier.verify(signed.compact());
        assertEquals(type, verified.type());
        assertEquals(signed.id(), verified.id());
        assertEquals("t-1", verified.thread());
        assertEquals("r-1", verified.re());
        assertEquals(body, verified.body(MessageBodies.bodyClass(type)));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void recordBody_isSignedAsTheSameJsonAsItsTree_fieldForField(MessageType type) throws ProtocolException {
        Record body = ExampleBodies.of(type);
        ObjectNode fromRecord = ParleyJson.readObject(payloadOf(sign(signer, type, body).compact()));
        MessageSigner same = MessageSigner.create(BRAND_KEY, BRAND, CLOCK, new SplittableRandom(5));
        ObjectNode fromTree = ParleyJson.readObject(payloadOf(sign(same, type, ParleyJson.toTree(body)).compact()));
        assertEquals(List.copyOf(iterable(fromTree)), List.copyOf(iterable(fromRecord)), "envelope fields and their order");
        assertEquals(ParleyJson.bind(fromTree.get("body"), MessageBodies.bodyClass(type)), ParleyJson.bind(fromRecord.get("body"), MessageBodies.bodyClass(type)));
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void offerSet_bytes_areExactlyThoseOfTheTreeSerialization() {
        Record body = ExampleBodies.of(MessageType.OFFER_SET);
        byte[] fromRecord = payloadOf(sign(signer, MessageType.OFFER_SET, body).compact());
        MessageSigner same = MessageSigner.create(BRAND_KEY, BRAND, CLOCK, new SplittableRandom(5));
        byte[] fromTree = payloadOf(sign(same, MessageType.OFFER_SET, ParleyJson.toTree(body)).compact());
        assertArrayEquals(fromTree, fromRecord, () -> new String(fromTree, StandardCharsets.UTF_8) + "\n" + new String(fromRecord, StandardCharsets.UTF_8));
    }

    @Test
    void decimalAttribute_isWrittenPlainly() {
        ObjectNode body = ParleyJson.toTree(Map.of("weight_g", AttributeValue.of(new BigDecimal("120"))));
        String fromTree = new String(payloadOf(signer.message(MessageType.ACK, body).to(ExampleBodies.TWIN).sign().compact()), StandardCharsets.UTF_8);
        String fromMap = new String(payloadOf(signer.message(MessageType.ACK, Map.of("weight_g", AttributeValue.of(new BigDecimal("120"))))
                .to(ExampleBodies.TWIN).sign().compact()), StandardCharsets.UTF_8);
        assertTrue(fromMap.endsWith("\"body\":{\"weight_g\":120}}"), fromMap);
        assertTrue(fromTree.endsWith("\"body\":{\"weight_g\":1.2E+2}}"), fromTree);
    }

    @Test
    void ed25519Signature_isAValidJwsForAnIndependentVerifier() throws Exception {
        String compact = sign(signer, MessageType.OFFER_SET, ExampleBodies.of(MessageType.OFFER_SET)).compact();
        JWSObject jws = JWSObject.parse(compact);
        assertTrue(jws.verify(new Ed25519Verifier(((OctetKeyPair) BRAND_KEY).toPublicJWK())));
        assertEquals("shop-1", jws.getHeader().getKeyID());
    }
}
