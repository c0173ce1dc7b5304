package dev.parley.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Protocol;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.message.Descriptor;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.OfferSet;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.money.Money;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The agent under test and what the kit learned about it: its origin, verified descriptor and
 * keys, the kit's own twins, and the exchanges several checks build on (an offer set, a test
 * fixture). Speaks the HTTP binding (spec §8) synchronously and verifies every answer with the
 * protocol core. One instance per run; not thread-safe.
 */
public final class Target {

    static final String JOSE = "application/jose";
    static final String TEST_FIXTURE = "/.well-known/parley-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_RATE_LIMITED = 4;
    private static final long MAX_RETRY_AFTER_SECONDS = 10;

    private final URI base;
    private final String origin;
    private final HttpClient http;
    private final Clock clock;
    private final RandomGenerator random;
    private final Twin twinA;
    private final Twin twinB;
    private final Map<String, Object> memo = new HashMap<>();
    private Discovery discovery;

    /** The discovered descriptor and keys, or why discovery failed. */
    record Discovery(Answer descriptorAnswer, Descriptor descriptor, String jwksJson, Answer jwksAnswer, JwksKeyResolver keys,
                     String failure) {}

    /** A product the brand's test mode names (spec §8.6). */
    public record Fixture(String sku, long available, Money floor) {}

    /** A message the kit sent and what came back. */
    public record Exchange(String id, String compact, Answer answer) {}

