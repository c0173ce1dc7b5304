package dev.parley.catalog.index;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A catalog search: filters, optional free text, sort order and page. Built with
 * {@link #builder()}; immutable.
 */
public final class CatalogQuery {
    /** How results are ordered. RELEVANCE falls back to SKU order when there is no text. */
    public enum Sort { RELEVANCE, PRICE_ASC, PRICE_DESC, TITLE, SKU }

    sealed interface AttributeFilter {}

    record AttributeIn(String name, List<String> values) implements AttributeFilter {}

    record AttributeRange(String name, BigDecimal min, BigDecimal max) implements AttributeFilter {}

    final List<String> category;
    final String brand;
    final String gtin;
    final List<AttributeFilter> attributes;
    final Money minPrice;
    final Money maxPrice;
    final boolean inStockOnly;
    final String text;
    final Sort sort;
    final int page;
    final int pageSize;

    private CatalogQuery(Builder b) {
        this.category = List.copyOf(b.category);
        this.brand = b.brand;
        this.gtin = b.gtin;
        this.attributes = List.copyOf(b.attributes);
        this.minPrice = b.minPrice;
        this.maxPrice = b.maxPrice;
        this.inStockOnly = b.inStockOnly;
        this.text = b.text;
        this.sort = b.sort != null ? b.sort : (b.text != null ? Sort.RELEVANCE : Sort.SKU);
        this.page = b.page;
        this.pageSize = b.pageSize;
    }

    /** What the query asks, for logs and diagnostics: its set parts only. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("CatalogQuery[");
        if (text != null) {
            out.append("text=\"").append(text).append("\" ");
        }
        if (!category.isEmpty()) {
            out.append("category=").append(String.join(" > ", category)).append(' ');
        }
        if (brand != null) {
            out.append("brand=").append(brand).append(' ');
        }
        if (gtin != null) {
            out.append("gtin=").append(gtin).append(' ');
        }
        for (AttributeFilter f : attributes) {
            out.append(f).append(' ');
        }
        if (minPrice != null || maxPrice != null) {
            out.append("price=").append(minPrice == null ? "" : minPrice).append("..").append(maxPrice == null ? "" : maxPrice).append(' ');
        }
        if (inStockOnly) {
            out.append("in_stock ");
        }
        return out.append("sort=").append(sort).append(" page=").append(page).append('/').append(pageSize).append(']').toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int page() {
        return page;
    }

    public int pageSize() {
        return pageSize;
    }

    public static final class Builder {
        private List<String> category = List.of();
        private String brand;
        private String gtin;
        private final List<AttributeFilter> attributes = new ArrayList<>();
        private Money minPrice;
        private Money maxPrice;
        private boolean inStockOnly;
        private String text;
        private Sort sort;
        private int page;
        private int pageSize = 20;

        private Builder() {}

        /** Products in this category or below it (a path from the taxonomy's root). */
        public Builder category(List<String> path) {
            this.category = List.copyOf(path);
            return this;
        }

        /** Only the product with this GTIN (trade item number). */
        public Builder gtin(String gtin) {
            this.gtin = Objects.requireNonNull(gtin, "gtin");
            return this;
        }

        public Builder brand(String brand) {
            this.brand = Objects.requireNonNull(brand, "brand");
            return this;
        }

        /** The attribute equals the value (a text, a flag, a number, or contains it for lists). */
        public Builder attributeEquals(String name, AttributeValue value) {
            return attributeIn(name, List.of(value));
        }

        /** The attribute equals one of the values. */
        public Builder attributeIn(String name, List<AttributeValue> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("attributeIn(" + name + ") needs at least one value");
            }
            attributes.add(new AttributeIn(name, values.stream().map(ProductDocument::term).toList()));
            return this;
        }

        /** The numeric attribute lies in [min, max]; either bound may be null. */
        public Builder attributeRange(String name, BigDecimal min, BigDecimal max) {
            if (min == null && max == null) {
                throw new IllegalArgumentException("attributeRange(" + name + ") needs min or max");
            }
            attributes.add(new AttributeRange(name, min, max));
            return this;
        }

        /** List price in [min, max]; either bound may be null; bounds must share a currency. */
        public Builder price(Money min, Money max) {
            if (min != null && max != null && !min.currency().equals(max.currency())) {
                throw new IllegalArgumentException("price bounds differ in currency: " + min + ", " + max);
            }
            this.minPrice = min;
            this.maxPrice = max;
            return this;
        }

        public Builder inStock() {
            this.inStockOnly = true;
            return this;
        }

        /** Free text over title and description, ranked by relevance. */
        public Builder text(String text) {
            this.text = text == null || text.isBlank() ? null : text;
            return this;
        }

        public Builder sort(Sort sort) {
            this.sort = Objects.requireNonNull(sort, "sort");
            return this;
        }

        public Builder page(int page, int pageSize) {
            if (page < 0 || pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("page must be ≥ 0 and page size 1 to 1000: " + page + ", " + pageSize);
            }
            this.page = page;
            this.pageSize = pageSize;
            return this;
        }

        public CatalogQuery build() {
            return new CatalogQuery(this);
        }
    }
}
