package dev.parley.twin.model;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The weights of the preference model's {@link Feature}s and the half-life of its memory. A
 * feature's effective weight is {@code weight + historyWeight × ln(number of the person's
 * baskets)}, so the model can lean on a long history's own frequencies and on the crowd for a
 * short one. Features without a weight weigh 0.
 *
 * <p>{@link #defaults()} were fitted by logistic regression of "bought in the next basket" on the
 * UCI Online Retail histories cut at 2011-03-31, 2011-04-30 and 2011-05-31, before every date the
 * model is evaluated on ({@code parley twin-eval --fit-on}, see BENCHMARKS.md); the hand-set
 * weights are engagement 0.5 and dismissal -2.
 */
public record ModelParameters(Duration halfLife, Map<Feature, Double> weights, Map<Feature, Double> historyWeights) {

    public ModelParameters {
        Objects.requireNonNull(halfLife, "half_life");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half_life must be positive: " + halfLife);
        }
        weights = copy(weights, "weight");
        historyWeights = copy(historyWeights, "history weight");
        if (weights.get(Feature.DISMISSAL_COUNT) > 0 || historyWeights.get(Feature.DISMISSAL_COUNT) != 0) {
            throw new IllegalArgumentException("the dismissal weight must not be positive and has no history weight (a dismissal never raises a score): "
                    + weights.get(Feature.DISMISSAL_COUNT) + ", " + historyWeights.get(Feature.DISMISSAL_COUNT));
        }
    }

    private static Map<Feature, Double> copy(Map<Feature, Double> source, String what) {
        Map<Feature, Double> out = new EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) {
            double w = source == null ? 0 : source.getOrDefault(f, 0.0);
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("the " + what + " of " + f + " must be finite: " + w);
            }
            out.put(f, w);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The weights fitted on the UCI Online Retail histories before the evaluated dates. */
    public static ModelParameters defaults() {
        return FittedWeights.DEFAULTS;
    }

    /** The effective weight of {@code feature} for a person with {@code baskets} baskets. */
    public double effectiveWeight(Feature feature, int baskets) {
        return weights.get(feature) + historyWeights.get(feature) * Math.log(Math.max(1, baskets));
    }

    /** These parameters with another half-life. */
    public ModelParameters withHalfLife(Duration value) {
        return new ModelParameters(value, weights, historyWeights);
    }

    /** These parameters with another weight (and history weight) for one feature. */
    public ModelParameters with(Feature feature, double weight, double historyWeight) {
        Map<Feature, Double> w = new EnumMap<>(weights);
        Map<Feature, Double> h = new EnumMap<>(historyWeights);
        w.put(feature, weight);
        h.put(feature, historyWeight);
        return new ModelParameters(halfLife, w, h);
    }
}