    public Target(URI base, Clock clock, RandomGenerator random) {
        String scheme = base.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
            throw new IllegalArgumentException("the target must be an http(s) URL, not " + base);
        }
        this.base = base;
        this.origin = scheme + "://" + base.getHost().toLowerCase(java.util.Locale.ROOT) + (base.getPort() < 0 ? "" : ":" + base.getPort());
        this.clock = clock;
        this.random = random;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.twinA = new Twin("twin A", clock, random);
        this.twinB = new Twin("twin B", clock, random);
    }

    /** The origin the target is expected to sign as (scheme, host, port of the target URL). */
    public String origin() {
        return origin;
    }

    public Clock clock() {
        return clock;
    }

    public Twin twinA() {
        return twinA;
    }

    public Twin twinB() {
        return twinB;
    }

    // ---- HTTP ------------------------------------------------------------------------------------------

    /** GET a URL (absolute, or a path on the target's origin). */
    public Answer get(String url, String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(url)).timeout(TIMEOUT).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return answer(send(request.build()), null);
    }

    /**
     * Sends a request of any method with a body to the messages endpoint, verifying the answer as
     * addressed to {@code audience} (null: any). A {@code rate_limited} answer is waited out (its
     * Retry-After, a few times at most) and the same bytes sent again: the kit is a client like any
     * other (spec §8.5), and a refused request changed nothing.
     */
    public Answer request(String method, String contentType, byte[] body, String audience) throws IOException, Check.Skip {
        Answer answer = null;
        for (int attempt = 0; attempt < MAX_RATE_LIMITED; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(messagesEndpoint()).timeout(TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<byte[]> response = send(request.build());
            answer = answer(response, audience);
            if (!waitedOut(response)) {
                return answer;
            }
        }
        return answer;
    }

    /** POSTs a compact JWS to the messages endpoint; the answer is verified as addressed to {@code audience} (null: any). */
    public Answer post(String compact, String audience) throws IOException, Check.Skip {
        return request("POST", JOSE, compact.getBytes(StandardCharsets.US_ASCII), audience);
    }

    /**
     * Signs a message of {@code twin} to the brand and posts it. Rate limiting is waited out with a
     * newly signed message each time (a brand may have recorded the first id before limiting it).
     */
    public Exchange send(Twin twin, MessageType type, ObjectNode body, String thread, String re) throws IOException, Check.Skip {
        Exchange exchange = null;
        for (int attempt = 0; attempt < MAX_RATE_LIMITED; attempt++) {
            MessageSigner.Draft draft = twin.signer().message(type, body).to(origin).ttl(Duration.ofMinutes(5));
            if (thread != null) {
                draft.thread(thread);
            }
            if (re != null) {
                draft.re(re);
            }
            var signed = draft.sign();
            HttpRequest request = HttpRequest.newBuilder(messagesEndpoint()).timeout(TIMEOUT).header("Content-Type", JOSE)
                    .POST(HttpRequest.BodyPublishers.ofString(signed.compact(), StandardCharsets.US_ASCII)).build();
            HttpResponse<byte[]> response = send(request);
            exchange = new Exchange(signed.id(), signed.compact(), answer(response, twin.did()));
            if (!waitedOut(response)) {
                return exchange;
            }
        }
        return exchange;
    }

    /** True after waiting out a 429 whose Retry-After is short enough; false for any other answer. */
    private static boolean waitedOut(HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() != 429) {
            return false;
        }
        long seconds = response.headers().firstValue("Retry-After").filter(v -> v.matches("[0-9]{1,3}")).map(Long::parseLong).orElse(-1L);
        if (seconds < 0 || seconds > MAX_RETRY_AFTER_SECONDS) {
            return false;
        }
        try {
            if (seconds > 0) {
                Thread.sleep(seconds * 1000);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting out rate limiting", e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private URI resolve(String url) {
        return url.startsWith("/") ? URI.create(origin + url).normalize() : URI.create(url);
    }

    private Answer answer(HttpResponse<byte[]> response, String audience) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String type = response.headers().firstValue("Content-Type").orElse(null);
        String etag = response.headers().firstValue("ETag").orElse(null);
        String cache = response.headers().firstValue("Cache-Control").orElse(null);
        if (discovery == null || discovery.keys() == null || body.isEmpty()) {
            return new Answer(response.statusCode(), type, etag, cache, body, null, body.isEmpty() ? "empty body" : "keys not known yet");
        }
        try {
            return new Answer(response.statusCode(), type, etag, cache, body, verify(body.trim(), audience), null);
        } catch (ProtocolException e) {
            return new Answer(response.statusCode(), type, etag, cache, body, null, e.code().wire() + ": " + e.detail());
        }
    }

    /** Verifies a message of the brand with its published keys, as addressed to {@code audience} (null: any audience). */
    VerifiedMessage verify(String compact, String audience) throws ProtocolException {
        Verifier.Builder builder = Verifier.builder().keys(discovery.keys()).clock(clock)
                .replayGuard(new InMemoryReplayGuard(16, clock));
        if (audience == null) {
            builder.ignoreAudience();
        } else {
            builder.expectAudience(audience);
        }
        if (origin.startsWith("http://")) {
            builder.allowLoopbackHttpIssuers();
        }
        VerifiedMessage message = builder.build().verifyPresented(compact, audience);
        if (!message.issuer().equals(origin)) {
            throw new ProtocolException(ErrorCode.UNKNOWN_KEY, "signed by " + message.issuer() + ", not by the target's origin " + origin);
        }
        return message;
    }

    // ---- discovery -------------------------------------------------------------------------------------

    /** Fetches and verifies the descriptor and JWKS once (spec §2.1); later calls return the same result. */
    Discovery discover() throws IOException {
        if (discovery != null) {
            return discovery;
        }
        Answer descriptorAnswer = get("/.well-known/parley");
        if (descriptorAnswer.status() != 200) {
            return discovery = new Discovery(descriptorAnswer, null, null, null, null, "GET /.well-known/parley answered HTTP " + descriptorAnswer.status());
        }
        String compact = descriptorAnswer.body().trim();
        ObjectNode claimed;
        try {
            String[] parts = compact.split("\\.");
            claimed = ParleyJson.readObject(java.util.Base64.getUrlDecoder().decode(parts[1]));
        } catch (ProtocolException | RuntimeException e) {
            return discovery = new Discovery(descriptorAnswer, null, null, null, null, "the descriptor is not a JWS with a JSON payload");
        }
        String jwksUrl = claimed.path("body").path("endpoints").path("jwks").asText("");
        if (!jwksUrl.startsWith(origin + "/")) {
            return discovery = new Discovery(descriptorAnswer, null, null, null, null,
                    "the descriptor's endpoints.jwks (" + jwksUrl + ") is not on the target's origin " + origin);
        }
        Answer jwksAnswer = get(jwksUrl);
        if (jwksAnswer.status() != 200) {
            return discovery = new Discovery(descriptorAnswer, null, null, jwksAnswer, null, "GET " + jwksUrl + " answered HTTP " + jwksAnswer.status());
        }
        JwksKeyResolver keys = JwksKeyResolver.fixed(clock);
        try {
            if (keys.put(origin, jwksAnswer.body()).isEmpty()) {
                return discovery = new Discovery(descriptorAnswer, null, jwksAnswer.body(), jwksAnswer, null, "the JWKS has no usable Ed25519 or P-256 key");
            }
        } catch (ProtocolException e) {
            return discovery = new Discovery(descriptorAnswer, null, jwksAnswer.body(), jwksAnswer, null, "the JWKS does not parse: " + e.detail());
        }
        discovery = new Discovery(descriptorAnswer, null, jwksAnswer.body(), jwksAnswer, keys, null);
        try {
            VerifiedMessage verified = verify(compact, null);
            if (verified.type() != MessageType.DESCRIPTOR) {
                return discovery = new Discovery(descriptorAnswer, null, jwksAnswer.body(), jwksAnswer, keys,
                        "/.well-known/parley serves a " + verified.type().wire() + ", not a descriptor");
            }
            Descriptor descriptor = verified.body(Descriptor.class);
            return discovery = new Discovery(new Answer(descriptorAnswer.status(), descriptorAnswer.contentType(), descriptorAnswer.etag(),
                    descriptorAnswer.cacheControl(), descriptorAnswer.body(), verified, null), descriptor, jwksAnswer.body(), jwksAnswer, keys, null);
        } catch (ProtocolException e) {
            return discovery = new Discovery(descriptorAnswer, null, jwksAnswer.body(), jwksAnswer, keys,
                    "the descriptor does not verify: " + e.code().wire() + ": " + e.detail());
        }
    }

    /** The verified descriptor; skips the calling check when discovery failed. */
    public Descriptor descriptor() throws IOException, Check.Skip {
        Discovery d = discover();
        if (d.descriptor() == null) {
            throw new Check.Skip("needs a verified descriptor, and discovery failed: " + d.failure());
        }
        return d.descriptor();
    }

    public boolean declares(String capability) throws IOException, Check.Skip {
        return descriptor().capabilities().contains(capability);
    }

    /** Skips the calling check unless the descriptor declares {@code capability}. */
    public void require(String capability, String why) throws IOException, Check.Skip {
        if (!declares(capability)) {
            throw new Check.Skip("the descriptor does not declare " + capability + "; " + why);
        }
    }

    URI messagesEndpoint() throws IOException, Check.Skip {
        return descriptor().endpoints().messages();
    }

    public String catalogUrl(String query) throws IOException, Check.Skip {
        String url = descriptor().endpoints().catalog().toString();
        return query == null ? url : url + (url.contains("?") ? "&" : "?") + query;
    }

    // ---- shared scenario -------------------------------------------------------------------------------

    /** The test fixture of a brand in test mode (spec §8.6); skips without it. */
    public Fixture fixture() throws IOException, Check.Skip, Check.Failure {
        require(Descriptor.CAP_TEST_MODE, "this check needs the known state test mode gives (spec §8.6)");
        Fixture cached = (Fixture) memo.get("fixture");
        if (cached != null) {
            return cached;
        }
        Answer answer = get(TEST_FIXTURE);
        if (answer.status() != 200) {
            throw new Check.Failure("test_mode is declared but GET " + TEST_FIXTURE + " answered " + answer.describe());
        }
        try {
            ObjectNode json = ParleyJson.readObject(answer.body().getBytes(StandardCharsets.UTF_8));
            Fixture fixture = new Fixture(json.path("sku").asText(), json.path("available").asLong(-1),
                    ParleyJson.bind(json.path("floor"), Money.class));
            if (fixture.sku().isEmpty() || fixture.available() < 1) {
                throw new Check.Failure("the test fixture must name a sku with at least one available unit: " + answer.body());
            }
            memo.put("fixture", fixture);
            return fixture;
        } catch (ProtocolException e) {
            throw new Check.Failure("the test fixture is not {\"sku\", \"available\", \"floor\"}: " + e.detail());
        }
    }

    /** The SKU the kit asks for: the fixture's in test mode, else the first in-stock product of catalog page 0. */
    public String wantedSku() throws IOException, Check.Skip, Check.Failure {
        if (declares(Descriptor.CAP_TEST_MODE)) {
            return fixture().sku();
        }
        String cached = (String) memo.get("sku");
        if (cached != null) {
            return cached;
        }
        Answer page = get(catalogUrl(null));
        if (!page.verified() || page.message().type() != MessageType.CATALOG_PAGE) {
            throw new Check.Skip("needs a product to ask for, and catalog page 0 is " + page.describe());
        }
        for (JsonNode product : page.message().bodyTree().path("products")) {
            if ("in_stock".equals(product.path("availability").asText())) {
                memo.put("sku", product.path("sku").asText());
                return product.path("sku").asText();
            }
        }
        throw new Check.Skip("needs an in-stock product, and catalog page 0 has none");
    }

    /** An intent for one unit of {@link #wantedSku()}. */
    public ObjectNode intentBody(int quantity) throws IOException, Check.Skip, Check.Failure {
        ObjectNode body = ParleyJson.object();
        ArrayNode wants = body.putArray("wants");
        wants.addObject().put("sku", wantedSku()).put("quantity", quantity);
        return body;
    }

    /** The offer set {@code twin} got for its intent, asked once per run. */
    public VerifiedMessage offerSet(Twin twin) throws IOException, Check.Skip, Check.Failure {
        String key = "offer.set " + twin.did();
        VerifiedMessage cached = (VerifiedMessage) memo.get(key);
        if (cached != null) {
            return cached;
        }
        Exchange intent = send(twin, MessageType.INTENT, intentBody(1), null, null);
        Answer a = intent.answer();
        if (a.status() != 200 || !a.verified() || a.message().type() != MessageType.OFFER_SET) {
            throw new Check.Skip("needs an offer set, and the intent was answered " + a.describe());
        }
        memo.put(key, a.message());
        return a.message();
    }

    /** A one-line offer of the wanted SKU in {@code twin}'s offer set that may be negotiated. */
    public Offer negotiableOffer(Twin twin) throws IOException, Check.Skip, Check.Failure {
        String sku = wantedSku();
        List<Offer> offers;
        try {
            offers = offerSet(twin).body(OfferSet.class).offers();
        } catch (ProtocolException e) {
            throw new Check.Skip("the offer set does not bind: " + e.detail());
        }
        return offers.stream().filter(o -> o.items().size() == 1 && o.items().get(0).sku().toString().equals(sku))
                .filter(o -> !Boolean.FALSE.equals(o.negotiable())).findFirst()
                .orElseThrow(() -> new Check.Skip("the offer set has no negotiable one-line offer for " + sku));
    }

    /** A {@code negotiate.propose} body for {@code offer} at {@code unitPrice} × {@code quantity}, round 1. */
    public ObjectNode proposeBody(Twin twin, Offer offer, Money unitPrice, int quantity) throws IOException, Check.Skip, Check.Failure {
        ObjectNode body = ParleyJson.object();
        body.putObject("offer").put("offer_id", offer.offerId()).put("offer_set", offerSet(twin).compact());
        body.set("items", lines(offer.items().get(0), unitPrice, quantity));
        body.put("round", 1);
        return body;
    }

    public static ArrayNode lines(PricedLine line, Money unitPrice, int quantity) {
        ArrayNode items = ParleyJson.object().arrayNode();
        ObjectNode item = items.addObject();
        item.put("sku", line.sku().toString()).put("quantity", quantity);
        item.set("unit_price", ParleyJson.toTree(unitPrice));
        return items;
    }

    /**
     * A fresh quote for {@code twin}: opens a thread at the offer's own price and accepts the
     * brand's counter if it makes one. {@code testSeconds} asks a brand in test mode for a quote
     * that short-lived (spec §8.6); null for a normal quote.
     */
    public VerifiedMessage freshQuote(Twin twin, Long testSeconds) throws IOException, Check.Skip, Check.Failure {
        require(Descriptor.CAP_NEGOTIATION, "quotes are earned by negotiation (spec §6)");
        Offer offer = negotiableOffer(twin);
        PricedLine line = offer.items().get(0);
        String thread = "t-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        ObjectNode propose = proposeBody(twin, offer, line.unitPrice(), 1);
        if (testSeconds != null) {
            propose.put("x_test_quote_seconds", testSeconds);
        }
        Exchange opened = send(twin, MessageType.NEGOTIATE_PROPOSE, propose, thread, null);
        VerifiedMessage answer = ok(opened.answer(), "a proposal at the offer's own price");
        if (answer.type() == MessageType.NEGOTIATE_COUNTER) {
            ObjectNode accept = ParleyJson.object().put("round", answer.bodyTree().path("round").asInt());
            if (testSeconds != null) {
                accept.put("x_test_quote_seconds", testSeconds);
            }
            answer = ok(send(twin, MessageType.NEGOTIATE_ACCEPT, accept, thread, answer.id()).answer(), "accepting the brand's counter");
        }
        if (answer.type() != MessageType.QUOTE) {
            throw new Check.Failure("a proposal at the offer's own price was answered with " + answer.type().wire() + ", not a quote");
        }
        return answer;
    }

    /** A verified 200 answer, or a failure naming what came instead. */
    public static VerifiedMessage ok(Answer answer, String what) throws Check.Failure {
        if (answer.status() != 200 || !answer.verified()) {
            throw new Check.Failure(what + " was answered " + answer.describe());
        }
        return answer.message();
    }

    /**
     * Checks that {@code answer} is the signed error {@code code} with its registry status (spec
     * §8.2, §10), addressed back when the request could be attributed. Returns a note.
     */
    public static String expectError(Answer answer, ErrorCode code, String what) throws Check.Failure {
        if (!answer.verified()) {
            throw new Check.Failure(what + ": expected a signed " + code.wire() + " error (HTTP " + code.httpStatus() + "), got "
                    + answer.describe());
        }
        VerifiedMessage m = answer.message();
        String got = m.type() == MessageType.ERROR ? m.bodyTree().path("code").asText() : m.type().wire();
        if (m.type() != MessageType.ERROR || !got.equals(code.wire())) {
            throw new Check.Failure(what + ": expected " + code.wire() + " (HTTP " + code.httpStatus() + "), got " + answer.describe());
        }
        if (answer.status() != code.httpStatus()) {
            throw new Check.Failure(what + ": " + code.wire() + " must come with HTTP " + code.httpStatus() + ", not " + answer.status());
        }
        if (!JOSE.equalsIgnoreCase(String.valueOf(answer.contentType()).split(";")[0].trim())) {
            throw new Check.Failure(what + ": the error must be sent as " + JOSE + ", not " + answer.contentType());
        }
        return code.wire() + " " + code.httpStatus();
    }

    /** A fresh identifier for threads and idempotency keys. */
    public String newId(String prefix) {
        return prefix + "-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }

    /** Remembers a value for later checks of the same run. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> recall(String key) {
        return Optional.ofNullable((T) memo.get(key));
    }

    public void remember(String key, Object value) {
        memo.put(key, value);
    }

    /** The envelope of a message the kit signs itself, for hostile variants (spec §3). */
    public ObjectNode envelope(Twin twin, MessageType type, ObjectNode body) {
        long now = clock.instant().getEpochSecond();
        ObjectNode payload = ParleyJson.object();
        payload.put("parley", Protocol.VERSION);
        payload.put("type", type.wire());
        payload.put("id", newId("m"));
        payload.put("iss", twin.did());
        payload.put("aud", origin);
        payload.put("iat", now);
        payload.put("exp", now + 300);
        payload.set("body", body);
        return payload;
    }
}
