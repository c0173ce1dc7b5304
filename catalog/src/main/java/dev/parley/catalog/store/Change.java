package dev.parley.catalog.store;

import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.util.Objects;

/**
 * One change of the catalog at sequence {@code seq}: {@code product} is the new state, or null
 * when the SKU was removed; {@code previous} is the state before (null when the SKU was new).
 */
public record Change(long seq, Sku sku, Product product, Product previous) {
    public Change {
        Objects.requireNonNull(sku, "sku");
        if (product != null && !product.sku().equals(sku)) {
            throw new IllegalArgumentException("change of " + sku + " carries product " + product.sku());
        }
    }

    public boolean removal() {
        return product == null;
    }
}
