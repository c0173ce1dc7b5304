package dev.parley.twin.eval;

import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.twin.model.CrowdSignals;
import dev.parley.twin.model.Event;
import dev.parley.twin.model.Feature;
import dev.parley.twin.model.ItemPopularity;
import dev.parley.twin.model.ModelParameters;
import dev.parley.twin.model.PopulationSignals;
import dev.parley.twin.model.PreferenceModel;
import dev.parley.twin.model.Score;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Next-basket evaluation of the twin's {@link PreferenceModel} against the P-TopFreq and
 * GP-TopFreq baselines on one temporal split, and the fitting of the model's weights on earlier
 * splits.
 *
 * <p>For a cut date, each customer's invoices up to and including that date (UTC) are the
 * training history; the target is the set of products of the customer's first invoice after it.
 * Only customers with both are evaluated. Popularity, repeat rates, neighbours and co-purchases
 * are computed from the training invoices of all customers, so nothing after the cut is seen.
 *
 * <ul>
 *   <li>P-TopFreq: the customer's products by the number of invoices holding them, ties by the
 *       most recent purchase, then by stock code.</li>
 *   <li>GP-TopFreq: P-TopFreq filled up to k with the products in the most training invoices.</li>
 *   <li>Twin: the customer's products, the {@value #EXPLORE_CANDIDATES} new products their
 *       {@value #NEIGHBOURS} nearest neighbours (by time-decayed basket similarity) bought most
 *       and the {@value #EXPLORE_CANDIDATES} new products in the most baskets of the last week,
 *       each scored by the customer's preference model with its {@link CrowdSignals}; filled up
 *       to k by last month's popularity.</li>
 * </ul>
 */
public final class NextBasketEvaluation {
    static final int NEIGHBOURS = 50;
    static final int EXPLORE_CANDIDATES = 20;

    private final PurchaseHistory data;

    public NextBasketEvaluation(PurchaseHistory data) {
        this.data = Objects.requireNonNull(data, "data");
    }

    /** Evaluates the three models at top {@code k} on the split at {@code cut}, the twin with {@code parameters}. */
    public EvaluationReport run(LocalDate cut, int k, ModelParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
        Split split = new Split(cut, parameters.halfLife());
        List<RankingMetrics.Case[]> cases = split.customers.parallelStream().map(customer -> {
            List<Invoice> history = split.train.get(customer);
            Set<Sku> bought = bought(history);
            Set<Sku> target = split.next.get(customer).skus();
            List<Sku> p = pTopFreq(history, k);
            List<Sku> gp = fill(p, split.popularAllTime, k);
            UserNeighbours.Signals signals = split.neighbours.signals(customer);
            PreferenceModel model = split.model(customer, parameters, signals);
            List<Score> scores = new ArrayList<>();
            for (Sku sku : split.candidates(bought, signals)) {
                scores.add(model.score(data.catalog().get(sku), split.now));
            }
            scores.sort(Comparator.comparingDouble(Score::total).reversed().thenComparing(Score::sku));
            List<Sku> twin = fill(scores.stream().limit(k).map(Score::sku).toList(), split.popularLastMonth, k);
            return new RankingMetrics.Case[] {
                    new RankingMetrics.Case(twin, target, bought),
                    new RankingMetrics.Case(p, target, bought),
                    new RankingMetrics.Case(gp, target, bought)};
        }).toList();
        return new EvaluationReport(cut, k, split.customers.size(),
                RankingMetrics.evaluate(k, cases.stream().map(c -> c[0]).toList()),
                RankingMetrics.evaluate(k, cases.stream().map(c -> c[1]).toList()),
                RankingMetrics.evaluate(k, cases.stream().map(c -> c[2]).toList()));
    }

    /**
     * Fits the weights of every {@link Feature#fitted() fitted} feature (and their history
     * weights) by L2-regularized logistic regression of "in the next basket" over the twin's
     * candidates at each of {@code cuts}; the other weights and the half-life are kept from
     * {@code start}.
     */
    public ModelParameters fit(List<LocalDate> cuts, ModelParameters start) {
        Objects.requireNonNull(start, "start");
        if (cuts.isEmpty()) {
            throw new IllegalArgumentException("at least one cut date is needed to fit weights");
        }
        List<Feature> fitted = java.util.Arrays.stream(Feature.values()).filter(Feature::fitted).toList();
        WeightFitter fitter = new WeightFitter(2 * fitted.size());
        for (LocalDate cut : cuts) {
            Split split = new Split(cut, start.halfLife());
            List<List<double[]>> rows = split.customers.parallelStream().map(customer -> {
                Set<Sku> bought = bought(split.train.get(customer));
                Set<Sku> target = split.next.get(customer).skus();
                UserNeighbours.Signals signals = split.neighbours.signals(customer);
                PreferenceModel model = split.model(customer, start, signals);
                double history = Math.log(Math.max(1, model.basketCount()));
                List<double[]> out = new ArrayList<>();
                for (Sku sku : split.candidates(bought, signals)) {
                    Map<Feature, Double> x = model.features(data.catalog().get(sku), split.now);
                    double[] row = new double[2 * fitted.size() + 1];
                    for (int i = 0; i < fitted.size(); i++) {
                        row[i] = x.get(fitted.get(i));
                        row[fitted.size() + i] = row[i] * history;
                    }
                    row[row.length - 1] = target.contains(sku) ? 1 : 0;
                    out.add(row);
                }
                return out;
            }).toList();
            rows.forEach(list -> list.forEach(fitter::add));
        }
        double[] w = fitter.fit();
        ModelParameters out = start;
        for (int i = 0; i < fitted.size(); i++) {
            out = out.with(fitted.get(i), round(w[i]), round(w[fitted.size() + i]));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static Set<Sku> bought(List<Invoice> history) {
        Set<Sku> bought = new HashSet<>();
        history.forEach(i -> bought.addAll(i.skus()));
        return bought;
    }

    /** One temporal split and everything the crowd knows at its cut. */
    private final class Split {
        final Instant now;
        final Map<String, List<Invoice>> train = new LinkedHashMap<>();
        final Map<String, Invoice> next = new LinkedHashMap<>();
        final List<String> customers;
        final Map<Sku, ItemPopularity> popularity = new HashMap<>();
        final Map<Sku, Double> repeatRate = new HashMap<>();
        final List<Sku> popularAllTime;
        final List<Sku> popularLastMonth;
        final List<Sku> popularLastWeek;
        final UserNeighbours neighbours;

        Split(LocalDate cut, Duration halfLife) {
            Objects.requireNonNull(cut, "cut");
            now = cut.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (Invoice invoice : data.invoices()) {
                if (invoice.time().isBefore(now)) {
                    train.computeIfAbsent(invoice.customer(), c -> new ArrayList<>()).add(invoice);
                } else {
                    next.putIfAbsent(invoice.customer(), invoice);
                }
            }
            customers = next.keySet().stream().filter(train::containsKey).sorted().toList();
            Map<Sku, long[]> counts = new HashMap<>();
            Instant week = now.minus(Duration.ofDays(7));
            Instant month = now.minus(Duration.ofDays(30));
            Map<Sku, long[]> repeats = new HashMap<>();
            for (List<Invoice> invoices : train.values()) {
                Set<Sku> seen = new HashSet<>();
                for (Invoice invoice : invoices) {
                    for (Invoice.Line line : invoice.lines()) {
                        long[] c = counts.computeIfAbsent(line.sku(), s -> new long[3]);
                        c[2]++;
                        if (!invoice.time().isBefore(month)) {
                            c[1]++;
                        }
                        if (!invoice.time().isBefore(week)) {
                            c[0]++;
                        }
                        if (seen.contains(line.sku())) {
                            repeats.computeIfAbsent(line.sku(), s -> new long[2])[0]++;
                        }
                    }
                    for (Sku s : seen) {
                        repeats.computeIfAbsent(s, x -> new long[2])[1]++;
                    }
                    seen.addAll(invoice.skus());
                }
            }
            Instant first = data.invoices().isEmpty() ? now : data.invoices().get(0).time();
            long days = Math.max(1, Duration.between(first, now).toDays());
            counts.forEach((sku, c) -> popularity.put(sku, new ItemPopularity(c[0], c[1], c[2], days)));
            repeats.forEach((sku, r) -> repeatRate.put(sku, (r[0] + 0.1) / (r[1] + 1.0)));
            popularAllTime = byCount(counts, 2);
            popularLastMonth = byCount(counts, 1);
            popularLastWeek = byCount(counts, 0);
            neighbours = new UserNeighbours(train, now, halfLife.toMillis() / 86_400_000.0, NEIGHBOURS);
        }

        PreferenceModel model(String customer, ModelParameters parameters, UserNeighbours.Signals signals) {
            PopulationSignals population = sku -> {
                double[] s = signals.get(sku);
                return new CrowdSignals(popularity.getOrDefault(sku, ItemPopularity.NONE), Math.min(1, repeatRate.getOrDefault(sku, 0.1)),
                        s[0], s[1], s[2]);
            };
            List<Event> events = new ArrayList<>();
            for (Invoice invoice : train.get(customer)) {
                for (Invoice.Line line : invoice.lines()) {
                    events.add(Event.purchase(invoice.time(), data.catalog().get(line.sku()), line.unitPrice(), line.quantity()));
                }
            }
            return PreferenceModel.builder().parameters(parameters).population(population)
                    .clock(Clock.fixed(now, ZoneOffset.UTC)).history(events).build();
        }

        /** The customer's own products, then new ones from neighbours and from last week's best sellers. */
        Set<Sku> candidates(Set<Sku> bought, UserNeighbours.Signals signals) {
            Set<Sku> candidates = new LinkedHashSet<>(bought);
            signals.byItem().entrySet().stream()
                    .filter(e -> !bought.contains(e.getKey()) && e.getValue()[0] > 0)
                    .sorted(Comparator.<Map.Entry<Sku, double[]>>comparingDouble(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                    .limit(EXPLORE_CANDIDATES).forEach(e -> candidates.add(e.getKey()));
            popularLastWeek.stream().filter(s -> !bought.contains(s)).limit(EXPLORE_CANDIDATES).forEach(candidates::add);
            return candidates;
        }
    }

    /** The customer's products by the number of invoices holding them, then the most recent, then by code. */
    static List<Sku> pTopFreq(List<Invoice> history, int k) {
        Map<Sku, Integer> frequency = new HashMap<>();
        Map<Sku, Instant> last = new HashMap<>();
        for (Invoice invoice : history) {
            for (Sku sku : invoice.skus()) {
                frequency.merge(sku, 1, Integer::sum);
                last.merge(sku, invoice.time(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return frequency.keySet().stream()
                .sorted(Comparator.<Sku>comparingInt(frequency::get).reversed()
                        .thenComparing(last::get, Comparator.reverseOrder())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(k).toList();
    }

    static List<Sku> fill(List<Sku> ranked, List<Sku> popular, int k) {
        if (ranked.size() >= k) {
            return ranked.subList(0, k);
        }
        LinkedHashSet<Sku> out = new LinkedHashSet<>(ranked);
        for (Sku sku : popular) {
            if (out.size() >= k) {
                break;
            }
            out.add(sku);
        }
        return List.copyOf(out);
    }

    private static List<Sku> byCount(Map<Sku, long[]> counts, int column) {
        return counts.entrySet().stream()
                .filter(e -> e.getValue()[column] > 0)
                .sorted(Comparator.<Map.Entry<Sku, long[]>>comparingLong(e -> -e.getValue()[column]).thenComparing(Map.Entry::getKey))
                .limit(1000).map(Map.Entry::getKey).toList();
    }
}
