package dev.parley.twin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.nimbusds.jose.jwk.JWK;
import dev.parley.catalog.mirror.CatalogMirror;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.Constraint;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.NegotiateAccept;
import dev.parley.protocol.message.NegotiateCounter;
import dev.parley.protocol.message.NegotiatePropose;
import dev.parley.protocol.message.NegotiateReject;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.OfferRef;
import dev.parley.protocol.message.OfferSet;
import dev.parley.protocol.message.OrderConfirmed;
import dev.parley.protocol.message.OrderPlace;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Quote;
import dev.parley.protocol.message.RejectReason;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import dev.parley.protocol.sign.MessageIds;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.twin.brand.BrandClient;
import dev.parley.twin.brand.BrandUnavailable;
import dev.parley.twin.negotiation.TwinNegotiator;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A digital twin working for one person: it keeps what the person said (wishes, mandate, brands
 * followed) and did (history), talks to each brand with a key of its own for that brand, and
 * produces the Daily Me — a ranked, explained, negotiated shortlist — and places an order only
 * when the person approves (or under the mandate's auto-buy limit).
 *
 * <p>Asynchronous: runs and approvals return Vert.x futures; store and crypto work runs on worker
 * threads. State lives in a {@link TwinStore} and survives restarts.
 */
public final class Twin implements AutoCloseable {

    /** How a twin runs; the defaults suit a person's app. */
    public record Options(Duration brandTimeout, int shortlistSize, int negotiationsPerBrand, BigDecimal openingShare, Duration runTimeout) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(3), 10, 3, new BigDecimal("0.80"), Duration.ofSeconds(30));
        }
    }

    /** A brand the twin follows: its identity and where it is reached. */
    public record FollowedBrand(String origin, URI url) {}

    /** Builds the twin's learned preferences from its stored history, at an instant. */
    @FunctionalInterface
    public interface PreferenceSource {
        Preferences at(List<String> historyJson, Instant now);
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<FollowedBrand>> BRANDS = new TypeReference<>() {};

    private final TwinStore store;
    private final Vertx vertx;
    private final WebClient http;
    private final Clock clock;
    private final RandomGenerator random;
    private final MessageIds ids;
    private final Options options;
    private final PreferenceSource preferences;
    private final Map<String, BrandClient> clients = new ConcurrentHashMap<>();
    private final Map<String, CatalogMirror> mirrors = new ConcurrentHashMap<>();

    private Twin(TwinStore store, Vertx vertx, Clock clock, RandomGenerator random, Options options, PreferenceSource preferences) {
        this.store = store;
        this.vertx = vertx;
        this.http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true));
        this.clock = clock;
        this.random = random;
        this.ids = new MessageIds(clock, random);
        this.options = options;
        this.preferences = preferences;
    }

    public static Twin open(TwinStore store, Vertx vertx, Clock clock, RandomGenerator random, Options options, PreferenceSource preferences) {
        return new Twin(store, vertx, clock, random, options, preferences);
    }

    // ---- what the person says ----------------------------------------------------------------------

    /** The person's wishes and exclusions, as written. */
    public List<String> wishStatements() {
        return store.setting("wishes").map(json -> read(json, STRINGS)).orElse(List.of());
    }

    public List<Wish> wishes() {
        String currency = mandate().map(Mandate::currency).orElse(null);
        return wishStatements().stream().map(s -> Wish.parse(s, currency)).toList();
    }

    /** Replaces the wishes; each statement is checked (see {@link Wish#parse}). */
    public void setWishes(List<String> statements) {
        String currency = mandate().map(Mandate::currency).orElse(null);
        statements.forEach(s -> Wish.parse(s, currency));
        store.setting("wishes", ParleyJson.writeString(statements));
    }

    public Optional<Mandate> mandate() {
        return store.setting("mandate").map(json -> read(json, Mandate.class));
    }

    public void setMandate(Mandate mandate) {
        store.setting("mandate", ParleyJson.writeString(mandate));
    }

    public List<FollowedBrand> brands() {
        return store.setting("brands").map(json -> read(json, BRANDS)).orElse(List.of());
    }

    /** Follows a brand: {@code origin} is its identity, {@code url} where to reach it (usually the same). */
    public void follow(String origin, URI url) {
        List<FollowedBrand> brands = new ArrayList<>(brands());
        brands.removeIf(b -> b.origin().equals(origin));
        brands.add(new FollowedBrand(origin, url));
        store.setting("brands", ParleyJson.writeString(brands));
    }

    public void unfollow(String origin) {
        List<FollowedBrand> brands = new ArrayList<>(brands());
        brands.removeIf(b -> b.origin().equals(origin));
        store.setting("brands", ParleyJson.writeString(brands));
    }

    /** Adds one event of the person's history: what the preference model learns from. */
    public void record(dev.parley.twin.model.Event event) {
        store.appendEvent(ParleyJson.writeString(event));
    }

    /** The did:key this twin uses with a brand (created on first use, then kept). */
    public String identityFor(String origin) {
        return signerFor(origin).issuer();
    }

    private MessageSigner signerFor(String origin) {
        String jwk = store.brandKey(origin).orElseGet(() -> store.brandKeyIfAbsent(origin, Keys.generate(Keys.Algorithm.ED25519, null).toJSONString()));
        try {
            return MessageSigner.forDidKey(JWK.parse(jwk), clock, random);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("the stored key for " + origin + " is unreadable", e);
        }
    }

    private BrandClient client(FollowedBrand brand) {
        return clients.computeIfAbsent(brand.origin(), o -> new BrandClient(vertx, http, o, brand.url(), signerFor(o), clock, options.brandTimeout()));
    }

    // ---- the Daily Me ---------------------------------------------------------------------------------

    /** The last Daily Me, as stored. */
    public Optional<DailyMe> latest() {
        Map<String, String> items = store.items();
        Optional<String> meta = store.setting("daily_me");
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        DailyMe head = read(meta.get(), DailyMe.class);
        List<DailyMe.Item> list = items.values().stream().map(json -> read(json, DailyMe.Item.class)).toList();
        return Optional.of(new DailyMe(head.run(), head.at(), list, head.skipped()));
    }

    /**
     * Runs a Daily Me: for every followed brand at once (each within the brand timeout), sync its
     * catalog, send an intent for the predicted needs and stated wants, negotiate the best
     * candidates within the mandate, and score what comes back; then dedupe the same product
     * across brands, rank, keep the shortlist and auto-buy what the mandate allows. A brand that is
     * down, slow or unverifiable is skipped with the reason; the run completes.
     */
    public Future<DailyMe> runDailyMe() {
        Mandate mandate = mandate().orElseThrow(() -> new IllegalStateException("set a mandate before running the Daily Me"));
        Instant now = clock.instant();
        String run = "run-" + ids.next();
        return vertx.executeBlocking(() -> preferences.at(store.events(), now), false).compose(prefs -> {
            List<Wish> wishes = wishes();
            List<Future<List<DailyMe.Item>>> perBrand = new ArrayList<>();
            List<DailyMe.Skipped> skipped = java.util.Collections.synchronizedList(new ArrayList<>());
            for (FollowedBrand brand : brands()) {
                Future<List<DailyMe.Item>> items = forBrand(brand, prefs, wishes, mandate, now)
                        .timeout(options.runTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .recover(failure -> {
                            skipped.add(skip(brand.origin(), failure));
                            return Future.succeededFuture(List.of());
                        });
                perBrand.add(items);
            }
            return Future.join(perBrand).transform(ignored -> {
                List<DailyMe.Item> all = new ArrayList<>();
                perBrand.forEach(f -> all.addAll(f.result()));
                List<DailyMe.Item> shortlist = rank(all, options.shortlistSize());
                DailyMe me = new DailyMe(run, now, shortlist, skipped);
                return vertx.executeBlocking(() -> {
                    Map<String, String> byId = new LinkedHashMap<>();
                    shortlist.forEach(item -> byId.put(item.id(), ParleyJson.writeString(item)));
                    store.saveItems(run, byId);
                    store.setting("daily_me", ParleyJson.writeString(new DailyMe(run, now, List.of(), skipped)));
                    return me;
                }, false);
            }).compose(me -> autoBuy(me, mandate));
        });
    }

    private static DailyMe.Skipped skip(String origin, Throwable failure) {
        if (failure instanceof BrandUnavailable b) {
            return new DailyMe.Skipped(origin, b.reason(), b.getMessage());
        }
        if (failure instanceof ProtocolException p) {
            return new DailyMe.Skipped(origin, BrandUnavailable.Reason.REFUSED, p.code().wire() + ": " + p.detail());
        }
        if (failure instanceof io.vertx.core.impl.NoStackTraceTimeoutException || failure instanceof java.util.concurrent.TimeoutException) {
            return new DailyMe.Skipped(origin, BrandUnavailable.Reason.TIMEOUT, origin + " did not finish in time");
        }
        return new DailyMe.Skipped(origin, BrandUnavailable.Reason.PROTOCOL_ERROR, String.valueOf(failure.getMessage()));
    }

    /** Dedupes the same product across brands (GTIN, else normalised title), keeps the best, ranks by utility. */
    static List<DailyMe.Item> rank(List<DailyMe.Item> items, int size) {
        Map<String, DailyMe.Item> best = new LinkedHashMap<>();
        for (DailyMe.Item item : items) {
            String key = item.gtin() != null ? "gtin " + item.gtin().replaceFirst("^0+", "")
                    : item.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
            best.merge(key, item, (a, b) -> b.utility() > a.utility() ? b : a);
        }
        return best.values().stream()
                .sorted(Comparator.comparingDouble(DailyMe.Item::utility).reversed().thenComparing(DailyMe.Item::total))
                .limit(size)
                .toList();
    }

    private Future<List<DailyMe.Item>> forBrand(FollowedBrand brand, Preferences prefs, List<Wish> wishes, Mandate mandate, Instant now) {
        BrandClient client = client(brand);
        return client.discover()
                .compose(d -> vertx.executeBlocking(() -> mirrors.computeIfAbsent(brand.origin(), this::restoreMirror), false))
                .compose(client::sync)
                .compose(mirror -> vertx.executeBlocking(() -> {
                    store.saveMirror(brand.origin(), mirror.seq(), ParleyJson.writeString(mirror.products()));
                    store.setting("mirror-offers " + brand.origin(), ParleyJson.writeString(mirror.offers()));
                    return mirror;
                }, false))
                .compose(mirror -> {
                    List<Want> wants = wants(brand.origin(), prefs, wishes, mandate, now).stream()
                            .filter(want -> matchesSomething(want, mirror)).toList();
                    if (wants.isEmpty()) {
                        return Future.succeededFuture(List.<DailyMe.Item>of());
                    }
                    Intent intent = new Intent(wants, mandate.perDay(), mandate.currency(), credentialsFor(brand.origin()), Map.of(), 20);
                    return client.exchange(client.signer().message(MessageType.INTENT, intent).to(brand.origin()).sign())
                            .compose(answer -> candidates(client, mirror, answer, prefs, wishes, mandate, now));
                });
    }

    /**
     * Whether the brand's mirrored catalog holds anything a want could be answered with. Wants
     * that match nothing there are not sent: the brand learns only what it can serve, and is not
     * asked in vain.
     */
    static boolean matchesSomething(Want want, CatalogMirror mirror) {
        if (want.sku() != null) {
            return mirror.get(want.sku()).isPresent();
        }
        List<String> words = want.query() == null ? List.of()
                : java.util.Arrays.stream(want.query().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> w.length() > 2).toList();
        for (Product p : mirror.products()) {
            if (!want.category().isEmpty() && !p.inCategory(want.category())) {
                continue;
            }
            String text = (p.title() + ' ' + Optional.ofNullable(p.description()).orElse("")).toLowerCase(Locale.ROOT);
            if (words.stream().allMatch(w -> text.contains(w.length() > 4 ? w.substring(0, w.length() - 1) : w))) {
                return true;
            }
        }
        return false;
    }

    private CatalogMirror restoreMirror(String origin) {
        return store.mirror(origin).map(m -> {
            List<Product> products = read(m.getValue(), new TypeReference<List<Product>>() {});
            Map<Sku, Product> bySku = new LinkedHashMap<>();
            products.forEach(p -> bySku.put(p.sku(), p));
            List<Offer> offers = store.setting("mirror-offers " + origin).map(json -> read(json, new TypeReference<List<Offer>>() {})).orElse(List.of());
            return CatalogMirror.restore(m.getKey(), bySku, offers);
        }).orElseGet(CatalogMirror::new);
    }

    /** The wants of an intent to one brand: its due products, the stated wants, the categories the person is drawn to. */
    private List<Want> wants(String origin, Preferences prefs, List<Wish> wishes, Mandate mandate, Instant now) {
        Map<String, Constraint> required = new LinkedHashMap<>();
        List<String> excluded = new ArrayList<>();
        for (Wish w : wishes) {
            if (w.kind() == Wish.Kind.REQUIRE) {
                required.putAll(w.attributes());
            } else if (w.kind() == Wish.Kind.EXCLUDE) {
                excluded.add(w.query());
            }
        }
        List<Want> wants = new ArrayList<>();
        for (Wish w : wishes) {
            if (w.kind() == Wish.Kind.WANT) {
                Map<String, Constraint> attributes = new LinkedHashMap<>(required);
                attributes.putAll(w.attributes());
                wants.add(new Want(w.query(), null, null, null, attributes, excluded, 1, w.maxUnitPrice()));
            }
        }
        for (Preferences.Need need : prefs.needs(now, 40)) {
            if (need.brand() != null && !need.brand().equals(origin)) {
                continue;
            }
            if (need.sku() != null) {
                wants.add(new Want(null, need.sku(), null, null, required, excluded, 1, null));
            } else if (need.query() != null || !need.category().isEmpty()) {
                wants.add(new Want(need.query(), null, null, need.category().isEmpty() ? null : need.category(), required, excluded, 1, null));
            }
        }
        return wants.size() > 50 ? wants.subList(0, 50) : wants;
    }

    private record Candidate(Offer offer, Product product, double utility) {}

    private Future<List<DailyMe.Item>> candidates(BrandClient client, CatalogMirror mirror, VerifiedMessage answer, Preferences prefs,
                                                  List<Wish> wishes, Mandate mandate, Instant now) {
        OfferSet set;
        try {
            set = answer.body(OfferSet.class);
        } catch (ProtocolException e) {
            return Future.failedFuture(new BrandUnavailable(BrandUnavailable.Reason.PROTOCOL_ERROR, "unreadable offer.set: " + e.detail(), e));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Offer offer : set.offers()) {
            if (offer.items().size() != 1 || !validNow(offer) || !client.twin().equals(offer.eligibility().twin())) {
                continue;
            }
            PricedLine line = offer.items().get(0);
            Product product = mirror.get(line.sku()).orElse(null);
            if (product == null || !Scoring.allowed(product, wishes) || !line.unitPrice().currency().equals(mandate.perItem().currency())
                    || offer.total().isGreaterThan(mandate.perItem())) {
                continue;
            }
            Money listTotal = (line.listPrice() != null ? line.listPrice() : product.listPrice()).times(line.quantity());
            List<DailyMe.Reason> reasons = Scoring.reasons(product, client.origin(), prefs, wishes, offer.total(), listTotal, mandate.perItem(),
                    offer.incentives(), now);
            candidates.add(new Candidate(offer, product, Scoring.utility(reasons)));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::utility).reversed());
        List<Candidate> chosen = candidates.subList(0, Math.min(options.negotiationsPerBrand(), candidates.size()));
        Future<List<DailyMe.Item>> chain = Future.succeededFuture(new ArrayList<>());
        for (Candidate c : chosen) {
            chain = chain.compose(items -> negotiate(client, answer.compact(), c.offer(), mandate)
                    .map(outcome -> {
                        items.add(item(client, answer.compact(), c, outcome, prefs, wishes, mandate, now));
                        return items;
                    }));
        }
        return chain;
    }

    /** Whether an offer is valid now, allowing the brand's clock to run ahead by the protocol's skew. */
    private boolean validNow(Offer offer) {
        Instant current = clock.instant();
        return current.isBefore(offer.validUntil())
                && (offer.validFrom() == null || !current.plus(dev.parley.protocol.Protocol.CLOCK_SKEW).isBefore(offer.validFrom()));
    }

    /** The result of negotiating one offer: the quote if any, and what was said. */
    private record Negotiated(Quote quote, String quoteJws, List<String> transcript) {}

    private Future<Negotiated> negotiate(BrandClient client, String offerSetJws, Offer offer, Mandate mandate) {
        PricedLine line = offer.items().get(0);
        Money perUnitBudget = mandate.perItem().times(BigDecimal.ONE.divide(BigDecimal.valueOf(line.quantity()), 6, RoundingMode.DOWN), RoundingMode.DOWN);
        TwinNegotiator twin = new TwinNegotiator(List.of(line.unitPrice()), List.of(perUnitBudget), List.of(line.quantity()), mandate.maxRounds(),
                Boolean.FALSE.equals(offer.negotiable()) ? BigDecimal.ONE : options.openingShare());
        List<String> transcript = new ArrayList<>();
        String thread = "t-" + ids.next();
        TwinNegotiator.Propose first = twin.open();
        transcript.add("twin proposes " + first.prices().get(0) + " a unit (offer " + line.unitPrice() + ")");
        var propose = client.signer().message(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(new OfferRef(offerSetJws, offer.offerId()),
                List.of(new PricedLine(line.sku(), line.quantity(), first.prices().get(0), null)), 1, null)).to(client.origin()).thread(thread).sign();
        return step(client, thread, line, twin, client.exchange(propose), transcript)
                .recover(failure -> {
                    transcript.add("no agreement: " + failure.getMessage());
                    return Future.succeededFuture(new Negotiated(null, null, transcript));
                });
    }

    private Future<Negotiated> step(BrandClient client, String thread, PricedLine line, TwinNegotiator twin, Future<VerifiedMessage> exchange,
                                    List<String> transcript) {
        return exchange.compose(answer -> {
            try {
                switch (answer.type()) {
                    case QUOTE -> {
                        Quote quote = answer.body(Quote.class);
                        transcript.add("brand quotes " + quote.items().get(0).unitPrice() + " a unit, valid until " + quote.validUntil());
                        return Future.succeededFuture(new Negotiated(quote, answer.compact(), transcript));
                    }
                    case NEGOTIATE_COUNTER -> {
                        NegotiateCounter counter = answer.body(NegotiateCounter.class);
                        Money price = counter.items().get(0).unitPrice();
                        transcript.add("brand counters " + price + (Boolean.TRUE.equals(counter.finalOffer()) ? " (final)" : ""));
                        TwinNegotiator.Move move = twin.respond(List.of(price), counter.round(), Boolean.TRUE.equals(counter.finalOffer()));
                        if (move instanceof TwinNegotiator.Accept accept) {
                            transcript.add("twin accepts " + price);
                            return step(client, thread, line, twin, client.exchange(client.signer().message(MessageType.NEGOTIATE_ACCEPT,
                                    new NegotiateAccept(accept.round())).to(client.origin()).thread(thread).re(answer.id()).sign()), transcript);
                        }
                        if (move instanceof TwinNegotiator.Propose p) {
                            transcript.add("twin proposes " + p.prices().get(0));
                            return step(client, thread, line, twin, client.exchange(client.signer().message(MessageType.NEGOTIATE_COUNTER,
                                    new NegotiateCounter(List.of(new PricedLine(line.sku(), line.quantity(), p.prices().get(0), null)), p.round(), null, null))
                                    .to(client.origin()).thread(thread).re(answer.id()).sign()), transcript);
                        }
                        TwinNegotiator.Walk walk = (TwinNegotiator.Walk) move;
                        transcript.add("twin walks away: " + walk.why());
                        return client.exchange(client.signer().message(MessageType.NEGOTIATE_REJECT, new NegotiateReject(RejectReason.PRICE, walk.why()))
                                .to(client.origin()).thread(thread).re(answer.id()).sign())
                                .map(ack -> new Negotiated(null, null, transcript));
                    }
                    case NEGOTIATE_REJECT -> {
                        transcript.add("brand ends the negotiation: " + answer.body(NegotiateReject.class).reason().wire());
                        return Future.succeededFuture(new Negotiated(null, null, transcript));
                    }
                    default -> {
                        return Future.failedFuture(new BrandUnavailable(BrandUnavailable.Reason.PROTOCOL_ERROR,
                                "unexpected " + answer.type().wire() + " in a negotiation", null));
                    }
                }
            } catch (ProtocolException e) {
                return Future.failedFuture(e);
            }
        });
    }

    private DailyMe.Item item(BrandClient client, String offerSetJws, Candidate c, Negotiated negotiated, Preferences prefs, List<Wish> wishes,
                              Mandate mandate, Instant now) {
        PricedLine offered = c.offer().items().get(0);
        Money unit = negotiated.quote() != null ? negotiated.quote().items().get(0).unitPrice() : offered.unitPrice();
        Money total = unit.times(offered.quantity());
        Money list = offered.listPrice() != null ? offered.listPrice() : c.product().listPrice();
        Money listTotal = list.times(offered.quantity());
        Money saving = listTotal.isGreaterThan(total) ? listTotal.minus(total) : Money.zero(total.currency());
        List<DailyMe.Reason> reasons = Scoring.reasons(c.product(), client.origin(), prefs, wishes, total, listTotal, mandate.perItem(),
                c.offer().incentives(), now);
        String name = client.descriptor() != null ? client.descriptor().name() : client.origin();
        return new DailyMe.Item("i-" + ids.next(), client.origin(), name, offered.sku(), c.product().gtin(), c.product().title(), offered.quantity(), list,
                offered.unitPrice(), unit, total, saving, Scoring.utility(reasons), reasons, c.offer().incentives(), offerSetJws, c.offer().offerId(),
                negotiated.quoteJws(), negotiated.quote() == null ? null : negotiated.quote().validUntil(), negotiated.transcript(),
                DailyMe.Status.SUGGESTED, negotiated.quote() == null ? "no quote: cannot be approved" : null, null);
    }

    // ---- approval -------------------------------------------------------------------------------------

    /** The outcome of an approval that could not place an order. */
    public static final class NotOrdered extends RuntimeException {
        public NotOrdered(String message) {
            super(message, null, false, false);
        }
    }

    private Future<DailyMe> autoBuy(DailyMe me, Mandate mandate) {
        Future<DailyMe> chain = Future.succeededFuture(me);
        for (DailyMe.Item item : me.items()) {
            if (item.quote() != null && mandate.autoBuyLimit().amount().signum() > 0 && !item.total().isGreaterThan(mandate.autoBuyLimit())) {
                chain = chain.compose(current -> approve(item.id()).transform(ar -> Future.succeededFuture(current)));
            }
        }
        return chain.map(ignored -> latest().orElse(me));
    }

    /**
     * Places the order of an item with its quote, if the mandate allows its total today and this
     * week. Idempotent: the item's idempotency key is stored before the order is sent, so a retry
     * (even after a crash) never buys twice; an item already ordered returns as it is.
     */
    public Future<DailyMe.Item> approve(String itemId) {
        return vertx.<Approval>executeBlocking(() -> checkApproval(itemId), false).compose(approval -> approval.idempotencyKey() == null
                ? Future.succeededFuture(approval.item())
                : placeOrder(approval.item(), approval.idempotencyKey()));
    }

    /** An approval allowed by the mandate, with the idempotency key of its order; no key when the item is already ordered. */
    private record Approval(DailyMe.Item item, String idempotencyKey) {}

    private Approval checkApproval(String itemId) {
        DailyMe.Item item = itemById(itemId);
        if (item.status() == DailyMe.Status.ORDERED) {
            return new Approval(item, null);
        }
        if (item.quote() == null) {
            throw new NotOrdered("item " + itemId + " has no quote to order with; run the Daily Me again");
        }
        Instant now = clock.instant();
        if (item.quoteValidUntil() != null && !now.isBefore(item.quoteValidUntil())) {
            throw new NotOrdered("the quote for " + item.title() + " expired at " + item.quoteValidUntil() + "; run the Daily Me again");
        }
        Mandate mandate = mandate().orElseThrow();
        if (item.total().isGreaterThan(mandate.perItem())) {
            throw new NotOrdered(item.total() + " is above the per-item budget " + mandate.perItem());
        }
        Money today = spentSince(now.truncatedTo(ChronoUnit.DAYS), mandate.currency());
        Money week = spentSince(now.atZone(ZoneOffset.UTC).toLocalDate().with(java.time.DayOfWeek.MONDAY).atStartOfDay(ZoneOffset.UTC).toInstant(),
                mandate.currency());
        if (today.plus(item.total()).isGreaterThan(mandate.perDay())) {
            throw new NotOrdered("ordering " + item.total() + " would exceed today's budget " + mandate.perDay() + " (spent " + today + ")");
        }
        if (week.plus(item.total()).isGreaterThan(mandate.perWeek())) {
            throw new NotOrdered("ordering " + item.total() + " would exceed this week's budget " + mandate.perWeek() + " (spent " + week + ")");
        }
        String key = store.beginOrder(itemId, "twin-" + itemId, item.brand(), item.total().amountString(), item.total().currencyCode(), now.toString());
        return new Approval(item, key);
    }

    private Future<DailyMe.Item> placeOrder(DailyMe.Item item, String idempotencyKey) {
        FollowedBrand brand = brands().stream().filter(b -> b.origin().equals(item.brand())).findFirst()
                .orElseThrow(() -> new NotOrdered("the twin no longer follows " + item.brand()));
        BrandClient client = client(brand);
        var place = client.signer().message(MessageType.ORDER_PLACE, new OrderPlace(item.quote(), idempotencyKey, null, null)).to(brand.origin()).sign();
        return client.discover().compose(d -> client.exchange(place)).compose(answer -> vertx.executeBlocking(() -> {
            OrderConfirmed receipt = checkReceipt(client, answer, item, idempotencyKey);
            store.completeOrder(item.id(), answer.compact());
            if (receipt.credential() != null) {
                keepCredential(client, receipt.credential());
            }
            DailyMe.Item ordered = item.withStatus(DailyMe.Status.ORDERED, "order " + receipt.orderId() + " confirmed", answer.compact());
            store.updateItem(item.id(), ParleyJson.writeString(ordered));
            return ordered;
        }, false)).recover(failure -> vertx.executeBlocking(() -> {
            String why = failure instanceof ProtocolException p ? p.code().wire() + ": " + p.detail() : String.valueOf(failure.getMessage());
            if (failure instanceof ProtocolException) {
                store.abandonOrder(item.id());
            }
            DailyMe.Item failed = item.withStatus(DailyMe.Status.FAILED, "the brand did not confirm: " + why, null);
            store.updateItem(item.id(), ParleyJson.writeString(failed));
            return failed;
        }, false));
    }

    /** A receipt must be this brand's, for this twin key, this quote, this idempotency key and this total. */
    private static OrderConfirmed checkReceipt(BrandClient client, VerifiedMessage answer, DailyMe.Item item, String key) throws ProtocolException {
        if (answer.type() != MessageType.ORDER_CONFIRMED) {
            throw new BrandUnavailable(BrandUnavailable.Reason.PROTOCOL_ERROR, "expected order.confirmed, got " + answer.type().wire(), null);
        }
        OrderConfirmed receipt = answer.body(OrderConfirmed.class);
        Quote quote = client.verifyPresented(item.quote()).body(Quote.class);
        if (!receipt.quoteId().equals(quote.quoteId()) || !receipt.idempotencyKey().equals(key) || !receipt.twin().equals(client.twin())
                || receipt.total().compareTo(quote.total()) != 0) {
            throw new BrandUnavailable(BrandUnavailable.Reason.PROTOCOL_ERROR,
                    "the receipt does not match the order (quote " + receipt.quoteId() + ", key " + receipt.idempotencyKey() + ", total " + receipt.total() + ")", null);
        }
        return receipt;
    }

    /**
     * Keeps a credential a brand issued with a receipt, if it is that brand's, about this twin's
     * key for it; it is shown to that brand only (spec §7), in later intents.
     */
    private void keepCredential(BrandClient client, String credential) {
        try {
            VerifiedMessage c = client.verifyPresented(credential);
            dev.parley.protocol.message.Credential body = c.body(dev.parley.protocol.message.Credential.class);
            if (c.type() == MessageType.CREDENTIAL && c.issuer().equals(client.origin()) && body.subject().equals(client.twin())) {
                store.setting("credential " + client.origin(), credential);
            }
        } catch (ProtocolException ignored) {
            // a credential that does not verify is worth nothing; the order itself stands
        }
    }

    /** The credentials to present to one brand: only the one it issued to this twin's key for it. */
    private List<String> credentialsFor(String origin) {
        return store.setting("credential " + origin).map(List::of).orElse(List.of());
    }

    private Money spentSince(Instant since, String currency) {
        Money sum = Money.zero(java.util.Currency.getInstance(currency));
        for (String total : store.orderTotalsSince(since.toString(), currency)) {
            sum = sum.plus(Money.of(total, currency));
        }
        return sum;
    }

    /** The person is not interested in an item. */
    public Future<DailyMe.Item> dismiss(String itemId) {
        return vertx.executeBlocking(() -> {
            DailyMe.Item item = itemById(itemId);
            if (item.status() == DailyMe.Status.ORDERED) {
                throw new NotOrdered("item " + itemId + " is already ordered");
            }
            DailyMe.Item dismissed = item.withStatus(DailyMe.Status.DISMISSED, "not interested", null);
            store.updateItem(itemId, ParleyJson.writeString(dismissed));
            return dismissed;
        }, false);
    }

    private DailyMe.Item itemById(String itemId) {
        String json = store.items().get(itemId);
        if (json == null) {
            throw new NotOrdered("no item " + itemId + " in the current Daily Me");
        }
        return read(json, DailyMe.Item.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return ParleyJson.configReader(type).readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("the twin's store holds unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return ParleyJson.configReader(Object.class).forType(type).readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("the twin's store holds unreadable data: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
