package dev.parley.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.Ack;
import dev.parley.protocol.message.Descriptor;
import dev.parley.protocol.message.ErrorBody;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.sign.MessageSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kit against a minimal implementation of its own (a JDK HTTP server that signs a descriptor
 * and answers every message with an ack): what it implements passes, what it lacks fails with
 * its section, and rate limiting is waited out with a newly signed message.
 */
class StubBrandTest {

    private HttpServer server;
    private String origin;
    private final List<String> posted = new ArrayList<>();
    private int limitFirst;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        JWK key = Keys.generate(Keys.Algorithm.ED25519, "stub-1");
        MessageSigner signer = MessageSigner.create(key, origin, Clock.systemUTC(), new SplittableRandom(5));
        Descriptor descriptor = new Descriptor("Stub", origin, List.of("0.1"),
                new Descriptor.Endpoints(URI.create(origin + "/m"), URI.create(origin + "/c"), null, URI.create(origin + "/k")),
                List.of(), List.of("GBP"), null, null);
        String signedDescriptor = signer.message(MessageType.DESCRIPTOR, descriptor).sign().compact();
        server.createContext("/.well-known/parley", x -> reply(x, 200, "application/jose", signedDescriptor));
        server.createContext("/k", x -> reply(x, 200, "application/jwk-set+json", Keys.publicJwks(List.of(key)).toString()));
        server.createContext("/m", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            posted.add(body);
            ObjectNode payload;
            try {
                payload = ParleyJson.readObject(Base64.getUrlDecoder().decode(body.split("\\.")[1]));
            } catch (Exception e) {
                reply(x, 400, "text/plain", "no");
                return;
            }
            var draft = signer.message(limitFirst-- > 0 ? MessageType.ERROR : MessageType.ACK,
                            limitFirst >= 0 ? new ErrorBody(ErrorCode.RATE_LIMITED, "slow down", 0L) : new Ack(null))
                    .to(payload.path("iss").asText()).re(payload.path("id").asText());
            if (limitFirst >= 0) {
                x.getResponseHeaders().add("Retry-After", "0");
                reply(x, 429, "application/jose", draft.sign().compact());
            } else {
                reply(x, 200, "application/jose", draft.sign().compact());
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Test
    void rateLimitingIsWaitedOut_withANewlySignedMessage() throws Exception {
        limitFirst = 1;
        Target t = new Target(URI.create(origin), Clock.systemUTC(), new SplittableRandom(1));
        Target.Exchange x = t.send(t.twinA(), MessageType.FEEDBACK, ParleyJson.object().put("signal", "liked"), null, null);
        assertEquals(200, x.answer().status(), x.answer().describe());
        assertEquals(MessageType.ACK, x.answer().message().type());
        assertEquals(2, posted.size());
        assertNotEquals(posted.get(0), posted.get(1));
        assertEquals(x.compact(), posted.get(1));
    }

    @Test
    void whatTheStubImplementsPasses_andWhatItLacksFailsWithItsSection() {
        Report report = Conformance.run(URI.create(origin), Conformance.Role.BRAND, Level.MANDATORY, Clock.systemUTC(), new SplittableRandom(1), r -> { });
        List<String> passed = report.ids(Status.PASS);
        assertTrue(passed.containsAll(List.of("discovery.descriptor-served", "discovery.descriptor-signed", "discovery.origin-matches",
                "discovery.jwks", "discovery.capabilities", "messages.answer-signed")), report.text());
        List<String> failed = report.ids(Status.FAIL);
        assertTrue(failed.containsAll(List.of("errors.signed-registry", "catalog.page-signed", "hostile.alg-none", "hostile.replay")), report.text());
        // it declares no capability: those checks are skipped, saying so
        assertTrue(report.results().stream().filter(r -> r.tier().kind() == Tier.Kind.CAPABILITY)
                .allMatch(r -> r.status() == Status.SKIPPED && r.detail().startsWith("the descriptor does not declare")), report.text());
        assertTrue(report.text().contains("hostile.alg-none breaks §3.1, §4.1 step 3, §11: alg none: expected alg_not_allowed (HTTP 401), got HTTP 200 ack"),
                report.text());
        assertTrue(report.text().endsWith("NOT CONFORMANT at level mandatory\n"));
    }
}
