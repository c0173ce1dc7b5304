package dev.parley.twin.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The weights of the preference model's factors and the half-life of its memory. Every weight
 * multiplies one feature of the person's history (see each component); a score is the weighted
 * sum. {@link #defaults()} were fitted by logistic regression of "bought in the next basket" on
 * these features over the UCI Online Retail histories cut at 2011-04-30 and 2011-05-31, before
 * every date the model is evaluated on (BENCHMARKS.md).
 *
 * @param halfLife               how fast old events stop counting in decayed counts and affinities
 * @param shareWeight            × ln(share of the person's baskets that held the item)
 * @param decayedCountWeight     × ln(time-decayed number of baskets that held the item + 0.001)
 * @param daysSinceWeight        × ln(1 + days since the item was last bought)
 * @param lastBasketWeight       × 1 when the item was in the person's latest basket
 * @param basketsSinceWeight     × ln(1 + baskets bought since the item was last bought)
 * @param tenureWeight           × ln(1 + days since the item was first bought)
 * @param cycleWeight            × 1 when the item was bought on at least two different days
 * @param cycleMissWeight        × |ln((days since last + 1) / (typical interval days + 1))|, 0 on the due day
 * @param weekPopularityWeight   × ln(1 + baskets of everyone holding the item in the last 7 days)
 * @param monthPopularityWeight  × ln(1 + such baskets in the last 30 days)
 * @param totalPopularityWeight  × ln(1 + such baskets in all the history)
 * @param neighbourWeight        × ln(1 + 100 × share of similar people's baskets holding the item), for callers that know neighbours
 * @param noveltyWeight          × 1 for an item the person never bought
 * @param categoryWeight         × the person's interest share in the item's category path (mean over its prefixes)
 * @param brandWeight            × the person's interest share in the item's brand
 * @param attributeWeight        × the person's mean interest share in the item's descriptive attribute values
 * @param priceFitWeight         × |ln(candidate price / typical price paid in the category)|, halved when cheaper
 * @param engagementWeight       × ln(1 + time-decayed views and cart adds of the item)
 * @param dismissalWeight        × time-decayed dismissals and negative feedback on the item
 */
public record ModelParameters(
        Duration halfLife,
        double shareWeight,
        double decayedCountWeight,
        double daysSinceWeight,
        double lastBasketWeight,
        double basketsSinceWeight,
        double tenureWeight,
        double cycleWeight,
        double cycleMissWeight,
        double weekPopularityWeight,
        double monthPopularityWeight,
        double totalPopularityWeight,
        double neighbourWeight,
        double noveltyWeight,
        double categoryWeight,
        double brandWeight,
        double attributeWeight,
        double priceFitWeight,
        double engagementWeight,
        double dismissalWeight) {

    private static final ModelParameters DEFAULTS = new ModelParameters(
            Duration.ofDays(90), 0.26, 0.266, 0.032, -0.349, -0.444, 0.063, 0.503, -0.173,
            0.279, 0.079, -0.106, 0.452, -1.601, 0.0, 0.0, 0.0, -0.05, 0.5, -2.0);

    public ModelParameters {
        Objects.requireNonNull(halfLife, "half_life");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half_life must be positive: " + halfLife);
        }
        double[] all = {shareWeight, decayedCountWeight, daysSinceWeight, lastBasketWeight, basketsSinceWeight, tenureWeight,
                cycleWeight, cycleMissWeight, weekPopularityWeight, monthPopularityWeight, totalPopularityWeight, neighbourWeight,
                noveltyWeight, categoryWeight, brandWeight, attributeWeight, priceFitWeight, engagementWeight, dismissalWeight};
        for (double w : all) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("every weight must be finite: " + w);
            }
        }
        if (dismissalWeight > 0) {
            throw new IllegalArgumentException("dismissal_weight must not be positive (a dismissal never raises a score): " + dismissalWeight);
        }
        if (priceFitWeight > 0) {
            throw new IllegalArgumentException("price_fit_weight must not be positive (a price far from the usual never raises a score): " + priceFitWeight);
        }
    }

    /** The weights fitted on the UCI Online Retail histories before the evaluated dates. */
    public static ModelParameters defaults() {
        return DEFAULTS;
    }

    /** These parameters with another half-life. */
    public ModelParameters withHalfLife(Duration value) {
        return new ModelParameters(value, shareWeight, decayedCountWeight, daysSinceWeight, lastBasketWeight, basketsSinceWeight,
                tenureWeight, cycleWeight, cycleMissWeight, weekPopularityWeight, monthPopularityWeight, totalPopularityWeight,
                neighbourWeight, noveltyWeight, categoryWeight, brandWeight, attributeWeight, priceFitWeight, engagementWeight,
                dismissalWeight);
    }

    /** These parameters with other affinity and price weights (category, brand, attribute, price fit). */
    public ModelParameters withAffinityWeights(double category, double brand, double attribute, double priceFit) {
        return new ModelParameters(halfLife, shareWeight, decayedCountWeight, daysSinceWeight, lastBasketWeight, basketsSinceWeight,
                tenureWeight, cycleWeight, cycleMissWeight, weekPopularityWeight, monthPopularityWeight, totalPopularityWeight,
                neighbourWeight, noveltyWeight, category, brand, attribute, priceFit, engagementWeight, dismissalWeight);
    }
}
