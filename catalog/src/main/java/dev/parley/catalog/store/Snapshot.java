package dev.parley.catalog.store;

import dev.parley.protocol.message.CatalogPage;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.Product;
import java.util.Arrays;
import java.util.List;

/**
 * The catalog as it was at one sequence, ordered by SKU. Immutable: its pages stay the same
 * however the catalog changes afterwards, which is what makes paging stable.
 */
public final class Snapshot {
    private final long seq;
    private final Product[] products;
    private final List<Offer> offers;

    Snapshot(long seq, Product[] products, List<Offer> offers) {
        this.seq = seq;
        this.products = products;
        this.offers = List.copyOf(offers);
    }

    /** The public offers of this snapshot, by offer id. */
    public List<Offer> offers() {
        return offers;
    }

    public long seq() {
        return seq;
    }

    public int size() {
        return products.length;
    }

    /** Number of pages of {@code pageSize} products (at least one, possibly empty). */
    public int pages(int pageSize) {
        checkPageSize(pageSize);
        return Math.max(1, (products.length + pageSize - 1) / pageSize);
    }

    /** Page {@code page} (from 0); empty beyond the last product. */
    public List<Product> page(int page, int pageSize) {
        checkPageSize(pageSize);
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative: " + page);
        }
        long from = (long) page * pageSize;
        if (from >= products.length) {
            return List.of();
        }
        int to = (int) Math.min(products.length, from + pageSize);
        return List.of(Arrays.copyOfRange(products, (int) from, to));
    }

    /** The protocol body of page {@code page}; the first page carries the public offers. */
    public CatalogPage toBody(int page, int pageSize) {
        return new CatalogPage(seq, page, pages(pageSize), (long) products.length, page(page, pageSize), page == 0 ? offers : List.of());
    }

    /** An opaque HTTP entity tag for page {@code page} of this snapshot. */
    public String etag(int page, int pageSize) {
        return "\"seq-" + seq + "-p" + page + "-s" + pageSize + "\"";
    }

    private static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1 to 1000, not " + pageSize);
        }
    }
}
