package dev.parley.twin.eval;

import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.twin.model.Contribution;
import dev.parley.twin.model.Event;
import dev.parley.twin.model.Factor;
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
 * GP-TopFreq baselines on one temporal split.
 *
 * <p>For a cut date, each customer's invoices up to and including that date (UTC) are the
 * training history; the target is the set of products of the customer's first invoice after it.
 * Only customers with both are evaluated. Popularity and neighbours are computed from the
 * training invoices of all customers, so nothing after the cut is seen.
 *
 * <ul>
 *   <li>P-TopFreq: the customer's products by the number of invoices holding them, ties by the
 *       most recent purchase, then by stock code.</li>
 *   <li>GP-TopFreq: P-TopFreq filled up to k with the products in the most training invoices.</li>
 *   <li>Twin: the customer's products and the {@value #EXPLORE_CANDIDATES} products their
 *       {@value #NEIGHBOURS} nearest neighbours bought most (by time-decayed basket similarity),
 *       each scored by the customer's preference model with population popularity and a
 *       {@link Factor#NEIGHBOURS} contribution; filled up to k by last month's popularity.</li>
 * </ul>
 */
public final class NextBasketEvaluation {
    static final int NEIGHBOURS = 50;
    static final int EXPLORE_CANDIDATES = 20;

    private final PurchaseHistory data;
    private final ModelParameters parameters;

    public NextBasketEvaluation(PurchaseHistory data, ModelParameters parameters) {
        this.data = Objects.requireNonNull(data, "data");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** Evaluates the three models at top {@code k} on the split at {@code cut}. */
    public EvaluationReport run(LocalDate cut, int k) {
        Objects.requireNonNull(cut, "cut");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
        Instant now = cut.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, List<Invoice>> train = new LinkedHashMap<>();
        Map<String, Invoice> next = new LinkedHashMap<>();
        for (Invoice invoice : data.invoices()) {
            if (invoice.time().isBefore(now)) {
                train.computeIfAbsent(invoice.customer(), c -> new ArrayList<>()).add(invoice);
            } else {
                next.putIfAbsent(invoice.customer(), invoice);
            }
        }
        List<String> customers = next.keySet().stream().filter(train::containsKey).sorted().toList();

        Map<Sku, long[]> counts = new HashMap<>();
        Instant week = now.minus(Duration.ofDays(7));
        Instant month = now.minus(Duration.ofDays(30));
        for (List<Invoice> invoices : train.values()) {
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
                }
            }
        }
        Map<Sku, ItemPopularity> popularity = new HashMap<>();
        counts.forEach((sku, c) -> popularity.put(sku, new ItemPopularity(c[0], c[1], c[2])));
        PopulationSignals population = sku -> popularity.getOrDefault(sku, ItemPopularity.NONE);
        List<Sku> popularAllTime = byCount(counts, 2);
        List<Sku> popularLastMonth = byCount(counts, 1);
        double halfLifeDays = parameters.halfLife().toMillis() / 86_400_000.0;
        UserNeighbours neighbours = new UserNeighbours(train, now, halfLifeDays, NEIGHBOURS);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);

        List<RankingMetrics.Case[]> cases = customers.parallelStream().map(customer -> {
            List<Invoice> history = train.get(customer);
            Set<Sku> bought = new HashSet<>();
            history.forEach(i -> bought.addAll(i.skus()));
            Set<Sku> target = next.get(customer).skus();
            List<Sku> p = pTopFreq(history, k);
            List<Sku> gp = fill(p, popularAllTime, k);
            List<Sku> twin = twin(customer, history, bought, neighbours.shares(customer), population, clock, popularLastMonth, k);
            return new RankingMetrics.Case[] {
                    new RankingMetrics.Case(twin, target, bought),
                    new RankingMetrics.Case(p, target, bought),
                    new RankingMetrics.Case(gp, target, bought)};
        }).toList();
        return new EvaluationReport(cut, k, customers.size(),
                RankingMetrics.evaluate(k, cases.stream().map(c -> c[0]).toList()),
                RankingMetrics.evaluate(k, cases.stream().map(c -> c[1]).toList()),
                RankingMetrics.evaluate(k, cases.stream().map(c -> c[2]).toList()));
    }

    private List<Sku> twin(String customer, List<Invoice> history, Set<Sku> bought, Map<Sku, Double> shares,
                           PopulationSignals population, Clock clock, List<Sku> popular, int k) {
        List<Event> events = new ArrayList<>();
        for (Invoice invoice : history) {
            for (Invoice.Line line : invoice.lines()) {
                events.add(Event.purchase(invoice.time(), data.catalog().get(line.sku()), line.unitPrice(), line.quantity()));
            }
        }
        PreferenceModel model = PreferenceModel.builder().parameters(parameters).population(population).clock(clock)
                .history(events).build();
        Set<Sku> candidates = new LinkedHashSet<>(bought);
        shares.entrySet().stream().filter(e -> !bought.contains(e.getKey()))
                .sorted(Map.Entry.<Sku, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(EXPLORE_CANDIDATES).forEach(e -> candidates.add(e.getKey()));
        Instant now = clock.instant();
        List<Score> scores = new ArrayList<>(candidates.size());
        for (Sku sku : candidates) {
            Product product = data.catalog().get(sku);
            double share = shares.getOrDefault(sku, 0.0);
            Contribution neighbour = Factor.NEIGHBOURS.of(parameters.neighbourWeight() * Math.log1p(100 * share),
                    Math.round(share * 100) + "% of similar shoppers' baskets");
            scores.add(model.score(product, now, List.of(neighbour)));
        }
        scores.sort(Comparator.comparingDouble(Score::total).reversed().thenComparing(Score::sku));
        List<Sku> ranked = scores.stream().limit(k).map(Score::sku).toList();
        return fill(ranked, popular, k);
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
