package dev.parley.mirror.world;

import dev.parley.brand.negotiation.Negotiator;
import dev.parley.brand.negotiation.Outcome;
import dev.parley.brand.offers.CoMarketer;
import dev.parley.brand.orders.Inventory;
import dev.parley.brand.orders.Ledger;
import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.LineTerms;
import dev.parley.brand.shared.LocalSharedState;
import dev.parley.catalog.index.CatalogIndex;
import dev.parley.catalog.store.CatalogStore;
import dev.parley.mirror.population.Market;
import dev.parley.mirror.population.Person;
import dev.parley.mirror.population.Shopper;
import dev.parley.mirror.population.UserModel;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.NegotiateAccept;
import dev.parley.protocol.message.NegotiateCounter;
import dev.parley.protocol.message.NegotiatePropose;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.OfferRef;
import dev.parley.protocol.message.OfferSet;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import dev.parley.twin.model.DueItem;
import dev.parley.twin.model.Event;
import dev.parley.twin.model.PreferenceModel;
import dev.parley.twin.model.Score;
import dev.parley.twin.negotiation.TwinNegotiator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Mirror World: simulated people and their twins meet one brand strategy after another, day
 * after day, through the agents' own decision code. Each day a person visits with their visit
 * rate; their twin ranks products with its {@link PreferenceModel} (due items, what the person
 * bought, popular products) and sends the top ones as an intent; the brand's {@link CoMarketer}
 * answers with personal offers under the strategy's policy (tier from the twin's orders, goal
 * pacing from the brand's ledger); the twin negotiates every negotiable offer with its
 * {@link TwinNegotiator} against the brand's {@link Negotiator}, within the person's willingness
 * to pay; the person then chooses a basket by the {@link UserModel}; the brand records the order
 * in its ledger and the twin learns from the purchase.
 *
 * <p>The twin's candidates are its model's due items, up to 200 of the products its person bought
 * most recently, and the 60 most popular products; it sends its 50 best-scored as the intent.
 *
 * <p>Every strategy meets the same people with the same random draws (per person and day, from
 * the seed), so differences between strategies are the strategies'. Strategies run in parallel;
 * within one, people are processed in a fixed order, so a run is deterministic for its seed.
 */
public final class MirrorWorld {

    /** Products per intent: the protocol's limit on the wants of one intent. */
    public static final int SHOWN = 50;
    private static final int EXPLORE = 60;
    private static final int REPERTOIRE = 200;

    /**
     * @param days          simulated days
     * @param seed          the seed of every random draw
     * @param signing       whether every message is signed and verified
     * @param twinRounds    the rounds a twin's mandate allows in one negotiation
     * @param openingShare  the share of the offer price a twin opens at
     * @param threads       strategies simulated at once
     */
    public record Settings(int days, long seed, boolean signing, int twinRounds, BigDecimal openingShare, int threads) {
        public Settings {
            if (days < 1 || days > 3660) {
                throw new IllegalArgumentException("days must be 1 to 3660");
            }
            if (twinRounds < 1 || threads < 1) {
                throw new IllegalArgumentException("twin rounds and threads must be at least 1");
            }
            Objects.requireNonNull(openingShare, "opening share");
        }

