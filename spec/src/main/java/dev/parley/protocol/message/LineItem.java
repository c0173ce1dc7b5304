package dev.parley.protocol.message;

import java.util.Objects;

/** A quantity of one product. */
public record LineItem(Sku sku, int quantity) {
    public LineItem {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
        }
    }
}
