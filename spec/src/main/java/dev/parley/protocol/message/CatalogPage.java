package dev.parley.protocol.message;

import java.util.List;

/**
 * One page of a brand's catalog snapshot at sequence {@code seq}: pages of one snapshot are
 * stable while the catalog changes, and {@code catalog.delta} bodies continue from {@code seq}.
 */
public record CatalogPage(long seq, int page, int pages, Long total, List<Product> products, List<Offer> offers) {
    public CatalogPage {
        if (seq < 0 || page < 0 || pages < 1) {
            throw new IllegalArgumentException("seq and page must be non-negative and pages at least 1");
        }
        products = Checks.list("products", products, 0, 1000);
        offers = Checks.list("offers", offers, 0, 1000);
    }

    public boolean last() {
        return page >= pages - 1;
    }
}