        public static Settings of(int days, long seed, boolean signing) {
            return new Settings(days, seed, signing, 6, new BigDecimal("0.8"), Math.max(1, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** Told of each simulated day of each strategy. Called from the simulating threads. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (strategy, day) -> { };

        void dayDone(int strategy, int day);
    }

    private final Market market;
    private final Shopper shopper;
    private final List<Person> people;
    private final List<PreferenceModel> initialModels;
    private final List<String> twinIds;
    private final Settings settings;
    private final Instant start;
    private final CatalogStore catalog;
    private final CatalogIndex index;

    public MirrorWorld(Market market, UserModel model, List<Person> people, Settings settings) {
        this.market = market;
        this.shopper = new Shopper(model);
        this.people = List.copyOf(people);
        this.settings = settings;
        this.start = market.end().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Clock at = Clock.fixed(start, ZoneOffset.UTC);
        this.initialModels = this.people.stream()
                .map(p -> PreferenceModel.builder().clock(at).history(p.history()).population(market.signals()).build()).toList();
        this.twinIds = this.people.stream().map(p -> twinKey(p.id())).toList();
        this.catalog = CatalogStore.inMemory();
        catalog.upsertAll(market.products());
        this.index = CatalogIndex.following(catalog);
    }

    /** The first simulated day (the day after the real data ends). */
    public Instant start() {
        return start;
    }

    /** Simulates every strategy; results in the strategies' order. */
    public List<StrategyResult> run(List<Strategy> strategies, Progress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.threads(), Math.max(1, strategies.size())));
        try {
            List<Future<StrategyResult>> futures = new ArrayList<>();
            for (int i = 0; i < strategies.size(); i++) {
                int n = i;
                futures.add(pool.submit(() -> new Run(strategies.get(n), n, progress).simulate()));
            }
            List<StrategyResult> raw = new ArrayList<>();
            for (Future<StrategyResult> f : futures) {
                raw.add(f.get());
            }
            return withGoals(strategies, raw);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<StrategyResult> withGoals(List<Strategy> strategies, List<StrategyResult> raw) {
        StrategyResult baseline = raw.get(0);
        List<StrategyResult> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            StrategyResult r = raw.get(i);
            BrandPolicy policy = strategies.get(i).policy();
            List<StrategyResult.GoalResult> goals = new ArrayList<>();
            for (BrandPolicy.Goal goal : policy.goals()) {
                int min = policy.tier(goal.tier()).minOrders();
                goals.add(new StrategyResult.GoalResult(goal.tier(), min, goal.revenueUplift(), r.revenueFrom(min), baseline.revenueFrom(min)));
            }
            out.add(new StrategyResult(r.name(), r.revenue(), r.margin(), r.visits(), r.orders(), r.units(), r.discount(), r.listValue(),
                    r.surplus(), r.negotiations(), r.agreements(), r.rounds(), r.days(), r.surplusPerTwin(), r.revenueByPriorOrders(), goals,
                    r.messages()));
        }
        return out;
    }

    /** A twin as one strategy's run sees it: what its person bought and its model, rebuilt after purchases. */
    private final class TwinState {
        final Person person;
        PreferenceModel model;
        List<Event> events;
        boolean stale;
        final Map<Sku, Instant> last = new HashMap<>();
        final Map<Sku, Integer> quantity = new HashMap<>();

        TwinState(Person person, PreferenceModel model) {
            this.person = person;
            this.model = model;
            this.events = person.history();
            for (Event e : person.history()) {
                if (e.kind() == dev.parley.twin.model.EventKind.PURCHASE) {
                    last.merge(e.sku(), e.time(), (a, b) -> a.isAfter(b) ? a : b);
                    quantity.put(e.sku(), e.quantity());
                }
            }
        }

        PreferenceModel model(Instant now) {
            if (stale) {
                model = PreferenceModel.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).history(events).population(market.signals()).build();
                stale = false;
            }
            return model;
        }

        void bought(Event e) {
            if (events == person.history()) {
                events = new ArrayList<>(events);
            }
            events.add(e);
            last.put(e.sku(), e.time());
            quantity.put(e.sku(), e.quantity());
            stale = true;
        }
    }

    /** One strategy's simulation. */
    private final class Run {
        private final Strategy strategy;
        private final int number;
        private final Progress progress;
        private final SimulatedClock clock = new SimulatedClock(start);
        private final CoMarketer co;
        private final Negotiator negotiator;
        private final Wire wire;
        private final java.util.Currency currency;
        private long ids;

