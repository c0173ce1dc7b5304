package dev.parley.protocol.message;

import dev.parley.protocol.money.Money;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One product of a brand's catalog, exactly as it travels in {@code catalog.page} and
 * {@code catalog.delta} bodies. {@code category} is a path from the root of the brand's taxonomy
 * (e.g. {@code ["Home & Garden","Decor","Candles"]}); {@code stock} is the number of units the
 * brand is willing to promise, absent when it does not publish stock.
 */
public record Product(
        Sku sku,
        String gtin,
        String title,
        String description,
        String brand,
        List<String> category,
        Map<String, AttributeValue> attributes,
        List<URI> images,
        URI url,
        Money listPrice,
        Availability availability,
        Long stock) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(listPrice, "list_price");
        Objects.requireNonNull(availability, "availability");
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank (sku " + sku + ")");
        }
        if (gtin != null && !gtin.matches("[0-9]{8,14}")) {
            throw new IllegalArgumentException("gtin must be 8 to 14 digits: \"" + gtin + "\"");
        }
        if (stock != null && stock < 0) {
            throw new IllegalArgumentException("stock must not be negative: " + stock);
        }
        category = category == null ? List.of() : List.copyOf(category);
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** Whether {@code ancestor} is a prefix of this product's category path. */
    public boolean inCategory(List<String> ancestor) {
        return ancestor.size() <= category.size() && category.subList(0, ancestor.size()).equals(ancestor);
    }
}
