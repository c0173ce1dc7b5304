package dev.parley.catalog.store;

import dev.parley.protocol.message.CatalogDelta;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.util.List;

/**
 * The catalog's changes after {@code fromSeq} up to and including {@code toSeq}, coalesced per
 * SKU (and per public offer): each is either upserted with its latest state or removed, never both.
 */
public record Delta(long fromSeq, long toSeq, List<Product> upserts, List<Sku> removals, List<Offer> offers, List<String> offerRemovals) {
    public Delta {
        upserts = List.copyOf(upserts);
        removals = List.copyOf(removals);
        offers = List.copyOf(offers);
        offerRemovals = List.copyOf(offerRemovals);
    }

    public Delta(long fromSeq, long toSeq, List<Product> upserts, List<Sku> removals) {
        this(fromSeq, toSeq, upserts, removals, List.of(), List.of());
    }

    public boolean empty() {
        return upserts.isEmpty() && removals.isEmpty() && offers.isEmpty() && offerRemovals.isEmpty();
    }

    /** The protocol body that carries this delta. */
    public CatalogDelta toBody() {
        return new CatalogDelta(fromSeq, toSeq, upserts, removals, offers, offerRemovals);
    }
}