        private Money revenue;
        private BigDecimal margin = BigDecimal.ZERO;
        private long visits;
        private long orders;
        private long units;
        private Money discount;
        private Money listValue;
        private BigDecimal surplus = BigDecimal.ZERO;
        private long negotiations;
        private long agreements;
        private long rounds;
        private final Map<Integer, Money> byPriorOrders = new TreeMap<>();
        private BigDecimal[] surplusPerTwin;

        Run(Strategy strategy, int number, Progress progress) {
            this.strategy = strategy;
            this.number = number;
            this.progress = progress;
            LocalSharedState state = new LocalSharedState(clock);
            Ledger ledger = new Ledger(state);
            this.co = new CoMarketer(strategy.policy(), catalog, index, new Inventory(state, sku -> null), ledger, () -> "o-" + (++ids));
            this.negotiator = co.negotiator();
            this.wire = settings.signing() ? Wire.signed(clock, settings.seed() + number) : Wire.direct();
            this.currency = java.util.Currency.getInstance(strategy.policy().currency());
            this.revenue = Money.zero(currency);
            this.discount = Money.zero(currency);
            this.listValue = Money.zero(currency);
        }

        StrategyResult simulate() {
            List<TwinState> twins = new ArrayList<>(people.size());
            for (int i = 0; i < people.size(); i++) {
                Person p = people.get(i);
                twins.add(new TwinState(p, initialModels.get(i)));
                // The brand knows the orders of the person's history: they were placed with it.
                co.ledger().addOrders(twinIds.get(i), (int) Math.min(Integer.MAX_VALUE, p.baskets()));
            }
            surplusPerTwin = new BigDecimal[twins.size()];
            java.util.Arrays.fill(surplusPerTwin, BigDecimal.ZERO);
            List<StrategyResult.Day> days = new ArrayList<>();
            for (int day = 0; day < settings.days(); day++) {
                Instant now = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(10));
                clock.set(now);
                Money dayRevenue = revenue;
                BigDecimal dayMargin = margin;
                long dayVisits = visits;
                long dayOrders = orders;
                long dayUnits = units;
                for (int i = 0; i < twins.size(); i++) {
                    SplittableRandom random = new SplittableRandom(mix(settings.seed(), i, day));
                    TwinState twin = twins.get(i);
                    if (random.nextDouble() < twin.person.visitRate()) {
                        visit(i, twin, now, random);
                    }
                }
                days.add(new StrategyResult.Day(day + 1, revenue.minus(dayRevenue), margin.subtract(dayMargin), visits - dayVisits,
                        orders - dayOrders, units - dayUnits));
                progress.dayDone(number, day);
            }
            return new StrategyResult(strategy.name(), revenue, margin, visits, orders, units, discount, listValue, surplus,
                    negotiations, agreements, rounds, days, List.of(surplusPerTwin), byPriorOrders, List.of(), wire.messages());
        }

