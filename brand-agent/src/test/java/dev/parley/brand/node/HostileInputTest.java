package dev.parley.brand.node;

import dev.parley.protocol.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import dev.parley.brand.keys.KeyRing;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.message.ErrorBody;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.OrderPlace;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile message of spec/vectors that a brand receives, posted over HTTP to a node that is
 * the vectors' brand (https://shop.example, with its test keys, at the vectors' instant): each gets
 * its signed error with the registry's code and HTTP status, and nothing is stored. Then the
 * attacks of the HTTP binding itself: wrong method, media type, oversized bodies, floods.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private static final Path VECTORS = Path.of(System.getProperty("parley.vectors", "../spec/vectors"));
    private static final String SHOP = "https://shop.example";
    /** Vector files hold messages beyond the protocol's own string bounds (the oversized ones): read them leniently. */
    private static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    static Path dir;
    private MutableClock clock;
    private BrandNode node;
    private long seqBefore;

    @BeforeAll
    void start() throws Exception {
        JsonNode any = READER.readTree(VECTORS.resolve("invalid/expired.json").toFile());
        clock = new MutableClock(Instant.ofEpochSecond(any.get("verifier").get("now").asLong()));
        Path keys = dir.resolve("data/keys.json");
        Instant now = clock.instant();
        new KeyRing(List.of(
                new KeyRing.Entry(JWK.parse(Files.readString(VECTORS.resolve("keys/shop-es256.private.jwk.json"))), now.minus(Duration.ofDays(30)), null),
                new KeyRing.Entry(JWK.parse(Files.readString(VECTORS.resolve("keys/shop-ed25519.private.jwk.json"))), now.minus(Duration.ofDays(1)), null)))
                .save(keys);
        node = TestNodes.start(TestNodes.config(dir, "\"origin\": \"" + SHOP + "\""), clock, 11);
        seqBefore = node.catalog().seq();
    }

    @AfterAll
    void stop() throws Exception {
        TestNodes.stop(node);
    }

    private TwinClient twin(String keyFile, long seed) throws Exception {
        return new TwinClient(node, JWK.parse(Files.readString(VECTORS.resolve("keys/" + keyFile))), clock, seed);
    }

    @Test
    void everyHostileVectorAddressedToTheBrand_isRefusedOverHttp_withItsCode() throws Exception {
        TwinClient observer = twin("mallory.private.jwk.json", 12);
        java.util.Map<String, TwinClient> presenters = new java.util.HashMap<>();
        for (String keyFile : List.of("twin-a.private.jwk.json", "twin-b.private.jwk.json")) {
            TwinClient presenter = twin(keyFile, 13 + presenters.size());
            presenters.put(presenter.did, presenter);
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        List<Path> files;
        try (Stream<Path> listing = Files.list(VECTORS.resolve("invalid"))) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode vector = READER.readTree(file.toFile());
            if (!SHOP.equals(vector.get("verifier").path("audience").asText())) {
                continue;
            }
            for (JsonNode message : vector.get("messages")) {
                String jws = message.get("jws").asText();
                TwinClient.Answer answer;
                ErrorCode expected;
                JsonNode expect = message.get("expect");
                if (message.has("presented_by")) {
                    answer = presenters.get(message.get("presented_by").asText()).send(MessageType.ORDER_PLACE, new OrderPlace(jws, "presented-" + checked, null, null));
                    expected = expect.get("error").asText().equals("expired") ? ErrorCode.QUOTE_EXPIRED : ErrorCode.QUOTE_INVALID;
                } else {
                    answer = observer.post(jws);
                    expected = expect.get("ok").asBoolean() ? null : ErrorCode.fromWire(expect.get("error").asText()).orElseThrow();
                }
                checked++;
                ErrorCode got = answer.error();
                int status = expected == null ? 200 : expected.httpStatus();
                if (got != expected || answer.status() != status) {
                    failures.add(file.getFileName() + ": expected " + expected + "/" + status + ", got " + got + "/" + answer.status()
                            + (got == null ? "" : " (" + answer.body(ErrorBody.class).detail() + ")"));
                }
            }
        }
        assertTrue(checked >= 68, "all vectors addressed to the brand were posted: " + checked);
        assertEquals(List.of(), failures);
        assertEquals(List.of(), node.service().orderBook().all(), "no order was stored");
        assertEquals(seqBefore, node.catalog().seq(), "the catalog did not change");
    }

    private HttpResponse<String> raw(HttpRequest.Builder request) throws Exception {
        return TwinClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(node.url() + path));
    }

    private void assertSignedError(HttpResponse<String> response, ErrorCode code, TwinClient reader) throws Exception {
        assertEquals(code.httpStatus(), response.statusCode(), response.body());
        assertEquals("application/jose", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(code, reader.verifyAnswer(response.body()).body(ErrorBody.class).code());
    }

    @Test
    void theHttpBinding_refusesWrongMethods_mediaTypes_andSizes_withSignedErrors() throws Exception {
        TwinClient reader = twin("twin-b.private.jwk.json", 14);
        assertSignedError(raw(to("/parley/messages").GET()), ErrorCode.METHOD_NOT_ALLOWED, reader);
        assertSignedError(raw(to("/parley/messages").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))),
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, reader);
        assertSignedError(raw(to("/parley/messages").POST(HttpRequest.BodyPublishers.ofString("x"))), ErrorCode.UNSUPPORTED_MEDIA_TYPE, reader);
        String huge = "a".repeat(300_000);
        assertSignedError(raw(to("/parley/messages").header("Content-Type", "application/jose").POST(HttpRequest.BodyPublishers.ofString(huge))),
                ErrorCode.TOO_LARGE, reader);
        byte[] chunked = huge.getBytes();
        assertSignedError(raw(to("/parley/messages").header("Content-Type", "application/jose")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked)))), ErrorCode.TOO_LARGE, reader);
        assertSignedError(raw(to("/parley/messages").header("Content-Type", "application/jose")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x00, 0x2e, 0x2e}))), ErrorCode.MALFORMED, reader);
        assertSignedError(raw(to("/no/such/path").GET()), ErrorCode.NOT_FOUND, reader);
        assertSignedError(raw(to("/parley/catalog?page=" + "9".repeat(30)).GET()), ErrorCode.INVALID_REQUEST, reader);
        assertEquals(List.of(), node.service().orderBook().all());
    }
}
