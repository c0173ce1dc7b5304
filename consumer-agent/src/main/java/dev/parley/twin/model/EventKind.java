package dev.parley.twin.model;

/** What a person did with a product; each kind moves the preference model in its own way. */
public enum EventKind {
    /** Bought: the only kind that feeds repeat cycles, typical prices and baskets. */
    PURCHASE,
    /** Looked at the product. A weak sign of interest. */
    VIEW,
    /** Put the product in a cart. */
    CART_ADD,
    /** Left the product in a cart without buying it: interest, but weaker than a cart add. */
    CART_ABANDON,
    /** Dismissed the product when it was suggested ("not interested"). */
    DISMISS,
    /** Said they liked the product or a suggestion of it. */
    FEEDBACK_POSITIVE,
    /** Said they did not like the product or a suggestion of it. */
    FEEDBACK_NEGATIVE;

    /**
     * How much one event of this kind says about the person's taste for the product's category,
     * brand and attributes, relative to a purchase. Negative kinds pull affinities down.
     */
    double interestWeight() {
        return switch (this) {
            case PURCHASE, FEEDBACK_POSITIVE -> 1.0;
            case CART_ADD -> 0.5;
            case VIEW, CART_ABANDON -> 0.2;
            case DISMISS -> -0.5;
            case FEEDBACK_NEGATIVE -> -1.0;
        };
    }
}
