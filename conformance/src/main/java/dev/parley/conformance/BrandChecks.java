package dev.parley.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.Descriptor;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.OfferSet;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Quote;
import dev.parley.protocol.money.Money;
import dev.parley.protocol.verify.VerifiedMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of the brand role, in the order they run. Each cites the section of
 * spec/PROTOCOL.md it tests. Checks that need a quote earn one by negotiation; checks that need
 * known state (a floor, a stock figure, a short-lived quote) use test mode (§8.6) and are skipped,
 * with the reason, on a brand that does not declare it.
 */
public final class BrandChecks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "k", "oth");
    private static final Pattern CAPABILITY = Pattern.compile("^[a-z][a-z0-9_.-]{0,63}$");
    /** A price no brand agrees to: the kit's proposals that must not end in a quote. */
    private static final String NOTHING = "0";
    private static final int MAX_STABLE_PAGES = 10;
    private static final int MAX_COMPARED_PAGES = 50;

    private BrandChecks() {}

    /** Every check of the brand role. */
    public static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        discovery(checks);
        errors(checks);
        catalog(checks);
        offers(checks);
        negotiation(checks);
        orders(checks);
        hostile(checks);
        return List.copyOf(checks);
    }

    private static Check check(String id, Tier tier, String section, String description, Check.Probe probe) {
        return new Check(id, tier, section, description, false, probe);
    }

    // ---- discovery (§2.1, §5.1, §8.1) -------------------------------------------------------------------

    private static void discovery(List<Check> checks) {
        checks.add(check("discovery.descriptor-served", Tier.MANDATORY, "§2.1, §8.1",
                "GET /.well-known/parley answers 200 with a JWS as application/jose", t -> {
                    Answer a = t.discover().descriptorAnswer();
                    if (a.status() != 200) {
                        throw new Check.Failure("GET /.well-known/parley answered HTTP " + a.status());
                    }
                    if (a.contentType() == null || !a.contentType().split(";")[0].trim().equalsIgnoreCase(Target.JOSE)) {
                        throw new Check.Failure("the descriptor must be served as " + Target.JOSE + ", not " + a.contentType());
                    }
                    return "200 " + Target.JOSE;
                }));
        checks.add(check("discovery.descriptor-signed", Tier.MANDATORY, "§2.1, §4.1, §5.1",
                "the descriptor is a signed descriptor message that verifies with the brand's JWKS and its schema", t -> {
                    Target.Discovery d = t.discover();
                    if (d.failure() != null) {
                        throw new Check.Failure(d.failure());
                    }
                    return "verified with key " + d.descriptorAnswer().message().kid();
                }));
        checks.add(check("discovery.origin-matches", Tier.MANDATORY, "§2.1, §5.1",
                "the descriptor's iss and origin are the target's origin and its endpoints are on that origin", t -> {
                    Descriptor d = t.descriptor();
                    if (!t.origin().equals(d.origin())) {
                        throw new Check.Failure("descriptor origin " + d.origin() + " is not the target's origin " + t.origin());
                    }
                    List<URI> endpoints = new ArrayList<>(List.of(d.endpoints().messages(), d.endpoints().catalog(), d.endpoints().jwks()));
                    if (d.endpoints().catalogStream() != null) {
                        endpoints.add(d.endpoints().catalogStream());
                    }
                    for (URI endpoint : endpoints) {
                        if (!endpoint.toString().startsWith(t.origin() + "/")) {
                            throw new Check.Failure("endpoint " + endpoint + " is not on the origin " + t.origin());
                        }
                    }
                    return d.origin();
                }));
        checks.add(check("discovery.jwks", Tier.MANDATORY, "§2.1",
                "the JWKS is reachable; every key has a unique kid, is OKP Ed25519 or EC P-256 and has no private members", t -> {
                    t.descriptor();
                    Target.Discovery d = t.discover();
                    JsonNode set;
                    try {
                        set = ParleyJson.readObject(d.jwksJson().getBytes(StandardCharsets.UTF_8));
                    } catch (ProtocolException e) {
                        throw new Check.Failure("the JWKS is not a JSON object: " + e.detail());
                    }
                    JsonNode keys = set.path("keys");
                    if (!keys.isArray() || keys.isEmpty()) {
                        throw new Check.Failure("the JWKS has no keys array");
                    }
                    Set<String> kids = new HashSet<>();
                    for (JsonNode key : keys) {
                        String kid = key.path("kid").asText("");
                        if (kid.isEmpty() || !kids.add(kid)) {
                            throw new Check.Failure(kid.isEmpty() ? "a key has no kid" : "kid " + kid + " appears twice");
                        }
                        for (String member : PRIVATE_MEMBERS) {
                            if (key.has(member)) {
                                throw new Check.Failure("key " + kid + " publishes the private member " + member);
                            }
                        }
                        String kty = key.path("kty").asText();
                        String crv = key.path("crv").asText();
                        if (!(kty.equals("OKP") && crv.equals("Ed25519")) && !(kty.equals("EC") && crv.equals("P-256"))) {
                            throw new Check.Failure("key " + kid + " is " + kty + " " + crv + "; only OKP Ed25519 and EC P-256 are allowed");
                        }
                    }
                    try {
                        JWKSet parsed = JWKSet.parse(d.jwksJson());
                        for (JWK jwk : parsed.getKeys()) {
                            if (jwk.isPrivate()) {
                                throw new Check.Failure("key " + jwk.getKeyID() + " is private");
                            }
                        }
                    } catch (java.text.ParseException e) {
                        throw new Check.Failure("the JWKS does not parse: " + e.getMessage());
                    }
                    String signedWith = d.descriptorAnswer().message().kid();
                    if (!kids.contains(signedWith)) {
                        throw new Check.Failure("the descriptor is signed with " + signedWith + ", which the JWKS does not list");
                    }
                    return kids.size() + " key(s): " + String.join(", ", kids);
                }));
        checks.add(check("discovery.capabilities", Tier.MANDATORY, "§5.1, §9.1",
                "the descriptor lists the versions it speaks (0.1 among them) and well-formed capabilities", t -> {
                    Descriptor d = t.descriptor();
                    if (!d.versions().contains(dev.parley.protocol.Protocol.VERSION)) {
                        throw new Check.Failure("versions " + d.versions() + " do not include " + dev.parley.protocol.Protocol.VERSION);
                    }
                    for (String capability : d.capabilities()) {
                        if (!CAPABILITY.matcher(capability).matches()) {
                            throw new Check.Failure("capability \"" + capability + "\" is not well-formed");
                        }
                    }
                    if (new HashSet<>(d.capabilities()).size() != d.capabilities().size()) {
                        throw new Check.Failure("capabilities " + d.capabilities() + " name one twice");
                    }
                    return "versions " + d.versions() + ", capabilities " + d.capabilities();
                }));
        checks.add(check("discovery.jwks-cache", Tier.RECOMMENDED, "§2.1",
                "the JWKS advertises its cache lifetime (Cache-Control: max-age, at most one hour)", t -> {
                    t.descriptor();
                    String cache = t.discover().jwksAnswer().cacheControl();
                    java.util.regex.Matcher m = cache == null ? null : Pattern.compile("max-age=([0-9]{1,10})").matcher(cache);
                    if (m == null || !m.find()) {
                        throw new Check.Failure("the JWKS has no Cache-Control max-age (" + cache + ")");
                    }
                    if (Long.parseLong(m.group(1)) > 3600) {
                        throw new Check.Failure("max-age " + m.group(1) + " s is more than an hour");
                    }
                    return "max-age " + m.group(1) + " s";
                }));
    }

    // ---- answers and errors (§8.2, §10) ---------------------------------------------------------------------

    private static void errors(List<Check> checks) {
        checks.add(check("messages.answer-signed", Tier.MANDATORY, "§8.2, §4.1",
                "a request is answered by a signed message addressed to its issuer, whose re names the request", t -> {
                    ObjectNode body = ParleyJson.object().put("signal", "liked");
                    Target.Exchange x = t.send(t.twinA(), MessageType.FEEDBACK, body, null, null);
                    VerifiedMessage m = Target.ok(x.answer(), "feedback");
                    if (m.type() != MessageType.ACK) {
                        throw new Check.Failure("feedback must be answered with ack, not " + m.type().wire());
                    }
                    if (!x.id().equals(m.re())) {
                        throw new Check.Failure("the answer's re is " + m.re() + ", not the request's id " + x.id());
                    }
                    return "ack addressed to " + t.twinA().name() + ", re " + x.id();
                }));
        checks.add(check("errors.signed-registry", Tier.MANDATORY, "§8.2, §5.15, §10",
                "errors are signed error messages with the registry's code and its HTTP status (garbage, wrong media type, wrong method)", t -> {
                    t.descriptor();
                    List<String> seen = new ArrayList<>();
                    seen.add(Target.expectError(t.request("POST", Target.JOSE, "this is not a JWS".getBytes(StandardCharsets.US_ASCII), null),
                            ErrorCode.MALFORMED, "a body that is not a JWS"));
                    seen.add(Target.expectError(t.request("POST", "text/plain", "hello".getBytes(StandardCharsets.US_ASCII), null),
                            ErrorCode.UNSUPPORTED_MEDIA_TYPE, "a text/plain body"));
                    seen.add(Target.expectError(t.request("PUT", Target.JOSE, new byte[0], null), ErrorCode.METHOD_NOT_ALLOWED, "PUT on the messages endpoint"));
                    return String.join(", ", seen);
                }));
    }

    // ---- catalog (§5.2, §5.3, §8.3, §8.4) ------------------------------------------------------------------

    private record Page(long seq, int page, int pages, Long total, List<String> skus, String compact, String etag) {}

    private static Page page(Target t, String query) throws Exception {
        Answer a = t.get(t.catalogUrl(query));
        VerifiedMessage m = Target.ok(a, "GET catalog" + (query == null ? "" : "?" + query));
        if (m.type() != MessageType.CATALOG_PAGE) {
            throw new Check.Failure("GET catalog" + (query == null ? "" : "?" + query) + " served a " + m.type().wire());
        }
        JsonNode b = m.bodyTree();
        List<String> skus = new ArrayList<>();
        for (JsonNode p : b.path("products")) {
            skus.add(p.path("sku").asText());
        }
        return new Page(b.path("seq").asLong(), b.path("page").asInt(), b.path("pages").asInt(),
                b.has("total") ? b.path("total").asLong() : null, skus, m.compact(), a.etag());
    }

    private static void catalog(List<Check> checks) {
        checks.add(check("catalog.page-signed", Tier.MANDATORY, "§5.2, §8.1",
                "GET the catalog endpoint serves a signed catalog.page of the current snapshot, with an ETag", t -> {
                    Page p = page(t, null);
                    if (p.etag() == null) {
                        throw new Check.Failure("the page has no ETag header");
                    }
                    if (p.page() != 0) {
                        throw new Check.Failure("GET without page= served page " + p.page() + ", not 0");
                    }
                    t.remember("seq", p.seq());
                    return "seq " + p.seq() + ", " + p.pages() + " page(s), " + p.skus().size() + " product(s) on page 0";
                }));
        checks.add(check("catalog.paging-stable", Tier.MANDATORY, "§8.3",
                "pages of one sequence are the same products in the same order on every request; a page past the end is not_found", t -> {
                    Page first = page(t, null);
                    int pages = Math.min(first.pages(), MAX_STABLE_PAGES);
                    Set<String> seen = new HashSet<>();
                    for (int n = 0; n < pages; n++) {
                        Page once = page(t, "seq=" + first.seq() + "&page=" + n);
                        Page again = page(t, "seq=" + first.seq() + "&page=" + n);
                        if (once.seq() != first.seq() || once.page() != n || once.pages() != first.pages()) {
                            throw new Check.Failure("?seq=" + first.seq() + "&page=" + n + " served seq " + once.seq() + " page " + once.page()
                                    + " of " + once.pages());
                        }
                        if (!once.skus().equals(again.skus())) {
                            throw new Check.Failure("page " + n + " of seq " + first.seq() + " changed between two requests: " + once.skus()
                                    + " then " + again.skus());
                        }
                        for (String sku : once.skus()) {
                            if (!seen.add(sku)) {
                                throw new Check.Failure("SKU " + sku + " appears on two pages of seq " + first.seq());
                            }
                        }
                    }
                    Answer past = t.get(t.catalogUrl("seq=" + first.seq() + "&page=" + first.pages()));
                    Target.expectError(past, ErrorCode.NOT_FOUND, "page " + first.pages() + " of " + first.pages());
                    return pages + " of " + first.pages() + " page(s) of seq " + first.seq() + " requested twice, identical";
                }));
        checks.add(check("catalog.etag", Tier.MANDATORY, "§8.3",
                "a page requested with If-None-Match and its current ETag answers 304 Not Modified", t -> {
                    Page p = page(t, null);
                    if (p.etag() == null) {
                        throw new Check.Failure("the page has no ETag header");
                    }
                    Answer again = t.get(t.catalogUrl("seq=" + p.seq() + "&page=0"), "If-None-Match", p.etag());
                    if (again.status() != 304) {
                        throw new Check.Failure("If-None-Match " + p.etag() + " answered HTTP " + again.status() + ", not 304");
                    }
                    return "304 for " + p.etag();
                }));
        checks.add(check("catalog.delta", Tier.MANDATORY, "§5.3, §8.3",
                "since=S answers a signed catalog.delta from S; a delta from 0 holds exactly the products of the pages of its sequence", t -> {
                    Page p = page(t, null);
                    Answer a = t.get(t.catalogUrl("since=" + p.seq()));
                    VerifiedMessage m = Target.ok(a, "GET catalog?since=" + p.seq());
                    JsonNode d = m.bodyTree();
                    if (m.type() != MessageType.CATALOG_DELTA || d.path("from_seq").asLong() != p.seq() || d.path("to_seq").asLong() < p.seq()) {
                        throw new Check.Failure("since=" + p.seq() + " served " + m.type().wire() + " from " + d.path("from_seq") + " to " + d.path("to_seq"));
                    }
                    if (d.path("to_seq").asLong() == p.seq() && (!d.path("upserts").isEmpty() || !d.path("removals").isEmpty())) {
                        throw new Check.Failure("a delta from the current sequence to itself carries changes");
                    }
                    Answer full = t.get(t.catalogUrl("since=0"));
                    if (full.status() == 404) {
                        Target.expectError(full, ErrorCode.NOT_FOUND, "since=0");
                        return "delta since " + p.seq() + " empty; since=0 is too old for this brand (not_found, allowed)";
                    }
                    VerifiedMessage zero = Target.ok(full, "GET catalog?since=0");
                    JsonNode z = zero.bodyTree();
                    if (zero.type() != MessageType.CATALOG_DELTA || z.path("from_seq").asLong() != 0) {
                        throw new Check.Failure("since=0 served " + zero.type().wire() + " from " + z.path("from_seq"));
                    }
                    long seq = z.path("to_seq").asLong();
                    Page at = page(t, "seq=" + seq + "&page=0");
                    if (at.pages() > MAX_COMPARED_PAGES) {
                        return "delta since " + p.seq() + " empty; since=0 to " + seq + " well-formed (" + at.pages() + " pages, not compared)";
                    }
                    Set<String> paged = new LinkedHashSet<>(at.skus());
                    for (int n = 1; n < at.pages(); n++) {
                        paged.addAll(page(t, "seq=" + seq + "&page=" + n).skus());
                    }
                    Set<String> upserts = new LinkedHashSet<>();
                    z.path("upserts").forEach(u -> upserts.add(u.path("sku").asText()));
                    if (!upserts.equals(paged)) {
                        Set<String> onlyPaged = new LinkedHashSet<>(paged);
                        onlyPaged.removeAll(upserts);
                        Set<String> onlyDelta = new LinkedHashSet<>(upserts);
                        onlyDelta.removeAll(paged);
                        throw new Check.Failure("the delta from 0 to " + seq + " and the pages of seq " + seq + " differ: only paged " + onlyPaged
                                + ", only in the delta " + onlyDelta);
                    }
                    return "delta since " + p.seq() + " empty; since=0 upserts the " + paged.size() + " products of seq " + seq;
                }));
        checks.add(check("catalog.signed-once", Tier.RECOMMENDED, "§8.4",
                "a page of a sequence is signed once: two requests get the same JWS", t -> {
                    Page p = page(t, null);
                    Page again = page(t, "seq=" + p.seq() + "&page=0");
                    Page third = page(t, "seq=" + p.seq() + "&page=0");
                    if (!again.compact().equals(third.compact())) {
                        throw new Check.Failure("page 0 of seq " + p.seq() + " was signed anew for each request");
                    }
                    return "same JWS";
                }));
        checks.add(new Check("catalog.full-traversal", Tier.MANDATORY, "§5.2, §8.3",
                "every page of the current snapshot verifies; no SKU twice; as many products as the page's total", true, t -> {
                    Page first = page(t, null);
                    Set<String> seen = new HashSet<>(first.skus());
                    for (int n = 1; n < first.pages(); n++) {
                        Page p = page(t, "seq=" + first.seq() + "&page=" + n);
                        for (String sku : p.skus()) {
                            if (!seen.add(sku)) {
                                throw new Check.Failure("SKU " + sku + " appears twice in seq " + first.seq());
                            }
                        }
                    }
                    if (first.total() != null && first.total() != seen.size()) {
                        throw new Check.Failure("the pages say total " + first.total() + " and hold " + seen.size() + " products");
                    }
                    return first.pages() + " page(s), " + seen.size() + " products";
                }));
    }

    // ---- offers (§5.5, §5.6) --------------------------------------------------------------------------------

    private static void offers(List<Check> checks) {
        checks.add(check("intent.offer-set", Tier.MANDATORY, "§5.5, §5.6, §8.2",
                "an intent is answered by an offer.set addressed to the twin whose offers are personal to it and still valid", t -> {
                    Target.Exchange x = t.send(t.twinA(), MessageType.INTENT, t.intentBody(1), null, null);
                    VerifiedMessage m = Target.ok(x.answer(), "an intent");
                    if (m.type() != MessageType.OFFER_SET) {
                        throw new Check.Failure("an intent must be answered with offer.set, not " + m.type().wire());
                    }
                    if (!x.id().equals(m.re())) {
                        throw new Check.Failure("the offer.set's re is " + m.re() + ", not the intent's id " + x.id());
                    }
                    OfferSet set = m.body(OfferSet.class);
                    Instant now = t.clock().instant();
                    for (Offer offer : set.offers()) {
                        if (!"twin".equals(offer.eligibility().audience().toString().toLowerCase(java.util.Locale.ROOT))
                                || !t.twinA().did().equals(offer.eligibility().twin())) {
                            throw new Check.Failure("offer " + offer.offerId() + " is not personal to the twin that asked");
                        }
                        if (!offer.validUntil().isAfter(now)) {
                            throw new Check.Failure("offer " + offer.offerId() + " is already expired (" + offer.validUntil() + ")");
                        }
                    }
                    if (set.offers().isEmpty()) {
                        throw new Check.Failure("an intent for " + t.wantedSku() + ", a product of the brand's own catalog, got no offer");
                    }
                    return set.offers().size() + " offer(s) for " + t.wantedSku();
                }));
    }

    // ---- negotiation (§6) -------------------------------------------------------------------------------------

    private static final Tier NEGOTIATION = Tier.capability(Descriptor.CAP_NEGOTIATION);
    private static final Tier ORDERS = Tier.capability(Descriptor.CAP_ORDERS);
    private static final Tier TEST_MODE = Tier.capability(Descriptor.CAP_TEST_MODE);

    private static Money nothing(Offer offer) {
        return Money.of(NOTHING, offer.items().get(0).unitPrice().currencyCode());
    }

    private static int round(VerifiedMessage m) {
        return m.bodyTree().path("round").asInt();
    }

    private static Money unitPrice(VerifiedMessage m) throws ProtocolException {
        return ParleyJson.bind(m.bodyTree().path("items").path(0).path("unit_price"), Money.class);
    }

    private static void negotiation(List<Check> checks) {
        checks.add(check("negotiation.limits-declared", NEGOTIATION, "§5.1, §6 step 3",
                "a negotiating brand declares max_rounds and negotiation_seconds in its descriptor", t -> {
                    Descriptor.PolicySummary p = t.descriptor().policies();
                    if (p == null || p.maxRounds() == null || p.negotiationSeconds() == null) {
                        throw new Check.Failure("policies.max_rounds and policies.negotiation_seconds must both be declared");
                    }
                    return "max_rounds " + p.maxRounds() + ", negotiation_seconds " + p.negotiationSeconds();
                }));
        checks.add(check("negotiation.counter-semantics", NEGOTIATION, "§6 step 2",
                "a counter answers the standing proposal (re, round + 1, same thread); a move out of turn is refused", t -> {
                    Offer offer = t.negotiableOffer(t.twinA());
                    String thread = t.newId("t");
                    Target.Exchange open = t.send(t.twinA(), MessageType.NEGOTIATE_PROPOSE, t.proposeBody(t.twinA(), offer, nothing(offer), 1), thread, null);
                    VerifiedMessage c = Target.ok(open.answer(), "a proposal at " + NOTHING);
                    if (c.type() != MessageType.NEGOTIATE_COUNTER) {
                        throw new Check.Failure("a proposal at " + NOTHING + " was answered " + c.type().wire() + ", expected a counter");
                    }
                    if (round(c) != 2 || !open.id().equals(c.re()) || !thread.equals(c.thread())) {
                        throw new Check.Failure("the counter has round " + round(c) + ", re " + c.re() + ", thread " + c.thread()
                                + "; expected round 2, re " + open.id() + ", thread " + thread);
                    }
                    ObjectNode outOfTurn = ParleyJson.object().put("round", 2);
                    outOfTurn.set("items", Target.lines(offer.items().get(0), nothing(offer), 1));
                    Target.expectError(t.send(t.twinA(), MessageType.NEGOTIATE_COUNTER, outOfTurn, thread, c.id()).answer(),
                            ErrorCode.INVALID_REQUEST, "a twin counter with the brand's round 2");
                    return "counter round 2 re the proposal; a counter out of turn is invalid_request";
                }));
        checks.add(check("negotiation.round-limit", NEGOTIATION, "§6 step 3",
                "a negotiation that does not converge is closed by max_rounds; a later move gets thread_closed", t -> {
                    Descriptor.PolicySummary p = t.descriptor().policies();
                    if (p == null || p.maxRounds() == null) {
                        throw new Check.Skip("the descriptor declares no max_rounds");
                    }
                    int max = p.maxRounds();
                    Offer offer = t.negotiableOffer(t.twinA());
                    String thread = t.newId("t");
                    Answer answer = t.send(t.twinA(), MessageType.NEGOTIATE_PROPOSE, t.proposeBody(t.twinA(), offer, nothing(offer), 1), thread, null).answer();
                    int round = 1;
                    while (true) {
                        if (answer.verified() && answer.message().type() == MessageType.NEGOTIATE_COUNTER) {
                            if (round(answer.message()) > max) {
                                throw new Check.Failure("the brand countered at round " + round(answer.message()) + ", beyond max_rounds " + max);
                            }
                            round = round(answer.message()) + 1;
                            ObjectNode counter = ParleyJson.object().put("round", round);
                            counter.set("items", Target.lines(offer.items().get(0), nothing(offer), 1));
                            answer = t.send(t.twinA(), MessageType.NEGOTIATE_COUNTER, counter, thread, answer.message().id()).answer();
                            continue;
                        }
                        if (answer.verified() && answer.message().type() == MessageType.NEGOTIATE_REJECT) {
                            break;
                        }
                        if (answer.verified() && answer.message().type() == MessageType.ERROR) {
                            Target.expectError(answer, ErrorCode.THREAD_CLOSED, "the twin's round " + round);
                            if (round <= max) {
                                throw new Check.Failure("the thread was closed at round " + round + ", within max_rounds " + max);
                            }
                            break;
                        }
                        throw new Check.Failure("a proposal at " + NOTHING + " in round " + round + " was answered " + answer.describe());
                    }
                    if (round > max + 1) {
                        throw new Check.Failure("the thread stayed open until round " + round + " (max_rounds " + max + ")");
                    }
                    ObjectNode late = ParleyJson.object().put("round", round + 2);
                    late.set("items", Target.lines(offer.items().get(0), nothing(offer), 1));
                    Target.expectError(t.send(t.twinA(), MessageType.NEGOTIATE_COUNTER, late, thread, null).answer(),
                            ErrorCode.THREAD_CLOSED, "a move on the closed thread");
                    return "closed at the twin's round " + round + " of max " + max + "; a later move gets thread_closed";
                }));
        checks.add(check("negotiation.closed-thread", NEGOTIATION, "§6 step 5",
                "negotiate.reject closes the thread (ack); a later move on it gets thread_closed", t -> {
                    Offer offer = t.negotiableOffer(t.twinA());
                    String thread = t.newId("t");
                    VerifiedMessage c = Target.ok(t.send(t.twinA(), MessageType.NEGOTIATE_PROPOSE,
                            t.proposeBody(t.twinA(), offer, nothing(offer), 1), thread, null).answer(), "a proposal");
                    VerifiedMessage ack = Target.ok(t.send(t.twinA(), MessageType.NEGOTIATE_REJECT,
                            ParleyJson.object().put("reason", "withdrawn"), thread, c.id()).answer(), "negotiate.reject");
                    if (ack.type() != MessageType.ACK) {
                        throw new Check.Failure("negotiate.reject must be answered with ack, not " + ack.type().wire());
                    }
                    ObjectNode accept = ParleyJson.object().put("round", round(c));
                    Target.expectError(t.send(t.twinA(), MessageType.NEGOTIATE_ACCEPT, accept, thread, c.id()).answer(),
                            ErrorCode.THREAD_CLOSED, "accepting on a rejected thread");
                    return "ack, then thread_closed";
                }));
        checks.add(check("negotiation.no-quote-below-floor", NEGOTIATION, "§6 step 4, §8.6",
                "however a negotiation goes, no quote is below the floor test mode names", t -> {
                    Target.Fixture fixture = t.fixture();
                    Offer offer = t.negotiableOffer(t.twinA());
                    Money cent = Money.of("0.01", fixture.floor().currencyCode());
                    if (!fixture.floor().isGreaterThan(cent)) {
                        throw new Check.Skip("the fixture's floor is " + fixture.floor() + "; nothing is below it");
                    }
                    Money below = fixture.floor().minus(cent);
                    String thread = t.newId("t");
                    Answer answer = t.send(t.twinA(), MessageType.NEGOTIATE_PROPOSE, t.proposeBody(t.twinA(), offer, below, 1), thread, null).answer();
                    int moves = 0;
                    while (answer.verified() && moves++ < 200) {
                        VerifiedMessage m = answer.message();
                        if (m.type() == MessageType.QUOTE) {
                            Quote q = m.body(Quote.class);
                            for (PricedLine line : q.items()) {
                                if (line.unitPrice().isLessThan(fixture.floor())) {
                                    throw new Check.Failure("quote " + q.quoteId() + " prices " + line.sku().value() + " at " + line.unitPrice()
                                            + ", below its floor " + fixture.floor());
                                }
                            }
                            return "quoted at or above the floor " + fixture.floor();
                        }
                        if (m.type() != MessageType.NEGOTIATE_COUNTER) {
                            return "no quote below the floor " + fixture.floor() + " (" + answer.describe() + ")";
                        }
                        Money offered = unitPrice(m);
                        if (offered.isLessThan(fixture.floor())) {
                            answer = t.send(t.twinA(), MessageType.NEGOTIATE_ACCEPT, ParleyJson.object().put("round", round(m)), thread, m.id()).answer();
                            continue;
                        }
                        ObjectNode counter = ParleyJson.object().put("round", round(m) + 1);
                        counter.set("items", Target.lines(offer.items().get(0), below, 1));
                        answer = t.send(t.twinA(), MessageType.NEGOTIATE_COUNTER, counter, thread, m.id()).answer();
                    }
                    if (!answer.verified()) {
                        throw new Check.Failure("an answer in the negotiation is not a verified message: " + answer.describe());
                    }
                    return "no quote below the floor " + fixture.floor();
                }));
        checks.add(check("negotiation.insufficient-stock", NEGOTIATION, "§6 step 4, §8.6",
                "no offer promises more units than test mode says are available, and a proposal for more is refused (insufficient_stock, or invalid_request beyond the offer's max_quantity)", t -> {
                    Target.Fixture fixture = t.fixture();
                    Offer offer = t.negotiableOffer(t.twinA());
                    if (fixture.available() >= 1_000_000) {
                        throw new Check.Skip("the fixture has " + fixture.available() + " units; a proposal cannot ask for more");
                    }
                    Integer max = offer.eligibility().maxQuantity();
                    if (max != null && max > fixture.available()) {
                        throw new Check.Failure("offer " + offer.offerId() + " allows " + max + " units of " + fixture.sku() + "; "
                                + fixture.available() + " are available");
                    }
                    int quantity = (int) fixture.available() + 1;
                    Answer a = t.send(t.twinA(), MessageType.NEGOTIATE_PROPOSE, t.proposeBody(t.twinA(), offer, offer.items().get(0).unitPrice(), quantity),
                            t.newId("t"), null).answer();
                    String what = quantity + " units of " + fixture.sku() + " (" + fixture.available() + " available)";
                    if (max != null && a.verified() && "invalid_request".equals(a.message().bodyTree().path("code").asText())) {
                        // the offer itself bounds the units to what is available; asking beyond it is out of the offer's terms
                        return Target.expectError(a, ErrorCode.INVALID_REQUEST, what) + " (beyond the offer's max_quantity " + max + ")";
                    }
                    return Target.expectError(a, ErrorCode.INSUFFICIENT_STOCK, what);
                }));
        checks.add(check("quote.valid", NEGOTIATION, "§5.8, §4.2",
                "an agreed negotiation yields a quote addressed to the twin: twin = aud, total = Σ unit price × quantity, valid_until ≤ exp", t -> {
                    VerifiedMessage m = t.freshQuote(t.twinA(), null);
                    Quote q = m.body(Quote.class);
                    if (!t.twinA().did().equals(m.audience()) || !q.twin().equals(m.audience())) {
                        throw new Check.Failure("the quote's aud " + m.audience() + " and twin " + q.twin() + " must both be the twin " + t.twinA().did());
                    }
                    Money sum = q.items().stream().map(l -> l.unitPrice().times(l.quantity())).reduce(Money::plus).orElseThrow();
                    if (sum.compareTo(q.total()) != 0) {
                        throw new Check.Failure("total " + q.total() + " is not the sum of the lines, " + sum);
                    }
                    if (q.validUntil().isAfter(m.expiresAt())) {
                        throw new Check.Failure("valid_until " + q.validUntil() + " is later than the envelope's exp " + m.expiresAt());
                    }
                    if (!q.validUntil().isAfter(t.clock().instant())) {
                        throw new Check.Failure("the quote is already past its valid_until " + q.validUntil());
                    }
                    return "quote " + q.quoteId() + ", total " + q.total() + ", valid until " + q.validUntil();
                }));
    }

    // ---- orders (§5.9, §5.10, §11) ---------------------------------------------------------------------------

    private static ObjectNode placeBody(VerifiedMessage quote, String key, String note) {
        ObjectNode body = ParleyJson.object().put("quote", quote.compact()).put("idempotency_key", key);
        if (note != null) {
            body.put("note", note);
        }
        return body;
    }

    /** An order of twin A placed on a fresh quote, shared by the order checks: {quote, body, receipt}. */
    private record Placed(VerifiedMessage quote, ObjectNode body, VerifiedMessage receipt) {}

    private static Placed placed(Target t) throws Exception {
        t.require(Descriptor.CAP_ORDERS, "orders are a capability (spec §5.1)");
        java.util.Optional<Placed> cached = t.recall("placed");
        if (cached.isPresent()) {
            return cached.get();
        }
        VerifiedMessage quote = t.freshQuote(t.twinA(), null);
        ObjectNode body = placeBody(quote, t.newId("idem"), null);
        VerifiedMessage receipt = Target.ok(t.send(t.twinA(), MessageType.ORDER_PLACE, body, null, null).answer(), "order.place on a fresh quote");
        Placed placed = new Placed(quote, body, receipt);
        t.remember("placed", placed);
        return placed;
    }

    private static void orders(List<Check> checks) {
        checks.add(check("order.place-confirmed", ORDERS, "§5.9, §5.10, §8.2",
                "order.place on a valid quote returns a signed order.confirmed matching the quote; order.status then finds the order", t -> {
                    Placed p = placed(t);
                    if (p.receipt().type() != MessageType.ORDER_CONFIRMED) {
                        throw new Check.Failure("order.place was answered with " + p.receipt().type().wire() + ", not order.confirmed");
                    }
                    JsonNode r = p.receipt().bodyTree();
                    Quote q = p.quote().body(Quote.class);
                    if (!q.quoteId().equals(r.path("quote_id").asText()) || !t.twinA().did().equals(r.path("twin").asText())
                            || !p.body().path("idempotency_key").asText().equals(r.path("idempotency_key").asText())) {
                        throw new Check.Failure("the receipt does not name the quote, twin and idempotency key of the order: " + r);
                    }
                    if (ParleyJson.bind(r.path("total"), Money.class).compareTo(q.total()) != 0) {
                        throw new Check.Failure("the receipt's total " + r.path("total") + " is not the quote's " + q.total());
                    }
                    String orderId = r.path("order_id").asText();
                    VerifiedMessage state = Target.ok(t.send(t.twinA(), MessageType.ORDER_STATUS, ParleyJson.object().put("order_id", orderId), null, null).answer(),
                            "order.status");
                    if (state.type() != MessageType.ORDER_STATE || !orderId.equals(state.bodyTree().path("order_id").asText())) {
                        throw new Check.Failure("order.status was answered " + state.type().wire() + " " + state.bodyTree());
                    }
                    return "order " + orderId + " " + state.bodyTree().path("status").asText();
                }));
        checks.add(check("order.idempotent-retry", ORDERS, "§11, §5.9",
                "order.place retried with the same idempotency key and content returns the byte-identical receipt, not a new order", t -> {
                    Placed p = placed(t);
                    Answer again = t.send(t.twinA(), MessageType.ORDER_PLACE, p.body().deepCopy(), null, null).answer();
                    VerifiedMessage m = Target.ok(again, "the retried order.place");
                    if (!m.compact().equals(p.receipt().compact())) {
                        throw new Check.Failure("the retry got a different receipt (order " + m.bodyTree().path("order_id").asText() + " instead of "
                                + p.receipt().bodyTree().path("order_id").asText() + "): the twin would be charged twice");
                    }
                    return "same receipt for order " + m.bodyTree().path("order_id").asText();
                }));
        checks.add(check("order.idempotency-conflict", ORDERS, "§11, §5.9",
                "the same idempotency key with different content is refused with idempotency_conflict", t -> {
                    Placed p = placed(t);
                    ObjectNode other = p.body().deepCopy().put("note", "a different order under the same key");
                    return Target.expectError(t.send(t.twinA(), MessageType.ORDER_PLACE, other, null, null).answer(),
                            ErrorCode.IDEMPOTENCY_CONFLICT, "the same key with another note");
                }));
        checks.add(check("order.foreign-quote", ORDERS, "§11, §4.1",
                "a quote made for twin A, presented by twin B, is refused with quote_invalid and stays usable by A", t -> {
                    t.require(Descriptor.CAP_ORDERS, "orders are a capability (spec §5.1)");
                    VerifiedMessage quote = t.freshQuote(t.twinA(), null);
                    String refused = Target.expectError(t.send(t.twinB(), MessageType.ORDER_PLACE, placeBody(quote, t.newId("idem"), null), null, null).answer(),
                            ErrorCode.QUOTE_INVALID, "twin B presenting twin A's quote");
                    VerifiedMessage receipt = Target.ok(t.send(t.twinA(), MessageType.ORDER_PLACE, placeBody(quote, t.newId("idem"), null), null, null).answer(),
                            "twin A placing its own quote after B's attempt");
                    if (receipt.type() != MessageType.ORDER_CONFIRMED) {
                        throw new Check.Failure("twin A's order was answered " + receipt.type().wire());
                    }
                    return refused + " for B; A's order then confirmed";
                }));
        checks.add(check("order.unknown-status", ORDERS, "§5.10, §10",
                "order.status for an order that does not exist is not_found", t -> {
                    t.require(Descriptor.CAP_ORDERS, "orders are a capability (spec §5.1)");
                    return Target.expectError(t.send(t.twinA(), MessageType.ORDER_STATUS, ParleyJson.object().put("order_id", t.newId("o")), null, null).answer(),
                            ErrorCode.NOT_FOUND, "order.status of an unknown order");
                }));
        checks.add(check("order.expired-quote", ORDERS, "§11, §8.6",
                "an order on a quote past its valid_until is refused with quote_expired (a zero-second quote from test mode)", t -> {
                    t.require(Descriptor.CAP_ORDERS, "orders are a capability (spec §5.1)");
                    t.fixture();
                    VerifiedMessage quote = t.freshQuote(t.twinA(), 0L);
                    Quote q = quote.body(Quote.class);
                    if (q.validUntil().isAfter(t.clock().instant().plusSeconds(60))) {
                        throw new Check.Failure("test mode was asked for a zero-second quote and gave one valid until " + q.validUntil());
                    }
                    return Target.expectError(t.send(t.twinA(), MessageType.ORDER_PLACE, placeBody(quote, t.newId("idem"), null), null, null).answer(),
                            ErrorCode.QUOTE_EXPIRED, "an order on quote " + q.quoteId() + " valid until " + q.validUntil());
                }));
        checks.add(check("test-mode.fixture", TEST_MODE, "§8.6",
                "test mode names a product of the catalog with its available units and its floor", t -> {
                    Target.Fixture f = t.fixture();
                    return f.sku() + ": " + f.available() + " available, floor " + f.floor();
                }));
    }

    // ---- hostile input (§3, §4.1, §11) ------------------------------------------------------------------------

    /**
     * A hostile request: built from a legitimate message the kit signs (an order.place on a quote
     * kept for the hostile checks when the brand takes orders, else a feedback), then broken.
     */
    @FunctionalInterface
    private interface Attack {
        byte[] build(Target t, Hostile h) throws Exception;
    }

    /** What hostile checks build on: the base body, and the quote it carries (null without orders). */
    private record Hostile(MessageType type, VerifiedMessage quote) {
        ObjectNode body(Target t) {
            return quote == null ? ParleyJson.object().put("signal", "liked") : placeBody(quote, t.newId("hostile"), null);
        }
    }

    private static Hostile hostileBase(Target t) throws Exception {
        java.util.Optional<Hostile> cached = t.recall("hostile");
        if (cached.isPresent()) {
            return cached.get();
        }
        Hostile h = new Hostile(MessageType.FEEDBACK, null);
        if (t.declares(Descriptor.CAP_ORDERS) && t.declares(Descriptor.CAP_NEGOTIATION)) {
            try {
                h = new Hostile(MessageType.ORDER_PLACE, t.freshQuote(t.twinA(), null));
            } catch (Check.Skip | Check.Failure e) {
                // without a quote, hostile messages are feedback: still refused, but "nothing changed" cannot be shown
            }
        }
        t.remember("hostile", h);
        return h;
    }

    private static String signed(Target t, ObjectNode payload) {
        return t.twinA().signer().signPayload(payload);
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] parts(String compact) {
        return compact.split("\\.");
    }

    private static void hostile(List<Check> checks) {
        attack(checks, "hostile.too-large", "§3.2, §4.1 step 1", ErrorCode.TOO_LARGE,
                "a body over 262,144 bytes", (t, h) -> {
                    byte[] big = new byte[dev.parley.protocol.Protocol.MAX_MESSAGE_BYTES + 1024];
                    java.util.Arrays.fill(big, (byte) 'A');
                    return big;
                });
        attack(checks, "hostile.malformed-jws", "§4.1 step 2", ErrorCode.MALFORMED,
                "a JWS with two parts", (t, h) -> {
                    String[] p = parts(signed(t, t.envelope(t.twinA(), h.type(), h.body(t))));
                    return (p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.alg-none", "§3.1, §4.1 step 3, §11", ErrorCode.ALG_NOT_ALLOWED,
                "alg none", (t, h) -> {
                    String[] p = parts(signed(t, t.envelope(t.twinA(), h.type(), h.body(t))));
                    String header = b64("{\"alg\":\"none\",\"typ\":\"parley+jws\",\"kid\":\"" + t.twinA().signer().kid() + "\"}");
                    return (header + "." + p[1] + "." + p[2]).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.alg-hmac", "§3.1, §4.1 step 3, §11", ErrorCode.ALG_NOT_ALLOWED,
                "HS256 keyed with the twin's public key", (t, h) -> {
                    String[] p = parts(signed(t, t.envelope(t.twinA(), h.type(), h.body(t))));
                    String header = b64("{\"alg\":\"HS256\",\"typ\":\"parley+jws\",\"kid\":\"" + t.twinA().signer().kid() + "\"}");
                    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                    mac.init(new javax.crypto.spec.SecretKeySpec(dev.parley.protocol.keys.DidKey.publicKey(t.twinA().did()), "HmacSHA256"));
                    byte[] sig = mac.doFinal((header + "." + p[1]).getBytes(StandardCharsets.US_ASCII));
                    return (header + "." + p[1] + "." + B64.encodeToString(sig)).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.bad-typ", "§3.1, §4.1 step 4", ErrorCode.BAD_TYPE,
                "typ JWT", (t, h) -> {
                    String[] p = parts(signed(t, t.envelope(t.twinA(), h.type(), h.body(t))));
                    String header = b64("{\"alg\":\"Ed25519\",\"typ\":\"JWT\",\"kid\":\"" + t.twinA().signer().kid() + "\"}");
                    return (header + "." + p[1] + "." + p[2]).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.duplicate-keys", "§3.2, §4.1 step 5", ErrorCode.MALFORMED,
                "a payload with a duplicate member name", (t, h) -> {
                    String json = ParleyJson.writeString(t.envelope(t.twinA(), h.type(), h.body(t)));
                    String dup = "{\"id\":\"" + t.newId("dup") + "\"," + json.substring(1);
                    return t.twinA().signer().signRawPayload(dup.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.deep-nesting", "§3.2, §4.1 step 5", ErrorCode.MALFORMED,
                "a payload nested 40 levels deep", (t, h) -> {
                    String json = ParleyJson.writeString(t.envelope(t.twinA(), h.type(), h.body(t)));
                    String deep = "[".repeat(40) + "]".repeat(40);
                    String nested = json.substring(0, json.length() - 1) + ",\"x_deep\":" + deep + "}";
                    return t.twinA().signer().signRawPayload(nested.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.unsupported-version", "§4.1 step 5, §9.1", ErrorCode.UNSUPPORTED_VERSION,
                "parley version 9.9", (t, h) -> signed(t, t.envelope(t.twinA(), h.type(), h.body(t)).put("parley", "9.9")).getBytes(StandardCharsets.US_ASCII));
        attack(checks, "hostile.unknown-type", "§4.1 step 5, §9.3", ErrorCode.UNKNOWN_TYPE,
                "type order.teleport", (t, h) -> signed(t, t.envelope(t.twinA(), h.type(), h.body(t)).put("type", "order.teleport")).getBytes(StandardCharsets.US_ASCII));
        attack(checks, "hostile.unknown-key", "§2.2, §4.1 step 6", ErrorCode.UNKNOWN_KEY,
                "twin A's message signed by twin B's key under B's kid", (t, h) ->
                        t.twinB().signer().signPayload(t.envelope(t.twinA(), h.type(), h.body(t))).getBytes(StandardCharsets.US_ASCII));
        attack(checks, "hostile.wrong-key", "§4.1 step 7", ErrorCode.BAD_SIGNATURE,
                "twin A's header and payload with twin B's signature", (t, h) -> {
                    ObjectNode payload = t.envelope(t.twinA(), h.type(), h.body(t));
                    String[] a = parts(t.twinA().signer().signPayload(payload));
                    String[] b = parts(t.twinB().signer().signPayload(payload));
                    return (a[0] + "." + a[1] + "." + b[2]).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.tampered", "§4.1 step 7", ErrorCode.BAD_SIGNATURE,
                "a signed payload changed after signing", (t, h) -> {
                    ObjectNode payload = t.envelope(t.twinA(), h.type(), h.body(t));
                    String[] p = parts(signed(t, payload));
                    ObjectNode changed = payload.deepCopy();
                    ((ObjectNode) changed.get("body")).put("x_tampered", true);
                    return (p[0] + "." + b64(ParleyJson.writeString(changed)) + "." + p[2]).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.wrong-audience", "§4.1 step 8", ErrorCode.WRONG_AUDIENCE,
                "aud naming another brand", (t, h) -> signed(t, t.envelope(t.twinA(), h.type(), h.body(t)).put("aud", "https://another-brand.example"))
                        .getBytes(StandardCharsets.US_ASCII));
        attack(checks, "hostile.missing-audience", "§4.1 step 8, §4.2", ErrorCode.WRONG_AUDIENCE,
                "a conversational message without aud", (t, h) -> {
                    ObjectNode payload = t.envelope(t.twinA(), h.type(), h.body(t));
                    payload.remove("aud");
                    return signed(t, payload).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.future", "§4.1 step 9", ErrorCode.NOT_YET_VALID,
                "iat ten minutes in the future", (t, h) -> {
                    long now = t.clock().instant().getEpochSecond();
                    return signed(t, t.envelope(t.twinA(), h.type(), h.body(t)).put("iat", now + 600).put("exp", now + 800)).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.expired", "§4.1 step 9", ErrorCode.EXPIRED,
                "exp ten minutes ago", (t, h) -> {
                    long now = t.clock().instant().getEpochSecond();
                    return signed(t, t.envelope(t.twinA(), h.type(), h.body(t)).put("iat", now - 900).put("exp", now - 600)).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.lifetime", "§4.1 step 9, §4.2", ErrorCode.LIFETIME_TOO_LONG,
                "a conversational message meant to live a day", (t, h) -> {
                    long now = t.clock().instant().getEpochSecond();
                    return signed(t, t.envelope(t.twinA(), h.type(), h.body(t)).put("exp", now + 86_400)).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.schema-unknown-member", "§5, §9.2, §4.1 step 11", ErrorCode.SCHEMA_INVALID,
                "a body member that is neither defined nor an extension", (t, h) -> {
                    ObjectNode body = h.body(t);
                    body.put("surprise", 1);
                    return signed(t, t.envelope(t.twinA(), h.type(), body)).getBytes(StandardCharsets.US_ASCII);
                });
        attack(checks, "hostile.schema-money-number", "§1.2, §4.1 step 11", ErrorCode.SCHEMA_INVALID,
                "an intent with money as a JSON number", (t, h) -> {
                    ObjectNode body = ParleyJson.object();
                    body.putArray("wants").addObject().put("query", "anything").put("quantity", 1).put("max_unit_price", 12.5);
                    return signed(t, t.envelope(t.twinA(), MessageType.INTENT, body)).getBytes(StandardCharsets.US_ASCII);
                });
        checks.add(check("hostile.nothing-changed", Tier.MANDATORY, "§4.1, §11",
                "after every hostile order.place above was refused, their quote is still unredeemed: placing it now confirms one order", t -> {
                    Hostile h = hostileBase(t);
                    if (h.quote() == null) {
                        throw new Check.Skip("the brand gives no quote to carry (needs negotiation and orders); hostile messages were feedback");
                    }
                    ObjectNode body = placeBody(h.quote(), t.newId("idem"), null);
                    Target.Exchange x = t.send(t.twinA(), MessageType.ORDER_PLACE, body, null, null);
                    VerifiedMessage m = Target.ok(x.answer(), "placing the quote the hostile messages carried");
                    if (m.type() != MessageType.ORDER_CONFIRMED) {
                        throw new Check.Failure("placing the quote was answered " + m.type().wire());
                    }
                    t.remember("hostile.placed", x);
                    return "the quote placed order " + m.bodyTree().path("order_id").asText();
                }));
        checks.add(check("hostile.replay", Tier.MANDATORY, "§4.1 step 10, §11",
                "a conversational message posted twice is refused the second time with replayed, and creates nothing", t -> {
                    Hostile h = hostileBase(t);
                    java.util.Optional<Target.Exchange> placed = t.recall("hostile.placed");
                    String compact;
                    if (placed.isPresent()) {
                        compact = placed.get().compact();
                    } else {
                        Target.Exchange first = t.send(t.twinA(), MessageType.FEEDBACK, ParleyJson.object().put("signal", "liked"), null, null);
                        Target.ok(first.answer(), "the first feedback");
                        compact = first.compact();
                    }
                    String note = Target.expectError(t.post(compact, t.twinA().did()), ErrorCode.REPLAYED,
                            "the same " + (placed.isPresent() ? "order.place" : "feedback") + " posted again");
                    if (placed.isEmpty()) {
                        return note + " (feedback)";
                    }
                    // the order stands once: the same order sent anew (a retry, not a replay) gets the first receipt back
                    VerifiedMessage first = placed.get().answer().message();
                    ObjectNode body = (ObjectNode) ParleyJson.readObject(java.util.Base64.getUrlDecoder().decode(parts(compact)[1])).get("body");
                    VerifiedMessage retried = Target.ok(t.send(t.twinA(), MessageType.ORDER_PLACE, body, null, null).answer(), "the order sent anew");
                    if (!retried.compact().equals(first.compact())) {
                        throw new Check.Failure("after the replay, the order sent anew got another receipt (order "
                                + retried.bodyTree().path("order_id").asText() + "): the replay or the retry made a second order");
                    }
                    return note + "; the order stands once (order " + first.bodyTree().path("order_id").asText() + ")";
                }));
    }

    private static void attack(List<Check> checks, String id, String section, ErrorCode code, String what, Attack attack) {
        checks.add(check(id, Tier.MANDATORY, section, what + " is refused with " + code.wire() + " (HTTP " + code.httpStatus() + ")", t -> {
            Hostile h = hostileBase(t);
            byte[] request = attack.build(t, h);
            Answer a = t.request("POST", Target.JOSE, request, null);
            return Target.expectError(a, code, what);
        }));
    }
}
