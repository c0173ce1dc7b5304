package dev.parley.benchmarks.brand;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.DidKeyResolver;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The least any brand node must do per intent, as a reference for {@link PinnedBrandLoad}
 * ({@code -Dparley.load.responder=crypto}): a bare Vert.x server that verifies each posted intent
 * fully, as the node does (did:key issuer, audience, replay record, schema), and answers with an
 * {@code offer.set} it signs for the intent's sender, whose body is the one the node itself
 * answered to the same query (the same size, so the same hashing) — and nothing else: no offers computed, no rate limits, no
 * metrics, no records written. A node does all this and more, so the share of the crypto-bound
 * ceiling this responder reaches bounds what any node can reach on the same core.
 */
final class CryptoResponder {
    private CryptoResponder() {}

    /** Starts the responder beside {@code node} (whose origin the intents address) and returns its port. */
    static int start(Vertx vertx, BrandNode node) throws Exception {
        Clock clock = Clock.systemUTC();
        // the node's answer to each query of the load, so that each answer signed here is the size the node's would be
        MessageSigner twin = MessageSigner.forDidKey(Keys.generate(Keys.Algorithm.ED25519, null), clock, new SplittableRandom(99));
        var client = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(1));
        Map<String, JsonNode> answers = new HashMap<>();
        for (String query : LoadBrand.QUERIES) {
            String intent = twin.message(MessageType.INTENT, Intent.of(List.of(Want.text(query, 1)), null)).to(node.origin())
                    .ttl(Duration.ofMinutes(10)).sign().compact();
            String answer = BrandLoad.answerTo(client, node.port(), intent);
            answers.put(query, ParleyJson.readObject(Base64.getUrlDecoder().decode(answer.substring(answer.indexOf('.') + 1, answer.lastIndexOf('.'))))
                    .get("body"));
        }
        client.close();
        Verifier verifier = Verifier.builder().keys(new DidKeyResolver()).expectAudience(node.origin())
                .replayGuard(new InMemoryReplayGuard(5_000_000, clock)).clock(clock).allowLoopbackHttpIssuers().build();
        MessageSigner signer = MessageSigner.create(Keys.generate(Keys.Algorithm.ED25519, "responder-1"), node.origin(), clock, new SplittableRandom(3));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(req -> req.body().onSuccess(b -> {
            try {
                VerifiedMessage verified = verifier.verify(b.toString(StandardCharsets.US_ASCII));
                JsonNode body = answers.get(verified.bodyTree().path("wants").path(0).path("query").asText());
                if (body == null) {
                    req.response().setStatusCode(400).end("not a query of the load");
                    return;
                }
                String signed = signer.message(MessageType.OFFER_SET, body).to(verified.issuer()).re(verified.id()).ttl(Duration.ofHours(1)).sign().compact();
                req.response().putHeader("Content-Type", "application/jose").end(signed);
            } catch (ProtocolException e) {
                req.response().setStatusCode(400).end(e.getMessage());
            }
        }));
        return server.listen().toCompletionStage().toCompletableFuture().get().actualPort();
    }
}
