package dev.parley.protocol.message;

import java.util.List;

/**
 * The changes between two catalog sequences: every product upserted and every SKU removed after
 * {@code fromSeq} up to and including {@code toSeq}, coalesced per SKU, and likewise for public offers.
 */
public record CatalogDelta(long fromSeq, long toSeq, List<Product> upserts, List<Sku> removals,
                           List<Offer> offers, List<String> offerRemovals) {
    public CatalogDelta {
        if (fromSeq < 0 || toSeq < fromSeq) {
            throw new IllegalArgumentException("a delta goes forward: from_seq " + fromSeq + ", to_seq " + toSeq);
        }
        upserts = Checks.list("upserts", upserts, 0, 10_000);
        removals = Checks.list("removals", removals, 0, 10_000);
        offers = Checks.list("offers", offers, 0, 1000);
        offerRemovals = Checks.list("offer_removals", offerRemovals, 0, 1000);
    }
}
