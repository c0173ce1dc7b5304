package dev.parley.twin.eval;

import dev.parley.protocol.message.Sku;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * recall@k, nDCG@k and PHR@k of next-basket predictions, overall and split into repeat and
 * explore items as in Li et al., "A Next Basket Recommendation Reality Check" (2023): a part's
 * averages are over the customers whose target has items of that part.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /**
     * One customer: the ranked prediction (only its first k count; duplicates are not allowed),
     * the products of the next basket, and the products bought before the cut.
     */
    public record Case(List<Sku> ranked, Set<Sku> target, Set<Sku> history) {
        public Case {
            ranked = List.copyOf(ranked);
            target = Set.copyOf(target);
            history = Set.copyOf(history);
            if (target.isEmpty()) {
                throw new IllegalArgumentException("a case needs a non-empty target");
            }
            if (Set.copyOf(ranked).size() != ranked.size()) {
                throw new IllegalArgumentException("a ranking must not repeat an item: " + ranked);
            }
        }
    }

    private enum Part { OVERALL, REPEAT, EXPLORE }

    public static ModelMetrics evaluate(int k, List<Case> cases) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
        Objects.requireNonNull(cases, "cases");
        return new ModelMetrics(part(k, cases, Part.OVERALL), part(k, cases, Part.REPEAT), part(k, cases, Part.EXPLORE));
    }

    private static Metric part(int k, List<Case> cases, Part part) {
        double recall = 0;
        double ndcg = 0;
        int hitCustomers = 0;
        int n = 0;
        for (Case c : cases) {
            int relevant = 0;
            for (Sku s : c.target()) {
                if (inPart(s, c, part)) {
                    relevant++;
                }
            }
            if (relevant == 0) {
                continue;
            }
            n++;
            int hits = 0;
            double dcg = 0;
            int top = Math.min(k, c.ranked().size());
            for (int i = 0; i < top; i++) {
                Sku s = c.ranked().get(i);
                if (c.target().contains(s) && inPart(s, c, part)) {
                    hits++;
                    dcg += 1 / log2(i + 2);
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(k, relevant); i++) {
                ideal += 1 / log2(i + 2);
            }
            recall += (double) hits / relevant;
            ndcg += dcg / ideal;
            if (hits > 0) {
                hitCustomers++;
            }
        }
        if (n == 0) {
            return new Metric(0, 0, 0, 0);
        }
        return new Metric(recall / n, ndcg / n, (double) hitCustomers / n, n);
    }

    private static boolean inPart(Sku s, Case c, Part part) {
        return switch (part) {
            case OVERALL -> true;
            case REPEAT -> c.history().contains(s);
            case EXPLORE -> !c.history().contains(s);
        };
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
