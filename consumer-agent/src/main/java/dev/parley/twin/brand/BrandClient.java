package dev.parley.twin.brand;

import com.nimbusds.jose.jwk.JWKSet;
import dev.parley.catalog.mirror.CatalogMirror;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.message.CatalogDelta;
import dev.parley.protocol.message.CatalogPage;
import dev.parley.protocol.message.Descriptor;
import dev.parley.protocol.message.ErrorBody;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.sign.SignedMessage;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A twin's connection to one brand over the HTTP binding (spec §8): discovery, catalog sync into a
 * {@link CatalogMirror} (deltas, resync from pages on a gap), and signed exchanges. Every answer
 * is verified before use — issuer, audience (this twin's key for the brand), signature, time,
 * replay — and anything that does not verify fails with {@link BrandUnavailable}. Asynchronous:
 * nothing here blocks an event loop; verification runs on worker threads.
 */
public final class BrandClient {

    private final Vertx vertx;
    private final WebClient http;
    private final String origin;
    private final URI base;
    private final MessageSigner signer;
    private final Clock clock;
    private final Duration timeout;
    private final JwksKeyResolver keys;
    private final Verifier verifier;
    private volatile Descriptor descriptor;
    private volatile java.time.Instant discoveredAt;

    /** How long a verified descriptor and JWKS are reused before they are fetched again (a brand's JWKS cache time). */
    static final Duration DISCOVERY_TTL = Duration.ofMinutes(5);

    /**
     * @param origin the brand's identity; {@code base} where it is reached (the same, except for
     *     nodes on loopback that sign as another origin)
     * @param signer this twin's signer for this brand (its own did:key)
     */
    public BrandClient(Vertx vertx, WebClient http, String origin, URI base, MessageSigner signer, Clock clock, Duration timeout) {
        this.vertx = vertx;
        this.http = http;
        this.origin = origin;
        this.base = base;
        this.signer = signer;
        this.clock = clock;
        this.timeout = timeout;
        this.keys = JwksKeyResolver.fixed(clock);
        Verifier.Builder builder = Verifier.builder().keys(keys).expectAudience(signer.issuer())
                .replayGuard(new InMemoryReplayGuard(100_000, clock)).clock(clock);
        if (origin.startsWith("http://")) {
            builder.allowLoopbackHttpIssuers();
        }
        this.verifier = builder.build();
    }

    public String origin() {
        return origin;
    }

    /** The did:key this twin uses with this brand. */
    public String twin() {
        return signer.issuer();
    }

    public MessageSigner signer() {
        return signer;
    }

    public Descriptor descriptor() {
        return descriptor;
    }

    /**
     * Fetches the JWKS and the signed descriptor, and checks the descriptor names this brand;
     * reuses them for {@link #DISCOVERY_TTL}.
     */
    public Future<Descriptor> discover() {
        Descriptor known = descriptor;
        java.time.Instant at = discoveredAt;
        if (known != null && at != null && clock.instant().isBefore(at.plus(DISCOVERY_TTL))) {
            return Future.succeededFuture(known);
        }
        return rediscover();
    }

    /** Fetches the JWKS and the descriptor again, whatever is cached. */
    public Future<Descriptor> rediscover() {
        return get("/.well-known/jwks.json").compose(jwks -> vertx.executeBlocking(() -> {
            try {
                keys.put(origin, JWKSet.parse(jwks.bodyAsString()));
            } catch (java.text.ParseException | RuntimeException e) {
                throw new BrandUnavailable(BrandUnavailable.Reason.PROTOCOL_ERROR, origin + " serves no usable JWKS: " + e.getMessage(), e);
            }
            return null;
        }, false)).compose(v -> get("/.well-known/parley")).compose(response -> verifyDocument(response.bodyAsString(), MessageType.DESCRIPTOR))
                .map(message -> {
                    Descriptor d = bind(message, Descriptor.class);
                    if (!origin.equals(d.origin())) {
                        throw new BrandUnavailable(BrandUnavailable.Reason.BAD_SIGNATURE, "descriptor of " + d.origin() + " served by " + origin, null);
                    }
                    descriptor = d;
                    discoveredAt = clock.instant();
                    return d;
                });
    }

    /**
     * Brings the mirror up to date: a delta from its sequence when it has one, else (or on a gap)
     * every page of the current snapshot.
     */
    public Future<CatalogMirror> sync(CatalogMirror mirror) {
        if (!mirror.synced()) {
            return pages(mirror, null, 0);
        }
        return http.getAbs(base + "/parley/catalog?since=" + mirror.seq()).timeout(timeout.toMillis()).send()
                .recover(this::unreachable)
                .compose(response -> {
                    if (response.statusCode() == 404) {
                        return pages(mirror, null, 0);
                    }
                    return verifyDocument(checkOk(response), MessageType.CATALOG_DELTA).compose(message -> {
                        CatalogMirror.Outcome outcome = mirror.applyDelta(bind(message, CatalogDelta.class));
                        return outcome == CatalogMirror.Outcome.GAP ? pages(mirror, null, 0) : Future.succeededFuture(mirror);
                    });
                });
    }

    private Future<CatalogMirror> pages(CatalogMirror mirror, Long seq, int page) {
        String query = seq == null ? "?page=" + page : "?seq=" + seq + "&page=" + page;
        return get("/parley/catalog" + query).compose(response -> verifyDocument(response.bodyAsString(), MessageType.CATALOG_PAGE))
                .compose(message -> {
                    CatalogPage body = bind(message, CatalogPage.class);
                    CatalogMirror.Outcome outcome = mirror.applyPage(body);
                    if (outcome == CatalogMirror.Outcome.RESTART) {
                        return pages(mirror, null, 0);
                    }
                    return body.last() ? Future.succeededFuture(mirror) : pages(mirror, body.seq(), page + 1);
                });
    }

    /**
     * Sends one signed message and verifies the answer: issued by this brand, addressed to this
     * twin, answering this message. A signed error comes back as a failed future with its
     * {@link ProtocolException}; anything unverifiable as {@link BrandUnavailable}.
     */
    public Future<VerifiedMessage> exchange(SignedMessage message) {
        return http.postAbs(base + "/parley/messages").timeout(timeout.toMillis()).putHeader("Content-Type", "application/jose")
                .sendBuffer(Buffer.buffer(message.compact()))
                .recover(this::unreachable)
                .compose(response -> vertx.executeBlocking(() -> {
                    VerifiedMessage answer = verify(response.bodyAsString());
                    if (!origin.equals(answer.issuer()) || !message.id().equals(answer.re())) {
                        throw new BrandUnavailable(BrandUnavailable.Reason.BAD_SIGNATURE,
                                origin + " answered with a message of " + answer.issuer() + " answering " + answer.re(), null);
                    }
                    if (answer.type() == MessageType.ERROR) {
                        ErrorBody error = answer.body(ErrorBody.class);
                        throw new ProtocolException(error.code(), error.detail());
                    }
                    return answer;
                }, false));
    }

    /** Verifies a document this brand issued to this twin earlier (a quote, an offer set), presented again. */
    public VerifiedMessage verifyPresented(String compact) throws ProtocolException {
        return verifier.verifyPresented(compact, signer.issuer());
    }

    private VerifiedMessage verify(String compact) {
        try {
            return verifier.verify(compact);
        } catch (ProtocolException e) {
            if (e.code() == ErrorCode.UNKNOWN_KEY) {
                throw new BrandUnavailable(BrandUnavailable.Reason.BAD_SIGNATURE, origin + " signed with a key it does not publish: " + e.detail(), e);
            }
            throw new BrandUnavailable(BrandUnavailable.Reason.BAD_SIGNATURE, origin + " sent a message that does not verify: " + e.code().wire()
                    + ": " + e.detail(), e);
        }
    }

    private Future<VerifiedMessage> verifyDocument(String compact, MessageType expected) {
        return vertx.executeBlocking(() -> {
            VerifiedMessage message;
            try {
                message = verifier.verifyPresented(compact, null);
            } catch (ProtocolException e) {
                throw new BrandUnavailable(BrandUnavailable.Reason.BAD_SIGNATURE, origin + " sent a " + expected.wire() + " that does not verify: "
                        + e.code().wire() + ": " + e.detail(), e);
            }
            if (message.type() != expected || !origin.equals(message.issuer())) {
                throw new BrandUnavailable(BrandUnavailable.Reason.BAD_SIGNATURE, origin + " sent a " + message.type().wire() + " of "
                        + message.issuer() + " where its " + expected.wire() + " was expected", null);
            }
            return message;
        }, false);
    }

    private static <T> T bind(VerifiedMessage message, Class<T> type) {
        try {
            return message.body(type);
        } catch (ProtocolException e) {
            throw new BrandUnavailable(BrandUnavailable.Reason.PROTOCOL_ERROR, "unreadable " + message.type().wire() + ": " + e.detail(), e);
        }
    }

    private Future<HttpResponse<Buffer>> get(String path) {
        return http.getAbs(base + path).timeout(timeout.toMillis()).send().recover(this::unreachable).map(response -> {
            checkOk(response);
            return response;
        });
    }

    private String checkOk(HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            throw new BrandUnavailable(BrandUnavailable.Reason.REFUSED, origin + " answered HTTP " + response.statusCode(), null);
        }
        return response.bodyAsString();
    }

    private <T> Future<T> unreachable(Throwable failure) {
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return Future.failedFuture(new BrandUnavailable(BrandUnavailable.Reason.TIMEOUT,
                    origin + " did not answer within " + timeout.toMillis() + " ms", failure));
        }
        return Future.failedFuture(new BrandUnavailable(BrandUnavailable.Reason.UNREACHABLE, origin + " is unreachable: " + failure.getMessage(), failure));
    }
}
