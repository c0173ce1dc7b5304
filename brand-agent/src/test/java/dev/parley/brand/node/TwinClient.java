package dev.parley.brand.node;

import com.nimbusds.jose.jwk.JWK;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.keys.DidKeyResolver;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.keys.KeyResolver;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.ErrorBody;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;

/** A twin for tests: its own did:key, posting signed messages to a brand node over HTTP and verifying every answer. */
final class TwinClient {

    /** An answer: HTTP status, the raw JWS, and the verified message (always verified: a brand signs every answer). */
    record Answer(int status, String compact, VerifiedMessage message) {
        ErrorCode error() throws ProtocolException {
            return message.type() == MessageType.ERROR ? message.body(ErrorBody.class).code() : null;
        }

        <T> T body(Class<T> type) throws ProtocolException {
            return message.body(type);
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final JWK key;
    final MessageSigner signer;
    final String did;
    private final BrandNode node;
    private final Verifier verifier;
    private final Verifier anyAudience;
    private final JwksKeyResolver brandKeys;

    TwinClient(BrandNode node, Clock clock, long seed) throws Exception {
        this(node, Keys.generate(Keys.Algorithm.ED25519, null), clock, seed);
    }

    TwinClient(BrandNode node, JWK key, Clock clock, long seed) throws Exception {
        this.node = node;
        this.key = key;
        this.seed = seed;
        this.signer = MessageSigner.forDidKey(key, clock, new SplittableRandom(seed));
        this.did = signer.issuer();
        this.brandKeys = JwksKeyResolver.refreshing(issuer -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return com.nimbusds.jose.jwk.JWKSet.parse(get("/.well-known/jwks.json").body());
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }), clock, Duration.ZERO);
        brandKeys.put(node.origin(), get("/.well-known/jwks.json").body());
        this.verifier = Verifier.builder().keys(KeyResolver.firstOf(new DidKeyResolver(), brandKeys)).expectAudience(did)
                .replayGuard(new InMemoryReplayGuard(100_000, clock)).clock(clock).allowLoopbackHttpIssuers().build();
        this.anyAudience = Verifier.builder().keys(KeyResolver.firstOf(new DidKeyResolver(), brandKeys)).ignoreAudience()
                .replayGuard(new InMemoryReplayGuard(100_000, clock)).clock(clock).allowLoopbackHttpIssuers().build();
    }

    private int threads;
    private long seed;

    /** Asks for an offer on {@code quantity} × {@code sku} and proposes its own price: the quote that buys it. */
    String quoteFor(String sku, int quantity) throws Exception {
        Answer set = send(MessageType.INTENT, dev.parley.protocol.message.Intent.of(
                java.util.List.of(dev.parley.protocol.message.Want.sku(dev.parley.protocol.message.Sku.of(sku), quantity)), null));
        dev.parley.protocol.message.Offer offer = set.body(dev.parley.protocol.message.OfferSet.class).offers().stream()
                .filter(o -> o.items().size() == 1).findFirst().orElseThrow(() -> new AssertionError("no offer for " + sku + ": " + set.compact()));
        Answer quote = send(MessageType.NEGOTIATE_PROPOSE, new dev.parley.protocol.message.NegotiatePropose(
                new dev.parley.protocol.message.OfferRef(set.compact(), offer.offerId()),
                java.util.List.of(new dev.parley.protocol.message.PricedLine(dev.parley.protocol.message.Sku.of(sku), quantity,
                        offer.items().get(0).unitPrice(), null)), 1, null), "th-" + seed + "-" + (++threads));
        if (quote.message().type() != MessageType.QUOTE) {
            throw new AssertionError("no quote for " + sku + ": " + quote.compact());
        }
        return quote.compact();
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    MessageSigner.Draft draft(MessageType type, Object body) {
        return signer.message(type, body).to(node.origin());
    }

    Answer send(MessageType type, Object body) throws Exception {
        return post(draft(type, body).sign().compact());
    }

    Answer send(MessageType type, Object body, String thread) throws Exception {
        return post(draft(type, body).thread(thread).sign().compact());
    }

    Answer post(String compact) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + BrandNode.MESSAGES))
                .header("Content-Type", "application/jose").POST(HttpRequest.BodyPublishers.ofString(compact)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), verifyAnswer(response.body()));
    }

    /** Verifies an answer; errors to unattributable requests carry no audience and are checked as such. */
    VerifiedMessage verifyAnswer(String compact) throws ProtocolException {
        try {
            return verifyOnce(compact);
        } catch (ProtocolException e) {
            if (e.code() != ErrorCode.UNKNOWN_KEY) {
                throw e;
            }
            brandKeys.refresh(node.origin()).toCompletableFuture().join();
            return verifyOnce(compact);
        }
    }

    private VerifiedMessage verifyOnce(String compact) throws ProtocolException {
        try {
            return verifier.verify(compact);
        } catch (ProtocolException e) {
            if (e.code() == ErrorCode.WRONG_AUDIENCE) {
                return anyAudience.verifyPresented(compact, null);
            }
            throw e;
        }
    }
}