        private void visit(int index, TwinState twin, Instant now, SplittableRandom random) {
            visits++;
            String twinId = twinIds.get(index);
            PreferenceModel model = twin.model(now);
            List<Sku> ranked = rank(model, twin, now);
            List<Want> wants = new ArrayList<>(ranked.size());
            for (Sku sku : ranked) {
                wants.add(new Want(null, sku, null, null, null, null, twin.quantity.getOrDefault(sku, market.usualQuantity(sku)), null));
            }
            Intent intent = wire.send(Wire.Direction.TO_BRAND, MessageType.INTENT,
                    new Intent(wants, null, strategy.policy().currency(), null, null, SHOWN), Intent.class);
            int priorOrders = co.ledger().orders(twinId);
            BrandPolicy.Tier tier = co.tierForOrders(priorOrders);
            List<Offer> offers = co.offers(twinId, intent, tier, now);
            if (!offers.isEmpty()) {
                offers = wire.send(Wire.Direction.TO_TWIN, MessageType.OFFER_SET, new OfferSet(offers, null, null), OfferSet.class).offers();
            }
            List<Shopper.Shown> shown = new ArrayList<>();
            for (Offer offer : offers) {
                if (offer.items().size() != 1) {
                    continue;
                }
                PricedLine line = offer.items().get(0);
                Money price = line.unitPrice();
                if (Boolean.TRUE.equals(offer.negotiable())) {
                    Shopper.Shown atList = new Shopper.Shown(line.sku(), line.listPrice(), line.listPrice(), line.quantity());
                    double v = shopper.utility(twin.person, atList, shown.size(), twin.last, now);
                    double wtp = line.listPrice().amount().doubleValue() * (1 + v / shopper.model().priceSensitivity());
                    if (wtp > 0) {
                        price = negotiate(twinId, tier, offer, line, BigDecimal.valueOf(wtp).setScale(2, RoundingMode.DOWN), now);
                    }
                }
                shown.add(new Shopper.Shown(line.sku(), price, line.listPrice(), line.quantity()));
            }
            List<Shopper.Pick> picks = shopper.basketWithSurplus(twin.person, shown, twin.last, now, random);
            if (picks.isEmpty()) {
                return;
            }
            Money orderTotal = Money.zero(currency);
            Money orderList = Money.zero(currency);
            for (Shopper.Pick pick : picks) {
                Shopper.Shown s = shown.get(pick.index());
                Product product = market.product(s.sku());
                Money paid = s.total();
                Money atList = s.listPrice().times(s.quantity());
                orderTotal = orderTotal.plus(paid);
                orderList = orderList.plus(atList);
                margin = margin.add(paid.amount()).subtract(co.pricer().cost(product).times(s.quantity()).amount());
                units += s.quantity();
                BigDecimal gained = BigDecimal.valueOf(shopper.surplus(pick.utility(), s.listPrice(), s.quantity())).setScale(2, RoundingMode.HALF_EVEN);
                surplus = surplus.add(gained);
                surplusPerTwin[index] = surplusPerTwin[index].add(gained);
                twin.bought(Event.purchase(now, product, s.unitPrice(), s.quantity()));
            }
            Money orderDiscount = orderList.isGreaterThan(orderTotal) ? orderList.minus(orderTotal) : Money.zero(currency);
            orders++;
            revenue = revenue.plus(orderTotal);
            listValue = listValue.plus(orderList);
            discount = discount.plus(orderDiscount);
            byPriorOrders.merge(Math.min(priorOrders, StrategyResult.ORDERS_CAP), orderTotal, Money::plus);
            co.ledger().addOrders(twinId, 1);
            co.ledger().record(co.pacer().periodKey(tier.name(), now), orderTotal, orderDiscount);
        }

