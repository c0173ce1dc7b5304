package dev.parley.catalog.store;

import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.util.Objects;

/**
 * One change of the catalog at sequence {@code seq}, of a product or of a public offer. For a
 * product, {@code product} is the new state, or null when the SKU was removed, and
 * {@code previous} the state before (null when the SKU was new). For an offer, {@code offerId}
 * names it and {@code offer} / {@code previousOffer} are its states in the same way.
 */
public record Change(long seq, Sku sku, Product product, Product previous, String offerId, Offer offer, Offer previousOffer) {
    public Change {
        if ((sku == null) == (offerId == null)) {
            throw new IllegalArgumentException("a change is of one product or of one offer");
        }
        if (product != null && !product.sku().equals(sku)) {
            throw new IllegalArgumentException("change of " + sku + " carries product " + product.sku());
        }
        if (offer != null && !offer.offerId().equals(offerId)) {
            throw new IllegalArgumentException("change of offer " + offerId + " carries offer " + offer.offerId());
        }
    }

    /** A change of a product. */
    public Change(long seq, Sku sku, Product product, Product previous) {
        this(seq, sku, product, previous, null, null, null);
    }

    /** A change of a public offer. */
    static Change ofOffer(long seq, String offerId, Offer offer, Offer previous) {
        return new Change(seq, null, null, null, offerId, offer, previous);
    }

    /** Whether this change is of a public offer rather than a product. */
    public boolean ofOffer() {
        return offerId != null;
    }

    /** Whether the product or offer was removed. */
    public boolean removal() {
        return ofOffer() ? offer == null : product == null;
    }
}
