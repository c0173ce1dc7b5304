package dev.parley.twin.model;

/**
 * The measured inputs of a {@link Score}. Each belongs to one {@link Factor}; the factor's
 * contribution is the sum of its features, each times its weight in {@link ModelParameters}.
 * "Bought" features are 0 for an item the person never bought; "new" features are 0 for one they
 * did. {@link #fitted()} tells whether the weight is learned from purchase histories (the others
 * are set by hand: purchase data says nothing about dismissals or views).
 */
public enum Feature {
    /** ln(share of the person's baskets holding the item); bought items. */
    SHARE(Factor.REPEAT_FREQUENCY, true),
    /** ln(time-decayed number of baskets holding the item + 0.001); bought items. */
    DECAYED_COUNT(Factor.REPEAT_FREQUENCY, true),
    /** ln(everyone's repeat rate of the item, see {@link CrowdSignals#repeatRate()}); bought items. */
    ITEM_REPEAT_RATE(Factor.REPEAT_FREQUENCY, true),
    /** ln(1 + days since the item was last bought); bought items. */
    DAYS_SINCE(Factor.RECENCY, true),
    /** 1 when the item is in the person's latest basket. */
    IN_LAST_BASKET(Factor.RECENCY, true),
    /** ln(1 + baskets bought since the item was last bought); bought items. */
    BASKETS_SINCE(Factor.RECENCY, true),
    /** ln(1 + days since the item was first bought); bought items. */
    TENURE(Factor.RECENCY, true),
    /** 1 when the item was bought on at least two different days. */
    HAS_CYCLE(Factor.REPEAT_CYCLE, true),
    /** |ln((days since last + 1) / (typical interval in days + 1))|: 0 on the day the item is due again. */
    CYCLE_MISS(Factor.REPEAT_CYCLE, true),
    /** ln(1 + everyone's baskets holding the item in the last 7 days). */
    WEEK_POPULARITY(Factor.POPULARITY, true),
    /** ln(1 + such baskets in the last 30 days). */
    MONTH_POPULARITY(Factor.POPULARITY, true),
    /** ln(1 + such baskets in all the known history). */
    TOTAL_POPULARITY(Factor.POPULARITY, true),
    /** ln(last month's baskets against the history's monthly rate): positive for a rising item. */
    TREND(Factor.POPULARITY, true),
    /** {@link #TREND} for a bought item: an old favourite coming back into season. */
    TREND_BOUGHT(Factor.POPULARITY, true),
    /** {@link #TREND} × ln(1 + days since last bought); bought items. */
    TREND_DAYS_SINCE(Factor.POPULARITY, true),
    /** ln(1 + 100 × the neighbours' similarity-weighted share who bought the item). */
    NEIGHBOUR_SHARE(Factor.NEIGHBOURS, true),
    /** ln(1 + 100 × the neighbours' similarity-weighted decayed purchase weight of the item). */
    NEIGHBOUR_WEIGHT(Factor.NEIGHBOURS, true),
    /** ln(1 + 10 × item-to-item co-purchase with the person's history). */
    CO_PURCHASE(Factor.NEIGHBOURS, true),
    /** {@link #CO_PURCHASE} for a new item. */
    CO_PURCHASE_NEW(Factor.NEIGHBOURS, true),
    /** 1 for an item the person never bought. */
    NEW_ITEM(Factor.NOVELTY, true),
    /** ln(everyone's repeat rate of the item); new items. */
    NEW_ITEM_REPEAT_RATE(Factor.NOVELTY, true),
    /** ln(the person's share of new items in their baskets after the first); new items. */
    NEW_ITEM_EXPLORER(Factor.NOVELTY, true),
    /** The person's interest share in the item's category path, averaged over its prefixes, in [-1, 1]. */
    CATEGORY_AFFINITY(Factor.AFFINITY_CATEGORY, true),
    /** The person's interest share in the item's brand, in [-1, 1]. */
    BRAND_AFFINITY(Factor.AFFINITY_BRAND, false),
    /** The person's mean interest share in the item's descriptive attribute values, in [-1, 1]. */
    ATTRIBUTE_AFFINITY(Factor.AFFINITY_ATTRIBUTE, true),
    /** |ln(candidate price / the person's typical price in the category)|, halved when cheaper; 0 without a typical price. */
    PRICE_MISS(Factor.PRICE_FIT, true),
    /** ln(1 + time-decayed views, cart adds and abandons of the item). */
    ENGAGEMENT_COUNT(Factor.ENGAGEMENT, false),
    /** Time-decayed dismissals and negative feedback on the item. */
    DISMISSAL_COUNT(Factor.DISMISSAL, false);

    private final Factor factor;
    private final boolean fitted;

    Feature(Factor factor, boolean fitted) {
        this.factor = factor;
        this.fitted = fitted;
    }

    public Factor factor() {
        return factor;
    }

    /** Whether the weight is learned from purchase histories rather than set by hand. */
    public boolean fitted() {
        return fitted;
    }
}
