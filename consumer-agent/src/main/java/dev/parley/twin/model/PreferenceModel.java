package dev.parley.twin.model;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one person is likely to want, learned from their event history as of one instant: repeat
 * purchases and their cycles, time-decayed category, brand and attribute affinities, the prices
 * they usually pay, and what they dismissed. {@link #score} turns a candidate product into a
 * {@link Score} whose named contributions are the explanation of its rank.
 *
 * <p>Immutable and thread-safe once built. Events later than the build instant (the clock's
 * "now") are ignored, so a model can be rebuilt for any past date from a full history.
 *
 * <pre>{@code
 * PreferenceModel model = PreferenceModel.builder().clock(clock).history(events).build();
 * Score s = model.score(product, clock.instant());
 * }</pre>
 */
public final class PreferenceModel {
    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private final ModelParameters parameters;
    private final PopulationSignals population;
    private final Instant builtAt;
    private final double halfLifeDays;
    private final List<Instant> baskets;
    private final Map<Sku, Bought> bought;
    private final Map<Sku, List<Instant>> engagements;
    private final Map<Sku, List<Instant>> dismissals;
    private final Map<String, Double> categoryInterest;
    private final Map<String, Double> brandInterest;
    private final Map<String, Double> attributeInterest;
    private final double interestTotal;
    private final Map<String, Money> typicalPrices;
    private final double exploreRatio;

    /** The purchase record of one item: the baskets (by index) that held it and their days. */
    private record Bought(List<Integer> basketIndices, List<Instant> times, List<LocalDate> days, double typicalIntervalDays) {
        int count() {
            return basketIndices.size();
        }

        Instant last() {
            return times.get(times.size() - 1);
        }

        boolean cyclic() {
            return days.size() >= 2;
        }
    }

    private PreferenceModel(Builder b) {
        this.parameters = b.parameters;
        this.population = b.population;
        this.builtAt = b.clock.instant();
        this.halfLifeDays = parameters.halfLife().toMillis() / MILLIS_PER_DAY;
        List<Event> events = b.events.stream().filter(e -> !e.time().isAfter(builtAt))
                .sorted(Comparator.comparing(Event::time)).toList();

        List<Instant> basketTimes = new ArrayList<>();
        Map<Sku, List<Integer>> basketsBySku = new HashMap<>();
        Map<Sku, List<Instant>> engaged = new HashMap<>();
        Map<Sku, List<Instant>> dismissed = new HashMap<>();
        Map<String, Double> categories = new HashMap<>();
        Map<String, Double> brands = new HashMap<>();
        Map<String, Double> attributes = new HashMap<>();
        Map<String, List<BigDecimal>> prices = new HashMap<>();
        Map<String, java.util.Currency> priceCurrency = new HashMap<>();
        double positive = 0;
        for (Event e : events) {
            switch (e.kind()) {
                case PURCHASE -> {
                    if (basketTimes.isEmpty() || !basketTimes.get(basketTimes.size() - 1).equals(e.time())) {
                        basketTimes.add(e.time());
                    }
                    int index = basketTimes.size() - 1;
                    List<Integer> indices = basketsBySku.computeIfAbsent(e.sku(), k -> new ArrayList<>());
                    if (indices.isEmpty() || indices.get(indices.size() - 1) != index) {
                        indices.add(index);
                    }
                    String key = String.join(" > ", e.category());
                    java.util.Currency currency = priceCurrency.putIfAbsent(key, e.unitPrice().currency());
                    if (currency == null || currency.equals(e.unitPrice().currency())) {
                        prices.computeIfAbsent(key, k -> new ArrayList<>()).add(e.unitPrice().amount());
                    }
                }
                case VIEW, CART_ADD, CART_ABANDON -> engaged.computeIfAbsent(e.sku(), k -> new ArrayList<>()).add(e.time());
                case DISMISS, FEEDBACK_NEGATIVE -> dismissed.computeIfAbsent(e.sku(), k -> new ArrayList<>()).add(e.time());
                case FEEDBACK_POSITIVE -> { }
            }
            double w = e.kind().interestWeight() * decay(e.time(), builtAt);
            if (w > 0) {
                positive += w;
            }
            for (String prefix : prefixes(e.category())) {
                categories.merge(prefix, w, Double::sum);
            }
            if (e.brand() != null) {
                brands.merge(e.brand(), w, Double::sum);
            }
            for (String value : attributeKeys(e.attributes())) {
                attributes.merge(value, w, Double::sum);
            }
        }
        Map<Sku, Bought> boughtBySku = new HashMap<>();
        for (Map.Entry<Sku, List<Integer>> entry : basketsBySku.entrySet()) {
            List<Integer> indices = List.copyOf(entry.getValue());
            List<Instant> times = indices.stream().map(basketTimes::get).toList();
            List<LocalDate> days = new ArrayList<>(new TreeSet<>(times.stream().map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC)).toList()));
            boughtBySku.put(entry.getKey(), new Bought(indices, times, List.copyOf(days), medianGapDays(days)));
        }
        Map<String, Money> typical = new HashMap<>();
        prices.forEach((key, list) -> {
            List<BigDecimal> sorted = list.stream().sorted().toList();
            typical.put(key, new Money(sorted.get((sorted.size() - 1) / 2), priceCurrency.get(key)));
        });
        this.exploreRatio = exploreRatio(basketTimes.size(), basketsBySku);
        this.baskets = List.copyOf(basketTimes);
        this.bought = Map.copyOf(boughtBySku);
        this.engagements = Map.copyOf(engaged);
        this.dismissals = Map.copyOf(dismissed);
        this.categoryInterest = Map.copyOf(categories);
        this.brandInterest = Map.copyOf(brands);
        this.attributeInterest = Map.copyOf(attributes);
        this.interestTotal = positive;
        this.typicalPrices = Map.copyOf(typical);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The instant the model was built for: the latest event it knows. */
    public Instant builtAt() {
        return builtAt;
    }

    /** The number of baskets (purchases at one instant) in the history. */
    public int basketCount() {
        return baskets.size();
    }

    /** The items the person has bought, in SKU order. */
    public Set<Sku> purchased() {
        return Collections.unmodifiableSet(new TreeSet<>(bought.keySet()));
    }

    /** Whether the person has bought {@code sku} before. */
    public boolean hasBought(Sku sku) {
        return bought.containsKey(sku);
    }

    /** The median unit price the person paid in exactly this category path, if they bought in it. */
    public Optional<Money> typicalPrice(List<String> category) {
        return Optional.ofNullable(typicalPrices.get(String.join(" > ", category)));
    }

    /**
     * The person's time-decayed interest share in a category path, averaged over its prefixes
     * ({@code [Home, Decor]} averages the shares of {@code Home} and {@code Home > Decor}); in
     * [-1, 1], negative when dismissals outweigh interest.
     */
    public double categoryAffinity(List<String> category) {
        List<String> prefixes = prefixes(category);
        if (prefixes.isEmpty() || interestTotal == 0) {
            return 0;
        }
        double sum = 0;
        for (String p : prefixes) {
            sum += categoryInterest.getOrDefault(p, 0.0);
        }
        return clamp(sum / prefixes.size() / interestTotal);
    }

    /** The person's time-decayed interest share in a brand, in [-1, 1]. */
    public double brandAffinity(String brand) {
        if (brand == null || interestTotal == 0) {
            return 0;
        }
        return clamp(brandInterest.getOrDefault(brand, 0.0) / interestTotal);
    }

    /** The person's mean time-decayed interest share in the descriptive attribute values of a product, in [-1, 1]. */
    public double attributeAffinity(Map<String, AttributeValue> attributes) {
        List<String> keys = attributeKeys(attributes);
        if (keys.isEmpty() || interestTotal == 0) {
            return 0;
        }
        double sum = 0;
        for (String k : keys) {
            sum += attributeInterest.getOrDefault(k, 0.0);
        }
        return clamp(sum / keys.size() / interestTotal);
    }

    /**
     * The items bought on at least two different days whose next purchase is due around
     * {@code now}: between half and double their typical interval since the last purchase, most
     * due first.
     */
    public List<DueItem> dueItems(Instant now) {
        List<DueItem> due = new ArrayList<>();
        for (Map.Entry<Sku, Bought> e : bought.entrySet()) {
            Bought b = e.getValue();
            if (!b.cyclic()) {
                continue;
            }
            double score = Math.exp(-cycleMiss(days(b.last(), now), b.typicalIntervalDays()));
            if (score >= 0.5) {
                Duration interval = Duration.ofMillis(Math.round(b.typicalIntervalDays() * MILLIS_PER_DAY));
                due.add(new DueItem(e.getKey(), b.last(), interval, b.last().plus(interval), b.count(), score));
            }
        }
        due.sort(Comparator.comparingDouble(DueItem::dueScore).reversed().thenComparing(DueItem::sku));
        return due;
    }

    /** Scores a candidate at {@code now}: see {@link Factor} for the parts. */
    public Score score(Product candidate, Instant now) {
        return score(candidate, now, List.of());
    }

    /**
     * Scores a candidate at {@code now}, adding the caller's own contributions (a stated wish, a
     * negotiated saving) to the model's.
     */
    public Score score(Product candidate, Instant now, List<Contribution> extra) {
        Objects.requireNonNull(extra, "extra");
        Measured m = measure(candidate, now);
        double[] byFactor = byFactor(m);
        List<Contribution> parts = new ArrayList<>(FACTORS.length + extra.size());
        for (Factor factor : FACTORS) {
            if (explained(factor, m)) {
                parts.add(factor.of(byFactor[factor.ordinal()], evidence(factor, m, candidate)));
            }
        }
        parts.addAll(extra);
        return Score.of(candidate.sku(), parts);
    }

    /**
     * The values of the contributions {@link #score(Product, Instant)} gives a candidate, in the
     * same order, without putting their evidence in words: for callers that only weigh
     * candidates (the words cost more than the numbers).
     */
    public double[] contributionValues(Product candidate, Instant now) {
        Measured m = measure(candidate, now);
        double[] byFactor = byFactor(m);
        double[] values = new double[FACTORS.length];
        int n = 0;
        for (Factor factor : FACTORS) {
            if (explained(factor, m)) {
                values[n++] = byFactor[factor.ordinal()];
            }
        }
        return Arrays.copyOf(values, n);
    }

    private static final Factor[] FACTORS = Factor.values();
    private static final Feature[] FEATURES = Feature.values();

    /** The weighted feature values summed by factor; a factor with no non-zero feature has none ({@link Measured#present}). */
    private double[] byFactor(Measured m) {
        double[] byFactor = new double[FACTORS.length];
        for (Feature f : FEATURES) {
            double x = m.values[f.ordinal()];
            if (x != 0) {
                byFactor[f.factor().ordinal()] += parameters.effectiveWeight(f, baskets.size()) * x;
                m.present[f.factor().ordinal()] = true;
            }
        }
        return byFactor;
    }

    private static boolean explained(Factor factor, Measured m) {
        return m.present[factor.ordinal()] || ALWAYS_EXPLAINED.contains(factor);
    }

    /**
     * The raw feature values behind {@link #score} for a candidate at {@code now}: what the
     * weights multiply. For fitting weights and for inspection.
     */
    public Map<Feature, Double> features(Product candidate, Instant now) {
        Measured m = measure(candidate, now);
        Map<Feature, Double> out = new java.util.EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) {
            out.put(f, m.values[f.ordinal()]);
        }
        return out;
    }

    private static final Set<Factor> ALWAYS_EXPLAINED = java.util.EnumSet.of(Factor.REPEAT_FREQUENCY, Factor.RECENCY,
            Factor.REPEAT_CYCLE, Factor.POPULARITY, Factor.AFFINITY_CATEGORY, Factor.PRICE_FIT);

    /** The feature values of one candidate and the facts its explanation quotes. */
    private static final class Measured {
        final double[] values = new double[Feature.values().length];
        final boolean[] present = new boolean[Factor.values().length];
        Bought bought;
        double daysSince;
        boolean inLastBasket;
        CrowdSignals crowd;
        double category;
        double brand;
        double attribute;
        Money typicalPrice;
        int engagements;
        int dismissals;

        void set(Feature f, double v) {
            values[f.ordinal()] = v;
        }
    }

    private Measured measure(Product candidate, Instant now) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(now, "now");
        Measured m = new Measured();
        CrowdSignals crowd = population.signals(candidate.sku());
        m.crowd = crowd;
        double trend = crowd.popularity().trend();
        double repeatRate = Math.log(crowd.repeatRate());
        Bought b = bought.get(candidate.sku());
        m.bought = b;
        if (b != null) {
            double since = days(b.last(), now);
            int basketsSince = baskets.size() - 1 - b.basketIndices().get(b.count() - 1);
            m.daysSince = since;
            m.inLastBasket = basketsSince == 0;
            m.set(Feature.SHARE, Math.log((double) b.count() / baskets.size()));
            m.set(Feature.DECAYED_COUNT, Math.log(decayedCount(b.times(), now) + 0.001));
            m.set(Feature.ITEM_REPEAT_RATE, repeatRate);
            m.set(Feature.DAYS_SINCE, Math.log1p(since));
            m.set(Feature.IN_LAST_BASKET, basketsSince == 0 ? 1 : 0);
            m.set(Feature.BASKETS_SINCE, Math.log1p(basketsSince));
            m.set(Feature.TENURE, Math.log1p(days(b.times().get(0), now)));
            if (b.cyclic()) {
                m.set(Feature.HAS_CYCLE, 1);
                m.set(Feature.CYCLE_MISS, cycleMiss(since, b.typicalIntervalDays()));
            }
            m.set(Feature.TREND_BOUGHT, trend);
            m.set(Feature.TREND_DAYS_SINCE, trend * Math.log1p(since));
        } else {
            double co = Math.log1p(10 * crowd.coPurchase());
            m.set(Feature.CO_PURCHASE_NEW, co);
            m.set(Feature.NEW_ITEM, 1);
            m.set(Feature.NEW_ITEM_REPEAT_RATE, repeatRate);
            m.set(Feature.NEW_ITEM_EXPLORER, Math.log(exploreRatio));
        }
        ItemPopularity pop = crowd.popularity();
        m.set(Feature.WEEK_POPULARITY, Math.log1p(pop.lastWeek()));
        m.set(Feature.MONTH_POPULARITY, Math.log1p(pop.lastMonth()));
        m.set(Feature.TOTAL_POPULARITY, Math.log1p(pop.total()));
        m.set(Feature.TREND, trend);
        m.set(Feature.NEIGHBOUR_SHARE, Math.log1p(100 * crowd.neighbourShare()));
        m.set(Feature.NEIGHBOUR_WEIGHT, Math.log1p(100 * crowd.neighbourWeight()));
        m.set(Feature.CO_PURCHASE, Math.log1p(10 * crowd.coPurchase()));
        m.category = categoryAffinity(candidate.category());
        m.brand = brandAffinity(candidate.brand());
        m.attribute = attributeAffinity(candidate.attributes());
        m.set(Feature.CATEGORY_AFFINITY, m.category);
        m.set(Feature.BRAND_AFFINITY, m.brand);
        m.set(Feature.ATTRIBUTE_AFFINITY, m.attribute);
        m.typicalPrice = typicalPrices.get(String.join(" > ", candidate.category()));
        m.set(Feature.PRICE_MISS, priceMiss(m.typicalPrice, candidate.listPrice()));
        List<Instant> engaged = engagements.getOrDefault(candidate.sku(), List.of());
        m.engagements = engaged.size();
        m.set(Feature.ENGAGEMENT_COUNT, Math.log1p(decayedCount(engaged, now)));
        List<Instant> dismissed = dismissals.getOrDefault(candidate.sku(), List.of());
        m.dismissals = dismissed.size();
        m.set(Feature.DISMISSAL_COUNT, decayedCount(dismissed, now));
        return m;
    }

    private String evidence(Factor factor, Measured m, Product candidate) {
        Bought b = m.bought;
        return switch (factor) {
            case REPEAT_FREQUENCY -> b == null ? "never bought" : "in " + b.count() + " of your " + baskets.size() + " baskets";
            case RECENCY -> b == null ? "never bought"
                    : "last bought " + Math.round(m.daysSince) + " days ago" + (m.inLastBasket ? ", in your latest basket" : "");
            case REPEAT_CYCLE -> b == null || !b.cyclic() ? "no purchase cycle yet"
                    : "you buy this about every " + Math.round(b.typicalIntervalDays()) + " days; last time " + Math.round(m.daysSince) + " days ago";
            case POPULARITY -> "in " + m.crowd.popularity().lastWeek() + " baskets of other shoppers last week, "
                    + m.crowd.popularity().lastMonth() + " in the last 30 days";
            case NEIGHBOURS -> "bought by " + percent(m.crowd.neighbourShare()) + " of shoppers with baskets like yours";
            case NOVELTY -> "new to you";
            case AFFINITY_CATEGORY -> "category " + String.join(" > ", candidate.category()) + ": " + percent(m.category) + " of your interest";
            case AFFINITY_BRAND -> "brand " + candidate.brand() + ": " + percent(m.brand) + " of your interest";
            case AFFINITY_ATTRIBUTE -> "its attributes: " + percent(m.attribute) + " of your interest";
            case PRICE_FIT -> m.typicalPrice == null || !m.typicalPrice.currency().equals(candidate.listPrice().currency())
                    ? "no usual price in this category yet"
                    : candidate.listPrice().amountString() + " " + candidate.listPrice().currencyCode() + " against the "
                            + m.typicalPrice.amountString() + " you usually pay here";
            case ENGAGEMENT -> "viewed or put in a cart " + m.engagements + (m.engagements == 1 ? " time" : " times");
            case DISMISSAL -> "you dismissed it " + m.dismissals + (m.dismissals == 1 ? " time" : " times");
        };
    }

    private static double priceMiss(Money typical, Money price) {
        if (typical == null || typical.amount().signum() == 0 || price.amount().signum() == 0 || !typical.currency().equals(price.currency())) {
            return 0;
        }
        // A ratio of two prices is a unitless number, so a double is the right type for it.
        double ratio = Math.log(price.amount().doubleValue() / typical.amount().doubleValue());
        return ratio > 0 ? ratio : -ratio / 2;
    }

    /** Of the items in the baskets after the first, the share (smoothed) that the person had never bought before. */
    private static double exploreRatio(int basketCount, Map<Sku, List<Integer>> basketsBySku) {
        long later = 0;
        long fresh = 0;
        for (List<Integer> indices : basketsBySku.values()) {
            for (int i = 0; i < indices.size(); i++) {
                if (indices.get(i) > 0) {
                    later++;
                    if (i == 0) {
                        fresh++;
                    }
                }
            }
        }
        return (fresh + 1.0) / (later + 2.0);
    }

    private double decayedCount(List<Instant> times, Instant now) {
        double sum = 0;
        for (Instant t : times) {
            sum += decay(t, now);
        }
        return sum;
    }

    private double decay(Instant then, Instant now) {
        return Math.pow(0.5, days(then, now) / halfLifeDays);
    }

    private static double days(Instant then, Instant now) {
        return Math.max(0, (now.toEpochMilli() - then.toEpochMilli()) / MILLIS_PER_DAY);
    }

    /** How far (in log ratio) the days since the last purchase are from the typical interval. */
    private static double cycleMiss(double since, double interval) {
        return Math.abs(Math.log((since + 1) / (interval + 1)));
    }

    private static double medianGapDays(List<LocalDate> days) {
        if (days.size() < 2) {
            return 0;
        }
        double[] gaps = new double[days.size() - 1];
        for (int i = 1; i < days.size(); i++) {
            gaps[i - 1] = days.get(i).toEpochDay() - days.get(i - 1).toEpochDay();
        }
        java.util.Arrays.sort(gaps);
        int n = gaps.length;
        return n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
    }

    private static List<String> prefixes(List<String> category) {
        List<String> out = new ArrayList<>(category.size());
        StringBuilder path = new StringBuilder();
        for (String part : category) {
            if (!path.isEmpty()) {
                path.append(" > ");
            }
            path.append(part);
            out.add(path.toString());
        }
        return out;
    }

    /** Descriptive attribute values as "key=value"; numbers are measurements, not tastes, and are left out. */
    private static List<String> attributeKeys(Map<String, AttributeValue> attributes) {
        List<String> out = new ArrayList<>();
        attributes.forEach((key, value) -> {
            if (value instanceof AttributeValue.Text t) {
                out.add(key + "=" + t.value().toLowerCase(java.util.Locale.ROOT));
            } else if (value instanceof AttributeValue.Flag f) {
                out.add(key + "=" + f.value());
            } else if (value instanceof AttributeValue.TextList l) {
                l.values().forEach(v -> out.add(key + "=" + v.toLowerCase(java.util.Locale.ROOT)));
            }
        });
        return out;
    }

    private static double clamp(double share) {
        return Math.max(-1, Math.min(1, share));
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** Collects the history, the clock that fixes "now", the parameters and the population signals. */
    public static final class Builder {
        private final List<Event> events = new ArrayList<>();
        private ModelParameters parameters = ModelParameters.defaults();
        private PopulationSignals population = PopulationSignals.NONE;
        private Clock clock;

        private Builder() {}

        public Builder parameters(ModelParameters value) {
            this.parameters = Objects.requireNonNull(value, "parameters");
            return this;
        }

        public Builder population(PopulationSignals value) {
            this.population = Objects.requireNonNull(value, "population");
            return this;
        }

        /** The clock whose instant is the model's "now": later events are ignored. Required. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder history(Collection<Event> value) {
            value.forEach(e -> events.add(Objects.requireNonNull(e, "event")));
            return this;
        }

        public Builder add(Event event) {
            events.add(Objects.requireNonNull(event, "event"));
            return this;
        }

        public PreferenceModel build() {
            if (clock == null) {
                throw new IllegalStateException("clock is required: it fixes the model's now");
            }
            return new PreferenceModel(this);
        }
    }
}
