package dev.parley.twin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreferenceModelTest {
    private static final Instant DAY0 = Instant.parse("2025-01-01T10:00:00Z");

    private static Instant day(int d) {
        return DAY0.plus(Duration.ofDays(d));
    }

    private static Product product(String sku, String price, String... category) {
        return new Product(Sku.of(sku), null, "Item " + sku, null, "Acme", List.of(category),
                Map.of("colour", AttributeValue.of(List.of("red"))), List.of(), null, Money.of(price, "EUR"), Availability.IN_STOCK, null);
    }

    private static Event buy(int d, Product p) {
        return Event.purchase(day(d), p, p.listPrice(), 1);
    }

    private static PreferenceModel model(int nowDay, ModelParameters parameters, List<Event> events) {
        return PreferenceModel.builder().parameters(parameters).clock(Clock.fixed(day(nowDay), ZoneOffset.UTC)).history(events).build();
    }

    /** Parameters where only the given features count, each with weight 1 (or the given sign). */
    private static ModelParameters only(Map<Feature, Double> weights) {
        return new ModelParameters(Duration.ofDays(30), weights, Map.of());
    }

    private static final Product COFFEE = product("coffee", "8.00", "Food", "Coffee");
    private static final Product TEA = product("tea", "4.00", "Food", "Tea");
    private static final Product CANDLE = product("candle", "12.00", "Home", "Candles");

    @Test
    void decayedCount_recentPurchasesOutweighOldOnes() {
        List<Event> events = List.of(buy(0, TEA), buy(1, TEA), buy(80, COFFEE), buy(81, COFFEE));
        PreferenceModel m = model(90, only(Map.of(Feature.DECAYED_COUNT, 1.0)), events);
        double tea = m.score(TEA, day(90)).value(Factor.REPEAT_FREQUENCY);
        double coffee = m.score(COFFEE, day(90)).value(Factor.REPEAT_FREQUENCY);
        assertTrue(coffee > tea, "bought as often but more recently must weigh more: coffee " + coffee + ", tea " + tea);
    }

    @Test
    void categoryAffinity_decaysWithTime() {
        List<Event> events = List.of(buy(0, CANDLE), buy(0, product("lamp", "20.00", "Home", "Lighting")), buy(85, TEA));
        PreferenceModel m = model(90, ModelParameters.defaults().withHalfLife(Duration.ofDays(30)), events);
        assertTrue(m.categoryAffinity(List.of("Food", "Tea")) > m.categoryAffinity(List.of("Home", "Candles")),
                "one recent purchase outweighs two from three half-lives ago");
        assertTrue(m.categoryAffinity(List.of("Home", "Candles")) > m.categoryAffinity(List.of("Garden")));
        assertEquals(0, m.categoryAffinity(List.of("Garden")));
    }

    @Test
    void dueItems_peakAroundTheExpectedNextPurchase() {
        List<Event> events = List.of(buy(0, COFFEE), buy(10, COFFEE), buy(20, COFFEE), buy(30, COFFEE), buy(5, TEA));
        PreferenceModel m = model(30, ModelParameters.defaults(), events);
        List<DueItem> due = m.dueItems(day(40));
        assertEquals(1, due.size(), "tea was bought on one day only: no cycle");
        DueItem coffee = due.get(0);
        assertEquals(Sku.of("coffee"), coffee.sku());
        assertEquals(Duration.ofDays(10), coffee.typicalInterval());
        assertEquals(day(40), coffee.expectedNext());
        assertEquals(1.0, coffee.dueScore(), 1e-9);
        assertEquals(4, coffee.timesBought());
        assertTrue(m.dueItems(day(32)).isEmpty(), "two days after a purchase on a ten-day cycle is not due");
        assertTrue(m.dueItems(day(70)).isEmpty(), "four intervals late is no longer 'due' but lapsed");

        ModelParameters cycle = only(Map.of(Feature.CYCLE_MISS, -1.0));
        PreferenceModel c = model(30, cycle, events);
        double early = c.score(COFFEE, day(33)).value(Factor.REPEAT_CYCLE);
        double onTime = c.score(COFFEE, day(40)).value(Factor.REPEAT_CYCLE);
        double late = c.score(COFFEE, day(60)).value(Factor.REPEAT_CYCLE);
        assertEquals(0, onTime, 1e-9);
        assertTrue(onTime > early && onTime > late, "the cycle factor peaks on the due day: " + early + ", " + onTime + ", " + late);
        assertTrue(c.score(COFFEE, day(40)).contributions().stream()
                .anyMatch(x -> x.evidence().equals("you buy this about every 10 days; last time 10 days ago")));
    }

    @Test
    void dismissal_lowersTheScoreOfThatItemOnly() {
        List<Event> bought = List.of(buy(0, TEA), buy(0, COFFEE));
        List<Event> dismissed = new ArrayList<>(bought);
        dismissed.add(Event.of(EventKind.DISMISS, day(5), TEA));
        PreferenceModel before = model(10, ModelParameters.defaults(), bought);
        PreferenceModel after = model(10, ModelParameters.defaults(), dismissed);
        Score tea = after.score(TEA, day(10));
        assertTrue(tea.value(Factor.DISMISSAL) < 0);
        assertTrue(tea.total() < before.score(TEA, day(10)).total());
        assertEquals(0, after.score(COFFEE, day(10)).value(Factor.DISMISSAL));
        assertTrue(after.categoryAffinity(List.of("Food", "Tea")) < before.categoryAffinity(List.of("Food", "Tea")),
                "a dismissal also pulls its category's affinity down");
    }

    @Test
    void priceFit_prefersTheUsualPriceAndPenalizesDearerMoreThanCheaper() {
        List<Event> events = List.of(buy(0, COFFEE), buy(10, product("coffee2", "8.00", "Food", "Coffee")));
        PreferenceModel m = model(20, only(Map.of(Feature.PRICE_MISS, -1.0)), events);
        assertEquals(Money.of("8.00", "EUR"), m.typicalPrice(List.of("Food", "Coffee")).orElseThrow());
        double usual = m.score(product("c3", "8.00", "Food", "Coffee"), day(20)).value(Factor.PRICE_FIT);
        double dearer = m.score(product("c4", "16.00", "Food", "Coffee"), day(20)).value(Factor.PRICE_FIT);
        double cheaper = m.score(product("c5", "4.00", "Food", "Coffee"), day(20)).value(Factor.PRICE_FIT);
        assertEquals(0, usual, 1e-12);
        assertEquals(-Math.log(2), dearer, 1e-12);
        assertEquals(-Math.log(2) / 2, cheaper, 1e-12);
        assertEquals(0, m.score(product("c6", "99.00", "Home"), day(20)).value(Factor.PRICE_FIT), "no usual price in an unknown category");
    }

    @Test
    void score_isExactlyTheSumOfItsNamedContributions() {
        List<Event> events = List.of(buy(0, COFFEE), buy(10, COFFEE), buy(10, TEA), Event.of(EventKind.VIEW, day(12), CANDLE));
        PopulationSignals crowd = sku -> new CrowdSignals(new ItemPopularity(3, 10, 40, 200), 0.2, 0.3, 0.1, 0.5);
        PreferenceModel m = PreferenceModel.builder().clock(Clock.fixed(day(15), ZoneOffset.UTC)).population(crowd).history(events).build();
        for (Product p : List.of(COFFEE, TEA, CANDLE, product("new", "3.00", "Food", "Tea"))) {
            Score s = m.score(p, day(15), List.of(new Contribution("STATED_WISH", 1.5, "matches your wish: tea")));
            double sum = s.contributions().stream().mapToDouble(Contribution::value).sum();
            assertEquals(sum, s.total(), 1e-12);
            assertEquals(1.5, s.value("STATED_WISH"));
            for (Factor f : List.of(Factor.REPEAT_FREQUENCY, Factor.RECENCY, Factor.REPEAT_CYCLE, Factor.POPULARITY,
                    Factor.AFFINITY_CATEGORY, Factor.PRICE_FIT)) {
                assertTrue(s.contributions().stream().anyMatch(c -> c.factor().equals(f.name())), f + " is always explained");
            }
        }
        Score fresh = m.score(product("new", "3.00", "Food", "Tea"), day(15));
        assertTrue(fresh.value(Factor.NOVELTY) != 0, "a new item carries its novelty factor");
        assertTrue(fresh.value(Factor.NEIGHBOURS) != 0);
        assertTrue(m.score(CANDLE, day(15)).value(Factor.ENGAGEMENT) > 0, "a viewed item carries its engagement");
        assertTrue(m.score(COFFEE, day(15)).total() > m.score(product("never", "8.00", "Toys"), day(15)).total());
    }

    @Test
    void score_withMismatchedTotal_isRejected() {
        List<Contribution> parts = List.of(Factor.RECENCY.of(1.0, "x"), Factor.POPULARITY.of(2.0, "y"));
        assertThrows(IllegalArgumentException.class, () -> new Score(Sku.of("a"), 4.0, parts));
        assertEquals(3.0, Score.of(Sku.of("a"), parts).total());
        assertEquals(Factor.POPULARITY.name(), Score.of(Sku.of("a"), parts).strongest().get(0).factor());
    }

    @Test
    void eventsAfterNow_areIgnored() {
        PreferenceModel m = model(10, ModelParameters.defaults(), List.of(buy(0, TEA), buy(20, COFFEE)));
        assertTrue(m.hasBought(Sku.of("tea")));
        assertTrue(!m.hasBought(Sku.of("coffee")), "a purchase after the model's now is not known yet");
        assertEquals(1, m.basketCount());
        assertEquals(day(10), m.builtAt());
    }

    @Test
    void purchasesAtOneInstant_formOneBasket() {
        PreferenceModel m = model(10, ModelParameters.defaults(), List.of(buy(0, TEA), buy(0, COFFEE), buy(5, TEA)));
        assertEquals(2, m.basketCount());
        Map<Feature, Double> x = m.features(COFFEE, day(10));
        assertEquals(Math.log(0.5), x.get(Feature.SHARE), 1e-12);
        assertEquals(Math.log1p(1), x.get(Feature.BASKETS_SINCE), 1e-12);
        assertEquals(1.0, m.features(TEA, day(10)).get(Feature.IN_LAST_BASKET));
    }

    @Test
    void builder_withoutClock_fails() {
        assertThrows(IllegalStateException.class, () -> PreferenceModel.builder().history(List.of()).build());
    }

    @Test
    void event_validatesAndCopies() {
        assertThrows(IllegalArgumentException.class, () -> new Event(day(0), EventKind.PURCHASE, Sku.of("a"), null, null, null, Money.of("1", "EUR"), 0));
        assertThrows(NullPointerException.class, () -> new Event(day(0), EventKind.PURCHASE, Sku.of("a"), null, null, null, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new Event(day(0), EventKind.VIEW, Sku.of("a"), null, null, null, null, -1));
        List<String> path = new ArrayList<>(List.of("Food"));
        Event e = new Event(day(0), EventKind.VIEW, Sku.of("a"), null, path, null, null, 0);
        path.add("Tea");
        assertEquals(List.of("Food"), e.category());
        assertEquals(Map.of(), e.attributes());
    }

    @Test
    void contributionValues_areTheScoresContributionValuesInTheirOrder() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            products.add(product("p" + i, (1 + random.nextInt(40)) + ".50", i % 3 == 0 ? "Food" : "Home", "Shelf " + i % 4));
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Product p = products.get(random.nextInt(20));
            EventKind kind = EventKind.values()[random.nextInt(EventKind.values().length)];
            events.add(kind == EventKind.PURCHASE ? buy(random.nextInt(100), p) : Event.of(kind, day(random.nextInt(100)), p));
        }
        PopulationSignals crowd = sku -> new CrowdSignals(new ItemPopularity(sku.value().length(), 4, 9, 30), 0.3, 0.1, 0.05, 0.02);
        PreferenceModel m = PreferenceModel.builder().clock(Clock.fixed(day(100), ZoneOffset.UTC)).history(events).population(crowd).build();
        for (Product p : products) {
            List<Contribution> contributions = m.score(p, day(101)).contributions();
            double[] values = m.contributionValues(p, day(101));
            assertEquals(contributions.size(), values.length, p.sku().value());
            for (int i = 0; i < values.length; i++) {
                assertEquals(contributions.get(i).value(), values[i], 0.0, p.sku() + " " + contributions.get(i).factor());
            }
        }
    }

    @Test
    void parameters_rejectARaisingDismissalAndNonFiniteWeights() {
        assertThrows(IllegalArgumentException.class, () -> ModelParameters.defaults().with(Feature.DISMISSAL_COUNT, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> ModelParameters.defaults().with(Feature.SHARE, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> ModelParameters.defaults().withHalfLife(Duration.ZERO));
        Map<Feature, Double> w = new EnumMap<>(Feature.class);
        w.put(Feature.SHARE, 1.0);
        ModelParameters p = new ModelParameters(Duration.ofDays(10), w, Map.of(Feature.SHARE, 0.5));
        w.put(Feature.SHARE, 7.0);
        assertEquals(1.0, p.weights().get(Feature.SHARE), "weights are copied");
        assertEquals(0.0, p.weights().get(Feature.TENURE), "unnamed features weigh 0");
        assertEquals(1.0 + 0.5 * Math.log(4), p.effectiveWeight(Feature.SHARE, 4), 1e-12);
    }
}
