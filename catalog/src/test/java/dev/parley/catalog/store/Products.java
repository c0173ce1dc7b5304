package dev.parley.catalog.store;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.util.List;
import java.util.Map;

/** Small products for store tests. */
public final class Products {
    private Products() {}

    public static Product product(String sku, String price) {
        return product(sku, "Product " + sku, price, 10L);
    }

    public static Product product(String sku, String title, String price, Long stock) {
        return new Product(Sku.of(sku), null, title, null, "Example", List.of("Home", "Decor"),
                Map.of("colour", AttributeValue.of("red")), List.of(), null, Money.of(price, "GBP"),
                stock == null || stock > 0 ? Availability.IN_STOCK : Availability.OUT_OF_STOCK, stock);
    }
}
