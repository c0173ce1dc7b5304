package dev.parley.protocol.vectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.keys.DidKeyResolver;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.keys.KeyResolver;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile variations of the valid vectors — random edits of the compact text, of the decoded
 * header and payload JSON re-encoded, and of the payload signed again with the issuer's key so
 * that the edit reaches the audience, time, replay and schema checks — must each be accepted or
 * refused with a protocol error: never an unchecked exception. Seeded, so a failure names a
 * reproducible input.
 */
class MutatedVectorsTest {
    private static final long SEED = 20260115L;
    private static final int MUTATIONS_PER_MESSAGE = 100;
    private static final TestKeys KEYS = new TestKeys();
    private static final String[] JSON_SNIPPETS = {"{", "}", "[", "]", "\"", ":", ",", "-1", "1e999", "99999999999999999999",
            "null", "true", "\\u0000", "\\ud800", "0.0000001", "\"x_a\":{}", "[[[[[[[[", "\"\"", " ", "9223372036854775807"};

    @Test
    void mutatedValidVectors_neverMakeTheVerifierThrow() throws IOException {
        Path dir = VectorFiles.directory();
        String jwks = Files.readString(dir.resolve(VectorGenerator.SHOP_JWKS), StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(SEED);
        int tried = 0;
        for (String name : VectorFiles.list(dir)) {
            if (!name.startsWith("valid/")) {
                continue;
            }
            JsonNode vector = VectorFiles.read(dir.resolve(name));
            Verifier verifier = verifier(vector.get("verifier"), jwks);
            for (JsonNode message : vector.get("messages")) {
                String jws = message.get("jws").asText();
                for (int i = 0; i < MUTATIONS_PER_MESSAGE; i++) {
                    String mutated = mutate(jws, random);
                    try {
                        verifier.verify(mutated);
                    } catch (ProtocolException expected) {
                        // a refusal with a code is the right answer to a hostile message
                    } catch (RuntimeException e) {
                        throw new AssertionError(name + ": verify threw " + e + " on " + mutated, e);
                    }
                    tried++;
                }
            }
        }
        assertTrue(tried > 1_000, "tried " + tried + " mutations");
    }

    private static Verifier verifier(JsonNode settings, String shopJwks) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(settings.get("now").asLong()), ZoneOffset.UTC);
        JwksKeyResolver jwks = JwksKeyResolver.fixed(clock);
        try {
            jwks.put(TestKeys.SHOP, shopJwks);
        } catch (ProtocolException e) {
            throw new IllegalStateException(e);
        }
        return Verifier.builder().keys(KeyResolver.firstOf(new DidKeyResolver(), jwks))
                .expectAudience(settings.get("audience").asText())
                .replayGuard(new InMemoryReplayGuard(100_000, clock)).clock(clock).build();
    }

    private static String mutate(String jws, SplittableRandom random) {
        String[] parts = jws.split("\\.", -1);
        switch (random.nextInt(5)) {
            case 0 -> {
                StringBuilder text = new StringBuilder(jws);
                int at = random.nextInt(text.length());
                text.setCharAt(at, (char) random.nextInt(32, 127));
                return text.toString();
            }
            case 1 -> {
                return jws.substring(0, random.nextInt(jws.length()));
            }
            case 2 -> {
                int part = random.nextInt(2);
                String json = new String(Base64.getUrlDecoder().decode(parts[part]), StandardCharsets.UTF_8);
                parts[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        editJson(json, random).getBytes(StandardCharsets.UTF_8));
                return String.join(".", parts);
            }
            default -> {
                // Edit the payload and sign it again with the issuer's key, so the edit reaches the
                // checks after the signature: audience, time, replay, schema.
                String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
                OctetKeyPair key = ed25519KeyOf(header);
                if (key == null) {
                    return jws.substring(0, jws.length() / 2);
                }
                String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                return RawJws.ed25519(key, header.getBytes(StandardCharsets.UTF_8),
                        editJson(payload, random).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The private key behind an Ed25519 header of the vectors, or null (ES256 ones are left out: their signatures are randomized). */
    private static OctetKeyPair ed25519KeyOf(String header) {
        if (!header.contains("\"alg\":\"Ed25519\"") && !header.contains("\"alg\":\"EdDSA\"")) {
            return null;
        }
        for (OctetKeyPair key : List.of(KEYS.shopEd25519, KEYS.twinA, KEYS.twinB)) {
            if (header.contains("\"kid\":\"" + key.getKeyID() + "\"")) {
                return key;
            }
        }
        return null;
    }

    /** Replaces a random span of the JSON text with a random snippet, or swaps a value for another. */
    private static String editJson(String json, SplittableRandom random) {
        List<Integer> valueStarts = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            if (json.charAt(i) == ':') {
                valueStarts.add(i + 1);
            }
        }
        int from = valueStarts.isEmpty() || random.nextBoolean() ? random.nextInt(json.length()) : valueStarts.get(random.nextInt(valueStarts.size()));
        int to = Math.min(json.length(), from + random.nextInt(12));
        return json.substring(0, from) + JSON_SNIPPETS[random.nextInt(JSON_SNIPPETS.length)] + json.substring(to);
    }
}
