package dev.parley.catalog.index;

import dev.parley.protocol.message.Product;
import java.util.List;

/**
 * One page of search hits and the number of matches: exact when {@code totalExact}, otherwise a
 * lower bound (counting every match of a broad query over a large catalog is not worth its cost).
 */
public record SearchResult(long total, boolean totalExact, List<Hit> hits) {
    public SearchResult {
        hits = List.copyOf(hits);
    }

    /** A matching product and its relevance score (0 when not ranked by text). */
    public record Hit(Product product, float score) {}

    public List<Product> products() {
        return hits.stream().map(Hit::product).toList();
    }
}
