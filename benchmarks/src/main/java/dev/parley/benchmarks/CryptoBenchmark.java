package dev.parley.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.keys.KeyResolver;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.keys.VerificationKey;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.schema.ParleySchemas;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing and full verification of a realistic ~1 KiB {@code offer.set}, for Ed25519 and ES256,
 * plus the components of verification, so the ratio to {@code openssl speed} shows where time goes.
 *
 * <p>Full verification runs every check, replay included: the benchmark verifies a pool of
 * pre-signed messages with distinct ids and starts a fresh replay guard each time it wraps around
 * the pool (once per {@value #POOL} messages), so no message is ever rejected as a replay.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBenchmark {
    static final int POOL = 4096;
    static final String BRAND = "https://shop.example";

    @Param({"Ed25519", "ES256"})
    public String alg;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    private MessageSigner signer;
    private ObjectNode body;
    private String twin;
    private String[] pool;
    private int next;
    private KeyResolver keys;
    private Verifier verifier;
    private byte[] payloadBytes;
    private ObjectNode payload;
    private String payloadSegment;
    private byte[] signingInput;
    private byte[] signature;
    private byte[] rawPublicKey;
    private VerificationKey verificationKey;

    @Setup
    public void setup() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        JWK twinKey = Keys.generate(Keys.Algorithm.ED25519, null);
        twin = DidKey.of(twinKey);
        JWK key = Keys.generate(Keys.Algorithm.parse(alg), "shop-1");
        signer = MessageSigner.create(key, BRAND, clock, random);
        body = ParleyJson.toTree(Messages.offerSet(twin, clock.instant()));
        JwksKeyResolver jwks = JwksKeyResolver.fixed(clock);
        jwks.put(BRAND, Keys.publicJwks(List.of(key)));
        keys = jwks;
        pool = new String[POOL];
        for (int i = 0; i < POOL; i++) {
            pool[i] = signer.message(MessageType.OFFER_SET, body).to(twin).ttl(Duration.ofDays(1)).sign().compact();
        }
        newVerifier();
        String sample = pool[0];
        int dot1 = sample.indexOf('.');
        int dot2 = sample.lastIndexOf('.');
        payloadSegment = sample.substring(dot1 + 1, dot2);
        payloadBytes = Base64.getUrlDecoder().decode(payloadSegment);
        payload = ParleyJson.readObject(payloadBytes);
        signingInput = sample.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(sample.substring(dot2 + 1));
        verificationKey = keys.resolve(BRAND, "shop-1");
        if (key instanceof OctetKeyPair okp) {
            rawPublicKey = okp.getDecodedX();
        }
        if (payloadBytes.length < 900 || payloadBytes.length > 1400) {
            throw new IllegalStateException("benchmark payload should be about 1 KiB, is " + payloadBytes.length);
        }
    }

    private void newVerifier() {
        verifier = Verifier.builder().keys(keys).expectAudience(twin)
                .replayGuard(new InMemoryReplayGuard(POOL * 2, clock)).clock(clock).build();
        next = 0;
    }

    @Benchmark
    public String sign() {
        return signer.message(MessageType.OFFER_SET, body).to(twin).ttl(Duration.ofDays(1)).sign().compact();
    }

    @Benchmark
    public VerifiedMessage verifyFull() throws ProtocolException {
        if (next == POOL) {
            newVerifier();
        }
        return verifier.verify(pool[next++]);
    }

    @Benchmark
    public boolean signatureOnly() {
        return verificationKey.verify(signingInput, signingInput.length, signature);
    }

    @Benchmark
    public boolean rawBouncyCastleEd25519() {
        if (rawPublicKey == null) {
            return false;
        }
        return Ed25519.verify(signature, 0, rawPublicKey, 0, signingInput, 0, signingInput.length);
    }

    @Benchmark
    public byte[] base64DecodePayload() {
        return Base64.getUrlDecoder().decode(payloadSegment);
    }

    @Benchmark
    public ObjectNode parsePayload() throws ProtocolException {
        return ParleyJson.readObject(payloadBytes);
    }

    @Benchmark
    public List<String> schemaValidate() {
        return ParleySchemas.standard().validate(MessageType.OFFER_SET, payload);
    }

    @Benchmark
    public VerificationKey keyLookup() throws ProtocolException {
        return keys.resolve(BRAND, "shop-1");
    }
}
