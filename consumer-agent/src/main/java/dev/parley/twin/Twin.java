package dev.parley.twin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.nimbusds.jose.jwk.JWK;
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
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import dev.parley.protocol.sign.MessageIds;
import dev.parley.protocol.sign.MessageSigner;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.twin.brand.BrandCatalog;
import dev.parley.twin.brand.BrandClient;
import dev.parley.twin.brand.BrandDirectory;
import dev.parley.twin.brand.BrandUnavailable;
import dev.parley.twin.negotiation.TwinNegotiator;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>Asynchronous: runs and approvals return Vert.x futures; store work runs on worker threads,
 * planning and verification on the {@link BrandDirectory}'s compute pool. State lives in a
 * {@link TwinStore} and survives restarts.
 */
public final class Twin implements AutoCloseable {

    /**
     * How a twin runs; the defaults suit a person's app.
     *
     * @param brandTimeout    the longest wait for one answer from a brand (for a twin with its own {@link BrandDirectory})
     * @param shortlistSize   the most items in a Daily Me
     * @param negotiations    how many of the shortlist's best items are negotiated in a run; the others keep the brand's
     *                        offer and get their quote when the person approves them
     * @param openingShare    the share of an offer's price the twin opens a negotiation at
     * @param runTimeout      how long a brand may take in each step of a run before it is skipped
     * @param catalogInterval how long a synced catalog is used before it is synced again (for a twin with its own
     *                        {@link BrandDirectory}; a shared one has its own interval)
     */
    public record Options(Duration brandTimeout, int shortlistSize, int negotiations, BigDecimal openingShare, Duration runTimeout,
                          Duration catalogInterval) {
        public Options {
            Objects.requireNonNull(brandTimeout, "brandTimeout");
            Objects.requireNonNull(openingShare, "openingShare");
            Objects.requireNonNull(runTimeout, "runTimeout");
            Objects.requireNonNull(catalogInterval, "catalogInterval");
            if (shortlistSize < 1) {
                throw new IllegalArgumentException("shortlistSize must be at least 1: " + shortlistSize);
            }
            if (negotiations < 0) {
                throw new IllegalArgumentException("negotiations must not be negative: " + negotiations);
            }
        }

        /** 3 s per brand answer, 10 items, the best 3 negotiated, opening at 80 %, catalogs at most a minute old. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(3), 10, 3, new BigDecimal("0.80"), Duration.ofSeconds(30), Duration.ofMinutes(1));
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
    /** The setting under which a brand's credential for this twin is kept, followed by the brand's origin. */
    private static final String CREDENTIAL = "credential ";

    private final TwinStore store;
    private final Vertx vertx;
    private final BrandDirectory directory;
    private final boolean ownsDirectory;
    private final Clock clock;
    private final RandomGenerator random;
    private final MessageIds ids;
    private final Options options;
    private final PreferenceSource preferences;
    private final Map<String, BrandClient> clients = new ConcurrentHashMap<>();

    private Twin(TwinStore store, Vertx vertx, BrandDirectory directory, boolean ownsDirectory, Clock clock, RandomGenerator random, Options options,
                 PreferenceSource preferences) {
        this.store = store;
        this.vertx = vertx;
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        this.clock = clock;
        this.random = serialized(random);
        this.ids = new MessageIds(clock, this.random);
        this.options = options;
        this.preferences = preferences;
    }

    /** One source of randomness for the run's threads: ids drawn at once from a generator that is not thread-safe could repeat. */
    private static RandomGenerator serialized(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return new RandomGenerator() {
            @Override
            public synchronized long nextLong() {
                return random.nextLong();
            }
        };
    }

    /** A twin on its own: its brands' catalogs are mirrored for it alone and persist in its store. */
    public static Twin open(TwinStore store, Vertx vertx, Clock clock, RandomGenerator random, Options options, PreferenceSource preferences) {
        BrandDirectory own = BrandDirectory.create(vertx, clock, new BrandDirectory.Options(options.brandTimeout(), options.catalogInterval(), 8), store);
        return new Twin(store, vertx, own, true, clock, random, options, preferences);
    }

    /**
     * One of many twins in a process: brands' descriptors, keys, catalogs and connections come
     * from {@code directory}, shared with the other twins (and closed by its owner, not by the
     * twin). Keys, history, intents, offers and quotes stay the twin's own.
     */
    public static Twin open(TwinStore store, BrandDirectory directory, Vertx vertx, Clock clock, RandomGenerator random, Options options,
                            PreferenceSource preferences) {
        return new Twin(store, vertx, Objects.requireNonNull(directory, "directory"), false, clock, random, options, preferences);
    }

    // ---- what the person says ----------------------------------------------------------------------

    /** The person's wishes and exclusions, as written. */
    public List<String> wishStatements() {
        return store.setting("wishes").map(json -> read(json, STRINGS)).orElse(List.of());
    }

    public List<Wish> wishes() {
        return wishes(mandate().orElse(null));
    }

    private List<Wish> wishes(Mandate mandate) {
        String currency = mandate == null ? null : mandate.currency();
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
        return clients.computeIfAbsent(brand.origin() + ' ' + brand.url(), k -> new BrandClient(directory, brand.origin(), brand.url(),
                signerFor(brand.origin()), clock));
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

    /** What a run reads from the twin's store before it talks to anyone. */
    private record RunInputs(Preferences prefs, List<Wish> wishes, Mandate mandate, List<BrandClient> clients, Map<String, List<String>> credentials) {}

    /** An item of a run with what it rests on: the brand, its catalog, the signed offer set and the offer in it. */
    private record Candidate(BrandClient client, BrandCatalog catalog, String offerSet, Offer offer, Product product) {}

    /** An intent signed for a brand, with the brand's client and catalog. */
    private record Ask(BrandClient client, BrandCatalog catalog, dev.parley.protocol.sign.SignedMessage intent) {}

    /** An item at its offered price, with the candidate it came from. */
    private record Offered(DailyMe.Item item, Candidate candidate) {}

    /**
     * Runs a Daily Me: brings the followed brands' catalogs up to date (shared, at most once per
     * sync interval), decides on their public catalogs which brands could supply the shortlist and
     * sends each of them, at once, an intent with only the wants it can answer; scores the personal
     * offers that come back, dedupes the same product across brands, ranks, negotiates the best
     * {@link Options#negotiations()} items within the mandate (all at once), ranks again, keeps the
     * shortlist and auto-buys what the mandate allows. A brand that is down, slow or unverifiable
     * is skipped with the reason; the run completes.
     */
    public Future<DailyMe> runDailyMe() {
        Instant now = clock.instant();
        String run = "run-" + ids.next();
        return vertx.executeBlocking(() -> {
            Mandate mandate = mandate().orElseThrow(() -> new IllegalStateException("set a mandate before running the Daily Me"));
            List<BrandClient> followed = new ArrayList<>();
            Map<String, String> held = store.settings(CREDENTIAL);
            Map<String, List<String>> credentials = new HashMap<>();
            for (FollowedBrand brand : brands()) {
                BrandClient client = client(brand);
                followed.add(client);
                String credential = held.get(CREDENTIAL + client.origin());
                credentials.put(client.origin(), credential == null ? List.of() : List.of(credential));
            }
            return new RunInputs(preferences.at(store.events(), now), wishes(mandate), mandate, followed, credentials);
        }, false).compose(in -> {
            Mandate mandate = in.mandate();
            List<DailyMe.Skipped> skipped = Collections.synchronizedList(new ArrayList<>());
            List<Future<BrandCatalog>> catalogs = new ArrayList<>();
            for (BrandClient client : in.clients()) {
                catalogs.add(withinRun(client, client.catalog(), skipped));
            }
            return Future.join(catalogs)
                    .transform(ignored -> ask(in, catalogs, mandate, now, skipped))
                    .compose(candidates -> negotiateBest(candidates, in, mandate, now))
                    .compose(shortlist -> vertx.executeBlocking(() -> {
                        Map<String, String> byId = new LinkedHashMap<>();
                        shortlist.forEach(item -> byId.put(item.id(), ParleyJson.writeString(item)));
                        List<DailyMe.Skipped> why = List.copyOf(skipped);
                        store.saveRun(run, byId, "daily_me", ParleyJson.writeString(new DailyMe(run, now, List.of(), why)));
                        return new DailyMe(run, now, shortlist, why);
                    }, false))
                    .compose(me -> autoBuy(me, mandate));
        });
    }

    /** A brand's step of a run, bounded by the run timeout; a brand that fails it is skipped with the reason (the future yields null). */
    private <T> Future<T> withinRun(BrandClient client, Future<T> step, List<DailyMe.Skipped> skipped) {
        return step.timeout(options.runTimeout().toMillis(), TimeUnit.MILLISECONDS).recover(failure -> {
            skipped.add(skip(client.origin(), failure));
            return Future.succeededFuture();
        });
    }

    /** Plans the intents on the synced catalogs, sends them at once and scores the personal offers that come back. */
    private Future<List<Offered>> ask(RunInputs in, List<Future<BrandCatalog>> catalogs, Mandate mandate, Instant now,
                                                     List<DailyMe.Skipped> skipped) {
        return directory.compute(() -> {
            List<BrandWant> runWants = wants(in.prefs().needs(now, 40), in.wishes());
            List<IntentPlan.BrandWants> brands = new ArrayList<>();
            Map<String, BrandClient> clientOf = new HashMap<>();
            for (int i = 0; i < in.clients().size(); i++) {
                BrandCatalog catalog = catalogs.get(i).result();
                if (catalog != null) {
                    BrandClient client = in.clients().get(i);
                    clientOf.put(client.origin(), client);
                    brands.add(new IntentPlan.BrandWants(catalog, wantsFor(client.origin(), runWants),
                            !in.credentials().get(client.origin()).isEmpty()));
                }
            }
            // brands that would add as much share this twin's asks at random
            for (int i = brands.size() - 1; i > 0; i--) {
                Collections.swap(brands, i, random.nextInt(i + 1));
            }
            Map<String, BrandCatalog> catalogOf = new HashMap<>();
            brands.forEach(b -> catalogOf.put(b.catalog().origin(), b.catalog()));
            List<Ask> asks = new ArrayList<>();
            IntentPlan.plan(brands, in.prefs(), in.wishes(), mandate, now, options.shortlistSize()).forEach((origin, wants) -> {
                BrandClient client = clientOf.get(origin);
                Intent intent = new Intent(wants, mandate.perDay(), mandate.currency(), in.credentials().get(origin), Map.of(), 20);
                asks.add(new Ask(client, catalogOf.get(origin), client.signer().message(MessageType.INTENT, intent).to(origin).sign()));
            });
            return asks;
        }).compose(asks -> {
            List<Future<List<Offered>>> answers = new ArrayList<>();
            for (Ask ask : asks) {
                answers.add(withinRun(ask.client(), ask.client().exchange(ask.intent())
                        .compose(answer -> directory.compute(() -> offers(ask.client(), ask.catalog(), answer, in, mandate, now))), skipped));
            }
            return Future.join(answers).transform(ignored -> {
                List<Offered> all = new ArrayList<>();
                answers.forEach(f -> {
                    if (f.result() != null) {
                        all.addAll(f.result());
                    }
                });
                return Future.succeededFuture(all);
            });
        });
    }

    /** The offers of an offer set the twin may take: addressed to this twin's key, valid, allowed by its wishes and within the per-item budget. */
    private List<Offered> offers(BrandClient client, BrandCatalog catalog, VerifiedMessage answer, RunInputs in, Mandate mandate, Instant now) {
        OfferSet set;
        try {
            set = answer.body(OfferSet.class);
        } catch (ProtocolException e) {
            throw new BrandUnavailable(BrandUnavailable.Reason.PROTOCOL_ERROR, "unreadable offer.set: " + e.detail(), e);
        }
        List<Offered> found = new ArrayList<>();
        for (Offer offer : set.offers()) {
            if (offer.items().size() != 1 || !validNow(offer) || !client.twin().equals(offer.eligibility().twin())) {
                continue;
            }
            PricedLine line = offer.items().get(0);
            Product product = catalog.get(line.sku()).orElse(null);
            if (product == null || !Scoring.allowed(product, catalog.fullTextOf(product), in.wishes())
                    || !line.unitPrice().currency().equals(mandate.perItem().currency())
                    || offer.total().isGreaterThan(mandate.perItem())) {
                continue;
            }
            Candidate c = new Candidate(client, catalog, answer.compact(), offer, product);
            found.add(new Offered(item(c, null, in, mandate, now), c));
        }
        return found;
    }

    /** Ranks the offers, negotiates the best few of the shortlist at once, and ranks again. */
    private Future<List<DailyMe.Item>> negotiateBest(List<Offered> candidates, RunInputs in, Mandate mandate, Instant now) {
        Map<String, Candidate> byItem = new HashMap<>();
        candidates.forEach(o -> byItem.put(o.item().id(), o.candidate()));
        List<DailyMe.Item> shortlist = rank(candidates.stream().map(Offered::item).toList(), options.shortlistSize());
        List<Future<DailyMe.Item>> items = new ArrayList<>();
        for (int i = 0; i < shortlist.size(); i++) {
            DailyMe.Item offered = shortlist.get(i);
            if (i >= options.negotiations()) {
                items.add(Future.succeededFuture(offered));
                continue;
            }
            Candidate c = byItem.get(offered.id());
            items.add(negotiate(c.client(), c.offerSet(), c.offer(), mandate).map(outcome -> item(c, outcome, in, mandate, now)));
        }
        return Future.all(items).map(done -> rank(items.stream().map(Future::result).toList(), options.shortlistSize()));
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
            best.merge(IntentPlan.sameProduct(item.gtin(), item.title()), item, (a, b) -> b.utility() > a.utility() ? b : a);
        }
        return best.values().stream()
                .sorted(Comparator.comparingDouble(DailyMe.Item::utility).reversed().thenComparing(DailyMe.Item::total))
                .limit(size)
                .toList();
    }

    /** A want of a run and the brand it is for (null: any brand). */
    private record BrandWant(Want want, String brand) {}

    /** The wants of an intent to one brand: of the run's wants, those for any brand or for this one, at most 50. */
    private static List<Want> wantsFor(String origin, List<BrandWant> wants) {
        List<Want> mine = new ArrayList<>();
        for (BrandWant w : wants) {
            if (w.brand() == null || w.brand().equals(origin)) {
                mine.add(w.want());
                if (mine.size() == 50) {
                    break;
                }
            }
        }
        return mine;
    }

    /**
     * The wants of a run's intents, made once for all brands: the stated wants, then the needs
     * (due products, the categories the person is drawn to), in that order, each with the brand
     * it is for.
     */
    private static List<BrandWant> wants(List<Preferences.Need> needs, List<Wish> wishes) {
        Map<String, Constraint> required = new LinkedHashMap<>();
        List<String> excluded = new ArrayList<>();
        for (Wish w : wishes) {
            if (w.kind() == Wish.Kind.REQUIRE) {
                required.putAll(w.attributes());
            } else if (w.kind() == Wish.Kind.EXCLUDE) {
                excluded.add(w.query());
            }
        }
        List<BrandWant> wants = new ArrayList<>();
        for (Wish w : wishes) {
            if (w.kind() == Wish.Kind.WANT) {
                Map<String, Constraint> attributes = new LinkedHashMap<>(required);
                attributes.putAll(w.attributes());
                wants.add(new BrandWant(new Want(w.query(), null, null, null, attributes, excluded, 1, w.maxUnitPrice()), null));
            }
        }
        for (Preferences.Need need : needs) {
            if (need.sku() != null) {
                wants.add(new BrandWant(new Want(null, need.sku(), null, null, required, excluded, 1, null), need.brand()));
            } else if (need.query() != null || !need.category().isEmpty()) {
                wants.add(new BrandWant(new Want(need.query(), null, null, need.category().isEmpty() ? null : need.category(), required, excluded, 1, null),
                        need.brand()));
            }
        }
        return wants;
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

    /** An item for a candidate, at the negotiated price when there is a quote, else at the offer's. */
    private DailyMe.Item item(Candidate c, Negotiated negotiated, RunInputs in, Mandate mandate, Instant now) {
        PricedLine offered = c.offer().items().get(0);
        Quote quote = negotiated == null ? null : negotiated.quote();
        Money unit = quote != null ? quote.items().get(0).unitPrice() : offered.unitPrice();
        Money total = unit.times(offered.quantity());
        Money list = offered.listPrice() != null ? offered.listPrice() : c.product().listPrice();
        Money listTotal = list.times(offered.quantity());
        Money saving = listTotal.isGreaterThan(total) ? listTotal.minus(total) : Money.zero(total.currency());
        List<DailyMe.Reason> reasons = Scoring.reasons(c.product(), c.catalog().fullTextOf(c.product()), c.client().origin(), in.prefs(), in.wishes(),
                total, listTotal, mandate.perItem(), c.offer().incentives(), now);
        String name = c.catalog().descriptor() != null ? c.catalog().descriptor().name() : c.client().origin();
        return new DailyMe.Item("i-" + ids.next(), c.client().origin(), name, offered.sku(), c.product().gtin(), c.product().title(), offered.quantity(),
                list, offered.unitPrice(), unit, total, saving, Scoring.utility(reasons), reasons, c.offer().incentives(), c.offerSet(),
                c.offer().offerId(), negotiated == null ? null : negotiated.quoteJws(), quote == null ? null : quote.validUntil(),
                negotiated == null ? List.of() : negotiated.transcript(), DailyMe.Status.SUGGESTED, null, null);
    }

    // ---- approval -------------------------------------------------------------------------------------

    /** The outcome of an approval that could not place an order. */
    public static final class NotOrdered extends RuntimeException {
        public NotOrdered(String message) {
            super(message, null, false, false);
        }
    }

    private Future<DailyMe> autoBuy(DailyMe me, Mandate mandate) {
        Future<DailyMe> chain = null;
        for (DailyMe.Item item : me.items()) {
            if (item.quote() != null && mandate.autoBuyLimit().amount().signum() > 0 && !item.total().isGreaterThan(mandate.autoBuyLimit())) {
                Future<DailyMe> before = chain == null ? Future.succeededFuture(me) : chain;
                chain = before.compose(current -> approve(item.id()).transform(ar -> Future.succeededFuture(current)));
            }
        }
        // the items' statuses changed only if something was bought
        return chain == null ? Future.succeededFuture(me) : chain.compose(ignored -> vertx.executeBlocking(() -> latest().orElse(me), false));
    }

    /**
     * Places the order of an item, if the mandate allows its total today and this week. An item
     * that was not negotiated gets its quote first, by proposing the brand's own offer price (which
     * a brand answers with a quote, spec §6). Idempotent: the item's idempotency key is stored
     * before the order is sent, so a retry (even after a crash) never buys twice; an item already
     * ordered returns as it is.
     */
    public Future<DailyMe.Item> approve(String itemId) {
        return vertx.<DailyMe.Item>executeBlocking(() -> checkApproval(itemById(itemId)), false).compose(item -> {
            if (item.status() == DailyMe.Status.ORDERED) {
                return Future.succeededFuture(item);
            }
            Future<DailyMe.Item> quoted = item.quote() != null ? Future.succeededFuture(item) : quoteAtOffer(item);
            return quoted.compose(q -> vertx.<Approval>executeBlocking(() -> {
                checkApproval(q);
                String key = store.beginOrder(q.id(), "twin-" + q.id(), q.brand(), q.total().amountString(), q.total().currencyCode(),
                        clock.instant().toString());
                return new Approval(q, key, followed(q.brand()));
            }, false)).compose(approval -> placeOrder(approval.item(), approval.idempotencyKey(), approval.client()));
        });
    }

    /** An approval allowed by the mandate, with the idempotency key of its order and the brand to send it to. */
    private record Approval(DailyMe.Item item, String idempotencyKey, BrandClient client) {}

    /** The item if it may be ordered now (already ordered, or within its quote's time and the mandate), else {@link NotOrdered}. */
    private DailyMe.Item checkApproval(DailyMe.Item item) {
        if (item.status() == DailyMe.Status.ORDERED) {
            return item;
        }
        if (item.quote() == null && (item.offerSet() == null || item.offerId() == null)) {
            throw new NotOrdered("item " + item.id() + " has neither a quote nor an offer to order with; run the Daily Me again");
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
        return item;
    }

    private BrandClient followed(String origin) {
        FollowedBrand brand = brands().stream().filter(b -> b.origin().equals(origin)).findFirst()
                .orElseThrow(() -> new NotOrdered("the twin no longer follows " + origin));
        return client(brand);
    }

    /**
     * Gets the quote for an item that was not negotiated: proposes the offer's own price, which
     * the brand answers with a quote, and keeps the quoted item. Fails with {@link NotOrdered}
     * when the offer no longer holds or the brand does not quote.
     */
    private Future<DailyMe.Item> quoteAtOffer(DailyMe.Item item) {
        return vertx.executeBlocking(() -> followed(item.brand()), false).compose(client -> client.catalog().compose(catalog -> {
            Offer offer;
            try {
                offer = client.verifyPresented(item.offerSet()).body(OfferSet.class).offers().stream()
                        .filter(o -> o.offerId().equals(item.offerId())).findFirst()
                        .orElseThrow(() -> new NotOrdered("the offer " + item.offerId() + " is not in its offer set"));
            } catch (ProtocolException e) {
                return Future.failedFuture(new NotOrdered("the offer for " + item.title() + " no longer holds (" + e.code().wire() + ": " + e.detail()
                        + "); run the Daily Me again"));
            }
            if (!validNow(offer)) {
                return Future.failedFuture(new NotOrdered("the offer for " + item.title() + " expired at " + offer.validUntil() + "; run the Daily Me again"));
            }
            PricedLine line = offer.items().get(0);
            var propose = client.signer().message(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(new OfferRef(item.offerSet(), offer.offerId()),
                    List.of(new PricedLine(line.sku(), line.quantity(), line.unitPrice(), null)), 1, null)).to(client.origin()).thread("t-" + ids.next()).sign();
            return client.exchange(propose).recover(failure -> Future.failedFuture(new NotOrdered("the brand did not quote " + item.title() + ": "
                    + (failure instanceof ProtocolException p ? p.code().wire() + ": " + p.detail() : failure.getMessage())))).compose(answer -> {
                if (answer.type() != MessageType.QUOTE) {
                    return Future.failedFuture(new NotOrdered("the brand answered the offer's own price with " + answer.type().wire() + ", not a quote"));
                }
                Quote quote;
                try {
                    quote = answer.body(Quote.class);
                } catch (ProtocolException e) {
                    return Future.failedFuture(new NotOrdered("the brand's quote is unreadable: " + e.detail()));
                }
                Money unit = quote.items().get(0).unitPrice();
                Money total = unit.times(item.quantity());
                List<String> transcript = new ArrayList<>(item.transcript());
                transcript.add("twin takes the offer at " + line.unitPrice() + " a unit");
                transcript.add("brand quotes " + unit + " a unit, valid until " + quote.validUntil());
                DailyMe.Item quoted = new DailyMe.Item(item.id(), item.brand(), item.brandName(), item.sku(), item.gtin(), item.title(), item.quantity(),
                        item.listPrice(), item.offeredPrice(), unit, total, item.saving(), item.utility(), item.reasons(), item.incentives(),
                        item.offerSet(), item.offerId(), answer.compact(), quote.validUntil(), transcript, item.status(), item.statusDetail(), item.receipt());
                return vertx.executeBlocking(() -> {
                    store.updateItem(quoted.id(), ParleyJson.writeString(quoted));
                    return quoted;
                }, false);
            });
        }));
    }

    private Future<DailyMe.Item> placeOrder(DailyMe.Item item, String idempotencyKey, BrandClient client) {
        var place = client.signer().message(MessageType.ORDER_PLACE, new OrderPlace(item.quote(), idempotencyKey, null, null)).to(client.origin()).sign();
        return client.catalog().compose(d -> client.exchange(place)).compose(answer -> vertx.executeBlocking(() -> {
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
                store.setting(CREDENTIAL + client.origin(), credential);
            }
        } catch (ProtocolException ignored) {
            // a credential that does not verify is worth nothing; the order itself stands
        }
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

    /** Closes the twin's connections, if it has its own directory (a shared one is closed by its owner). */
    @Override
    public void close() {
        if (ownsDirectory) {
            directory.close();
        }
    }
}
