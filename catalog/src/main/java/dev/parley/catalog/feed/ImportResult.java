package dev.parley.catalog.feed;

import dev.parley.protocol.message.Product;
import java.util.List;

/** The products an import produced and its report. */
public record ImportResult(List<Product> products, ImportReport report) {
    public ImportResult {
        products = List.copyOf(products);
    }
}
