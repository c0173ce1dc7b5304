package dev.parley.twin.eval;

/**
 * Top-k ranking quality averaged over customers: recall (share of the target found), nDCG with
 * binary relevance, and PHR (share of customers with at least one hit). {@code customers} is how
 * many customers the averages are over; 0 (with all metrics 0) when none had a target of this part.
 */
public record Metric(double recall, double ndcg, double phr, int customers) {
    public Metric {
        if (customers < 0) {
            throw new IllegalArgumentException("customers must not be negative: " + customers);
        }
        for (double v : new double[] {recall, ndcg, phr}) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("a metric must be in [0, 1]: " + v);
            }
        }
    }
}
