package dev.parley.twin.model;

/**
 * The named parts of a {@link Score}. Each one is computed from the person's own history (or, for
 * {@link #POPULARITY} and {@link #NEIGHBOURS}, from what other people buy), so an explanation can
 * say exactly why an item ranks where it does. Callers may add factors of their own (a stated
 * wish, a negotiated saving) as extra {@link Contribution}s with other names.
 */
public enum Factor {
    /** How often the person bought the item: share of their baskets and time-decayed count. */
    REPEAT_FREQUENCY,
    /** How recently the item was bought, in days and in baskets since. */
    RECENCY,
    /** Whether the item has a regular purchase interval and how close today is to the next expected purchase. */
    REPEAT_CYCLE,
    /** The person's time-decayed interest in the item's category path. */
    AFFINITY_CATEGORY,
    /** The person's time-decayed interest in the item's brand. */
    AFFINITY_BRAND,
    /** The person's time-decayed interest in the item's descriptive attributes (colour, labels, …). */
    AFFINITY_ATTRIBUTE,
    /** The candidate's price against what the person usually pays in that category. */
    PRICE_FIT,
    /** How much the item sells to everyone, weighted towards the last week. */
    POPULARITY,
    /** How much the item is bought by people whose baskets resemble this person's. */
    NEIGHBOURS,
    /** The person never bought the item: a new item must earn its place over a known one. */
    NOVELTY,
    /** Recent views and cart adds of the item itself. */
    ENGAGEMENT,
    /** Recent dismissals and negative feedback on the item itself. */
    DISMISSAL;

    /** A contribution of this factor. */
    public Contribution of(double value, String evidence) {
        return new Contribution(name(), value, evidence);
    }
}
