package dev.parley.twin.model;

import java.util.Objects;

/**
 * What other shoppers' baskets say about one candidate for this person.
 *
 * @param popularity      how many baskets of everyone held the item, recently and in all
 * @param repeatRate      of everyone's baskets bought after a first purchase of the item, the
 *                        share that held it again (smoothed, in (0, 1])
 * @param neighbourShare  the similarity-weighted share of this person's nearest neighbours who
 *                        bought the item, in [0, 1]
 * @param neighbourWeight the same neighbours' similarity-weighted, normalized, time-decayed
 *                        purchase weight of the item, in [0, 1]
 * @param coPurchase      how strongly the item is bought by the same people as the items in this
 *                        person's history (item-to-item cosine, weighted by their decayed history)
 */
public record CrowdSignals(ItemPopularity popularity, double repeatRate, double neighbourShare, double neighbourWeight, double coPurchase) {
    /** Nothing known: every crowd feature is 0 (the repeat rate's ln is taken at 1). */
    public static final CrowdSignals NONE = new CrowdSignals(ItemPopularity.NONE, 1, 0, 0, 0);

    public CrowdSignals {
        Objects.requireNonNull(popularity, "popularity");
        if (!(repeatRate > 0 && repeatRate <= 1)) {
            throw new IllegalArgumentException("repeat_rate must be in (0, 1]: " + repeatRate);
        }
        for (double v : new double[] {neighbourShare, neighbourWeight, coPurchase}) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("neighbour and co-purchase signals must be finite and not negative: " + v);
            }
        }
    }
}
