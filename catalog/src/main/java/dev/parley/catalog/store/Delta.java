package dev.parley.catalog.store;

import dev.parley.protocol.message.CatalogDelta;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.util.List;

/**
 * The catalog's changes after {@code fromSeq} up to and including {@code toSeq}, coalesced per
 * SKU: each SKU is either upserted with its latest state or removed, never both.
 */
public record Delta(long fromSeq, long toSeq, List<Product> upserts, List<Sku> removals) {
    public Delta {
        upserts = List.copyOf(upserts);
        removals = List.copyOf(removals);
    }

    public boolean empty() {
        return upserts.isEmpty() && removals.isEmpty();
    }

    /** The protocol body that carries this delta. */
    public CatalogDelta toBody() {
        return new CatalogDelta(fromSeq, toSeq, upserts, removals, List.of(), List.of());
    }
}
