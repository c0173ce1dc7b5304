package dev.parley.protocol.negotiation;

import java.util.Arrays;
import java.util.List;

/**
 * Issue trade-offs for a deal with more than a price to it (quantity, delivery…): a frequency
 * model of the other side's preferences over the options of each issue, learnt from its
 * proposals in the Hard-headed manner (an option it keeps proposing is one it values, an issue on
 * which it never moves is one that weighs with it), and the choice, among alternative terms worth
 * the same to this side, of the ones the other side most likely prefers. Proposing that choice
 * keeps this side's proposals near the Pareto frontier. Not thread-safe: one per negotiation.
 * Used by both agents' negotiators (the brand's and the twin's).
 */
public final class TradeOff {

    /**
     * How much more the price's appeal counts than the modelled value of the other issues: price
     * is what a buyer and a seller care about most, and a frequency model of a few proposals is
     * noisy, so the model chooses among terms of similar appeal rather than overriding price.
     */
    private static final double PRICE_WEIGHT = 4;

    /** Weight an issue gains each time the other side keeps its option unchanged. */
    private static final double UNCHANGED_BONUS = 0.1;

    private final int[][] counts;
    private final double[] weights;
    private int[] previous;

    /** @param optionsPerIssue how many options each issue has */
    public TradeOff(int... optionsPerIssue) {
        if (optionsPerIssue.length == 0) {
            throw new IllegalArgumentException("at least one issue");
        }
        counts = new int[optionsPerIssue.length][];
        for (int i = 0; i < optionsPerIssue.length; i++) {
            if (optionsPerIssue[i] < 1) {
                throw new IllegalArgumentException("issue " + i + " has " + optionsPerIssue[i] + " options");
            }
            counts[i] = new int[optionsPerIssue[i]];
        }
        weights = new double[optionsPerIssue.length];
        Arrays.fill(weights, 1.0 / optionsPerIssue.length);
    }

    /** Records the options of a proposal of the other side. */
    public void observe(int... options) {
        check(options);
        for (int i = 0; i < options.length; i++) {
            counts[i][options[i]]++;
            if (previous != null && previous[i] == options[i]) {
                weights[i] += UNCHANGED_BONUS;
            }
        }
        double sum = Arrays.stream(weights).sum();
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        previous = options.clone();
    }

    /** The estimated value of these options to the other side, in [0, 1]: 1 for its most proposed ones. */
    public double value(int... options) {
        check(options);
        double v = 0;
        for (int i = 0; i < options.length; i++) {
            int max = Arrays.stream(counts[i]).max().orElse(0);
            // Laplace smoothing: before any proposal every option is worth the same.
            v += weights[i] * (counts[i][options[i]] + 1.0) / (max + 1.0);
        }
        return v;
    }

    /**
     * The index of the alternative the other side most likely prefers, among alternatives worth
     * the same to this side.
     *
     * @param options     each alternative's options
     * @param priceAppeal how each alternative's price appeals to the other side, in [0, 1] (1 for the price it would
     *                    like best of the range): the direction of price is the one thing both sides know of each other
     */
    public int choose(List<int[]> options, double[] priceAppeal) {
        if (options.isEmpty() || options.size() != priceAppeal.length) {
            throw new IllegalArgumentException("one price appeal per alternative, at least one alternative");
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < options.size(); a++) {
            double score = PRICE_WEIGHT * priceAppeal[a] + value(options.get(a));
            if (score > bestScore) {
                bestScore = score;
                best = a;
            }
        }
        return best;
    }

    private void check(int[] options) {
        if (options.length != counts.length) {
            throw new IllegalArgumentException(options.length + " options for " + counts.length + " issues");
        }
        for (int i = 0; i < options.length; i++) {
            if (options[i] < 0 || options[i] >= counts[i].length) {
                throw new IllegalArgumentException("option " + options[i] + " of issue " + i + " is not one of its " + counts[i].length);
            }
        }
    }
}