        /** The twin's ranking: its model's scores over due items, the person's purchases and popular products. */
        private List<Sku> rank(PreferenceModel model, TwinState twin, Instant now) {
            Set<Sku> candidates = new LinkedHashSet<>();
            for (DueItem due : model.dueItems(now)) {
                candidates.add(due.sku());
            }
            if (twin.last.size() <= REPERTOIRE) {
                candidates.addAll(twin.last.keySet());
            } else {
                // A long repertoire is cut to what the person bought most recently, so a visit costs the same for everyone.
                twin.last.entrySet().stream().sorted(Map.Entry.<Sku, Instant>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .limit(REPERTOIRE).forEach(e -> candidates.add(e.getKey()));
            }
            List<Sku> popular = market.mostPopular();
            for (int i = 0; i < Math.min(EXPLORE, popular.size()); i++) {
                candidates.add(popular.get(i));
            }
            List<Score> scores = new ArrayList<>(candidates.size());
            for (Sku sku : candidates) {
                scores.add(model.score(market.product(sku), now));
            }
            scores.sort(Comparator.comparingDouble(Score::total).reversed().thenComparing(Score::sku));
            List<Sku> top = new ArrayList<>(SHOWN);
            for (int i = 0; i < Math.min(SHOWN, scores.size()); i++) {
                top.add(scores.get(i).sku());
            }
            return top;
        }

        /** Negotiates one offered line; the unit price agreed, or the offer's own when there is no agreement. */
        private Money negotiate(String twinId, BrandPolicy.Tier tier, Offer offer, PricedLine line, BigDecimal willingness, Instant now) {
            negotiations++;
            Money reservation = new Money(willingness, line.unitPrice().currency()).min(line.unitPrice());
            TwinNegotiator twin = new TwinNegotiator(List.of(line.unitPrice()), List.of(reservation), List.of(line.quantity()),
                    settings.twinRounds(), settings.openingShare());
            LineTerms terms = co.negotiationTerms(line, line.quantity(), tier, true, now);
            String thread = "t-" + (++ids);
            TwinNegotiator.Propose first = twin.open();
            NegotiatePropose propose = wire.send(Wire.Direction.TO_BRAND, MessageType.NEGOTIATE_PROPOSE,
                    new NegotiatePropose(new OfferRef(null, offer.offerId()), lines(line, first.prices()), first.round(), null), NegotiatePropose.class);
            rounds++;
            Outcome outcome = negotiator.open(thread, twinId, offer.offerId(), tier.name(), List.of(terms), prices(propose.items()), thread + "-1", now);
            try {
                while (true) {
                    if (outcome instanceof Outcome.Agreed agreed) {
                        agreements++;
                        return agreed.lines().get(0).unitPrice();
                    }
                    if (!(outcome instanceof Outcome.Counter counter)) {
                        return line.unitPrice();
                    }
                    NegotiateCounter sent = wire.send(Wire.Direction.TO_TWIN, MessageType.NEGOTIATE_COUNTER,
                            new NegotiateCounter(counter.lines(), counter.thread().round(), counter.finalOffer(), null), NegotiateCounter.class);
                    rounds++;
                    TwinNegotiator.Move move = twin.respond(prices(sent.items()), sent.round(), Boolean.TRUE.equals(sent.finalOffer()));
                    if (move instanceof TwinNegotiator.Accept accept) {
                        NegotiateAccept a = wire.send(Wire.Direction.TO_BRAND, MessageType.NEGOTIATE_ACCEPT, new NegotiateAccept(accept.round()), NegotiateAccept.class);
                        rounds++;
                        outcome = negotiator.accept(counter.thread(), a.round(), now);
                    } else if (move instanceof TwinNegotiator.Propose next) {
                        NegotiatePropose p = wire.send(Wire.Direction.TO_BRAND, MessageType.NEGOTIATE_PROPOSE,
                                new NegotiatePropose(new OfferRef(null, offer.offerId()), lines(line, next.prices()), next.round(), null), NegotiatePropose.class);
                        rounds++;
                        outcome = negotiator.counter(counter.thread(), p.round(), prices(p.items()), thread + "-" + p.round(), now);
                    } else {
                        return line.unitPrice();
                    }
                }
            } catch (ProtocolException e) {
                // A move the brand refuses (past its round limit) ends the thread without agreement.
                return line.unitPrice();
            }
        }

        private static List<PricedLine> lines(PricedLine line, List<Money> prices) {
            return List.of(new PricedLine(line.sku(), line.quantity(), prices.get(0), line.listPrice()));
        }

        private static List<Money> prices(List<PricedLine> lines) {
            return lines.stream().map(PricedLine::unitPrice).toList();
        }
    }

    /** A twin's key id as the brand sees it: a did:key derived from the person's id (the simulation never signs with it). */
    private static String twinKey(String person) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(person.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return dev.parley.protocol.keys.DidKey.of(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A well-mixed seed per (seed, person, day): SplitMix64's finaliser over the three. */
    static long mix(long seed, int person, int day) {
        long z = seed + 0x9E3779B97F4A7C15L * (person + 1L) + 0xBF58476D1CE4E5B9L * (day + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
