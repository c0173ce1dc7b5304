package dev.parley.twin.brand;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.message.ErrorBody;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.sign.SignedMessage;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * One twin's connection to one brand over the HTTP binding (spec §8): its signed exchanges, made
 * with this twin's own key for the brand over the {@link BrandDirectory}'s shared connections and
 * verified with the brand's keys the directory discovered. Every answer is verified before use —
 * issuer, audience (this twin's key for the brand), signature, time, replay — and anything that
 * does not verify fails with {@link BrandUnavailable}. Asynchronous: nothing here blocks an event
 * loop; verification runs on the directory's compute pool ({@link BrandDirectory#compute}).
 */
public final class BrandClient {

    private final BrandDirectory directory;
    private final String origin;
    private final URI base;
    private final MessageSigner signer;
    private final Verifier verifier;

    /**
     * @param origin the brand's identity; {@code base} where it is reached (the same, except for
     *     nodes on loopback that sign as another origin)
     * @param signer this twin's signer for this brand (its own did:key)
     */
    public BrandClient(BrandDirectory directory, String origin, URI base, MessageSigner signer, Clock clock) {
        this.directory = directory;
        this.origin = origin;
        this.base = base;
        this.signer = signer;
        Verifier.Builder builder = Verifier.builder().keys(directory.keys()).expectAudience(signer.issuer())
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

    /** The brand's catalog from the shared directory (which also makes sure its keys are known). */
    public Future<BrandCatalog> catalog() {
        return directory.catalog(origin, base);
    }

    /**
     * Sends one signed message and verifies the answer: issued by this brand, addressed to this
     * twin, answering this message. A signed error comes back as a failed future with its
     * {@link ProtocolException}; anything unverifiable as {@link BrandUnavailable}.
     */
    public Future<VerifiedMessage> exchange(SignedMessage message) {
        Duration timeout = directory.options().timeout();
        return directory.http().postAbs(base + "/parley/messages").timeout(timeout.toMillis()).putHeader("Content-Type", "application/jose")
                .sendBuffer(Buffer.buffer(message.compact()))
                .recover(failure -> BrandDirectory.<HttpResponse<Buffer>>unreachable(origin, timeout, failure))
                .compose(response -> directory.compute(() -> {
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
                }));
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
}
