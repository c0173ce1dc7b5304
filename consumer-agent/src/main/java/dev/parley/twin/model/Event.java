package dev.parley.twin.model;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing the person did with one product at one time: the unit of the history the preference
 * model learns from. Purchases made at the same instant form one basket. {@code brand},
 * {@code category} and {@code attributes} describe the product as it was then, so the history
 * stays meaningful after a brand changes its catalog.
 *
 * @param unitPrice the price per unit paid (purchases, required) or seen (other kinds, optional)
 * @param quantity  units bought (at least 1 for a purchase); 0 or more for other kinds
 */
public record Event(
        Instant time,
        EventKind kind,
        Sku sku,
        String brand,
        List<String> category,
        Map<String, AttributeValue> attributes,
        Money unitPrice,
        int quantity) {

    public Event {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sku, "sku");
        category = category == null ? List.of() : List.copyOf(category);
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative: " + quantity + " (sku " + sku + ")");
        }
        if (kind == EventKind.PURCHASE) {
            if (quantity < 1) {
                throw new IllegalArgumentException("a purchase has a quantity of at least 1 (sku " + sku + ")");
            }
            Objects.requireNonNull(unitPrice, "unit_price of a purchase");
        }
    }

    /** A purchase of {@code quantity} units of {@code product} at {@code unitPrice}. */
    public static Event purchase(Instant time, Product product, Money unitPrice, int quantity) {
        return new Event(time, EventKind.PURCHASE, product.sku(), product.brand(), product.category(),
                product.attributes(), unitPrice, quantity);
    }

    /** An event of any other kind about {@code product}, at its list price. */
    public static Event of(EventKind kind, Instant time, Product product) {
        return new Event(time, kind, product.sku(), product.brand(), product.category(), product.attributes(),
                product.listPrice(), kind == EventKind.PURCHASE ? 1 : 0);
    }
}
