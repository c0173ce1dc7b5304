package dev.parley.catalog.index;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * The Lucene document of a product, and the field names and term encodings that queries share
 * with it. One instance turns products into documents for one indexing thread: it reuses its
 * fields and buffers from one product to the next, because at a million products the allocation
 * of a dozen fields per product is a large part of the indexing cost. Not thread-safe; a document
 * returned by {@link #of(Product)} is valid until the next call.
 */
final class ProductDocument {
    static final String SKU = "sku";
    static final String TITLE_TEXT = "title_text";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String BRAND = "brand";
    static final String GTIN = "gtin";
    static final String CATEGORY = "category";
    static final String CURRENCY = "currency";
    static final String PRICE = "price";
    static final String IN_STOCK = "in_stock";
    /** The prefix of an attribute's exact-value field. */
    static final String ATTRIBUTE = "a.";
    /** The prefix of a numeric attribute's point field. */
    static final String NUMBER = "n.";
    static final String CATEGORY_SEPARATOR = "\u001f";
    /** Titles sort on this many leading characters: enough to order, without storing long titles twice. */
    private static final int TITLE_SORT_CHARS = 64;
    private static final BigDecimal PRICE_SCALE = BigDecimal.TEN.pow(4);

    private final StringField sku = new StringField(SKU, "", Field.Store.NO);
    private final SortedDocValuesField skuSort = new SortedDocValuesField(SKU, new BytesRef());
    private final TextField titleText = new TextField(TITLE_TEXT, "", Field.Store.NO);
    private final SortedDocValuesField titleSort = new SortedDocValuesField(TITLE, new BytesRef());
    private final TextField description = new TextField(DESCRIPTION, "", Field.Store.NO);
    private final StringField brand = new StringField(BRAND, "", Field.Store.NO);
    private final StringField gtin = new StringField(GTIN, "", Field.Store.NO);
    private final List<StringField> categories = new ArrayList<>();
    private final StringField currency = new StringField(CURRENCY, "", Field.Store.NO);
    private final LongPoint price = new LongPoint(PRICE, 0L);
    private final NumericDocValuesField priceSort = new NumericDocValuesField(PRICE, 0L);
    private final StringField inStock = new StringField(IN_STOCK, "", Field.Store.NO);
    private final BytesRefBuilder skuBytes = new BytesRefBuilder();
    private final BytesRefBuilder titleBytes = new BytesRefBuilder();
    private final List<IndexableField> fields = new ArrayList<>();

    /** The document of {@code p}. */
    List<IndexableField> of(Product p) {
        fields.clear();
        String skuValue = p.sku().value();
        sku.setStringValue(skuValue);
        skuBytes.copyChars(skuValue);
        skuSort.setBytesValue(skuBytes.get());
        fields.add(sku);
        fields.add(skuSort);

        titleText.setStringValue(p.title());
        fields.add(titleText);
        String title = p.title();
        titleBytes.copyChars(title.length() > TITLE_SORT_CHARS ? title.substring(0, TITLE_SORT_CHARS).toLowerCase(Locale.ROOT)
                : title.toLowerCase(Locale.ROOT));
        titleSort.setBytesValue(titleBytes.get());
        fields.add(titleSort);
        if (p.description() != null) {
            description.setStringValue(p.description());
            fields.add(description);
        }
        if (p.brand() != null) {
            brand.setStringValue(p.brand().toLowerCase(Locale.ROOT));
            fields.add(brand);
        }
        if (p.gtin() != null) {
            gtin.setStringValue(p.gtin());
            fields.add(gtin);
        }
        addCategories(p.category());
        for (Map.Entry<String, AttributeValue> a : p.attributes().entrySet()) {
            AttributeValue v = a.getValue();
            String name = ATTRIBUTE + a.getKey();
            if (v instanceof AttributeValue.TextList list) {
                for (String item : list.values()) {
                    fields.add(new StringField(name, item.toLowerCase(Locale.ROOT), Field.Store.NO));
                }
            } else {
                fields.add(new StringField(name, term(v), Field.Store.NO));
            }
            if (v instanceof AttributeValue.Number n) {
                fields.add(new DoublePoint(NUMBER + a.getKey(), n.value().doubleValue()));
            }
        }
        currency.setStringValue(p.listPrice().currency().getCurrencyCode());
        fields.add(currency);
        long scaledPrice = scaled(p.listPrice().amount());
        price.setLongValue(scaledPrice);
        priceSort.setLongValue(scaledPrice);
        fields.add(price);
        fields.add(priceSort);
        inStock.setStringValue(inStock(p) ? "1" : "0");
        fields.add(inStock);
        return fields;
    }

    /** One term per level of the path, so a category subtree is one term query. */
    private void addCategories(List<String> path) {
        for (int depth = 0; depth < path.size(); depth++) {
            if (categories.size() == depth) {
                categories.add(new StringField(CATEGORY, "", Field.Store.NO));
            }
            StringField level = categories.get(depth);
            level.setStringValue(categoryTerm(path.subList(0, depth + 1)));
            fields.add(level);
        }
    }

    static boolean inStock(Product p) {
        return p.availability() == Availability.IN_STOCK && (p.stock() == null || p.stock() > 0);
    }

    /** The indexed term of an attribute value (lower-cased text, true/false, plain number). */
    static String term(AttributeValue v) {
        if (v instanceof AttributeValue.Text t) {
            return t.value().toLowerCase(Locale.ROOT);
        }
        if (v instanceof AttributeValue.Flag f) {
            return Boolean.toString(f.value());
        }
        if (v instanceof AttributeValue.Number n) {
            return n.value().toPlainString();
        }
        throw new IllegalArgumentException("a list is not one value; use attributeIn with its items");
    }

    /** The indexed term of a category path, matching the products in its subtree. */
    static String categoryTerm(List<String> path) {
        return String.join(CATEGORY_SEPARATOR, path).toLowerCase(Locale.ROOT);
    }

    /** A price as an exact count of ten-thousandths (Money has at most four fraction digits). */
    static long scaled(BigDecimal amount) {
        return amount.multiply(PRICE_SCALE).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }
}
