package dev.parley.catalog.index;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * The Lucene document of a product, and the field names and term encodings that queries share
 * with it. One instance turns products into documents for one indexing thread: it reuses its
 * fields from one product to the next, and keeps the fields of category paths, attribute values
 * and brands, which repeat across a catalog, ready-made, because at a million products building a
 * dozen fields per product is a large part of the indexing cost. Not thread-safe; a document
 * returned by {@link #of(Product)} is valid until the next call.
 */
final class ProductDocument {
    /** The SKU, as doc values only: no term (see {@link SkuQuery}). */
    static final String SKU = "sku";
    /**
     * The SKU's numeric sort key (see {@link #skuKey(String)}), indexed as a point and as doc
     * values under one name: a sort on it skips, through the points, every document that cannot
     * enter the page, where a sort on the SKU's text visits every match. Its point also finds
     * the candidates of a {@link SkuQuery}.
     */
    static final String SKU_KEY = "sku_key";
    static final String TITLE_TEXT = "title_text";
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
    /**
     * The doc-values fields of a title's sort key, most significant first: the first 24 bytes of
     * the lower-cased title in UTF-8, as numbers (ties beyond them are broken by SKU). Numbers
     * cost far less to index than a sorted text field, whose every nearly unique value must be
     * hashed and sorted.
     */
    static final String[] TITLE_KEYS = {"title_key0", "title_key1", "title_key2"};
    /** Cached fields per kind (category path, attribute value, brand); a full cache starts again. */
    private static final int CACHE_LIMIT = 8192;
    private static final BigDecimal PRICE_SCALE = BigDecimal.TEN.pow(4);

    /** Binary, not sorted, doc values: they are only read (a hit's SKU, a tie of SKU keys, a candidate of a {@link SkuQuery}), never sorted by ordinal, and cost far less to index. */
    private final BinaryDocValuesField skuDocValue = new BinaryDocValuesField(SKU, new BytesRef());
    private final LongPoint skuKeyPoint = new LongPoint(SKU_KEY, 0L);
    private final NumericDocValuesField skuKeySort = new NumericDocValuesField(SKU_KEY, 0L);
    /**
     * Title and description text: terms and their frequencies, which relevance needs, but no
     * positions, which only phrase queries would (free text is a bag of words here): a third
     * less work per indexed word.
     */
    static final FieldType TEXT = textType();

    private final Field titleText = new Field(TITLE_TEXT, "", TEXT);
    private final NumericDocValuesField[] titleKeys = new NumericDocValuesField[TITLE_KEYS.length];
    private final Field description = new Field(DESCRIPTION, "", TEXT);
    private final StringField gtin = new StringField(GTIN, "", Field.Store.NO);
    private final Map<List<String>, List<IndexableField>> categories = new HashMap<>();
    /** Per attribute name, the fields of each value: two lookups whose keys hash and compare cheaply, where an entry key would combine both. */
    private final Map<String, Map<AttributeValue, List<IndexableField>>> attributes = new HashMap<>();
    private final Map<String, IndexableField> brands = new HashMap<>();
    private final Map<String, IndexableField> currencies = new HashMap<>();
    private final LongPoint price = new LongPoint(PRICE, 0L);
    private final NumericDocValuesField priceSort = new NumericDocValuesField(PRICE, 0L);
    private final StringField inStock = new StringField(IN_STOCK, "1", Field.Store.NO);
    private final StringField outOfStock = new StringField(IN_STOCK, "0", Field.Store.NO);
    private final BytesRefBuilder skuBytes = new BytesRefBuilder();
    private final List<IndexableField> fields = new ArrayList<>();

    ProductDocument() {
        for (int i = 0; i < TITLE_KEYS.length; i++) {
            titleKeys[i] = new NumericDocValuesField(TITLE_KEYS[i], 0L);
        }
    }

    private static FieldType textType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        type.freeze();
        return type;
    }

    /** The document of {@code p}. */
    List<IndexableField> of(Product p) {
        fields.clear();
        String skuValue = p.sku().value();
        skuBytes.copyChars(skuValue);
        skuDocValue.setBytesValue(skuBytes.get());
        fields.add(skuDocValue);
        long skuKey = skuKey(skuValue);
        skuKeyPoint.setLongValue(skuKey);
        skuKeySort.setLongValue(skuKey);
        fields.add(skuKeyPoint);
        fields.add(skuKeySort);

        titleText.setStringValue(p.title());
        fields.add(titleText);
        long[] key = titleKey(p.title());
        for (int i = 0; i < key.length; i++) {
            titleKeys[i].setLongValue(key[i]);
            fields.add(titleKeys[i]);
        }
        if (p.description() != null) {
            description.setStringValue(p.description());
            fields.add(description);
        }
        if (p.brand() != null) {
            fields.add(cached(brands, p.brand(), b -> b, b -> new StringField(BRAND, b.toLowerCase(Locale.ROOT), Field.Store.NO)));
        }
        if (p.gtin() != null) {
            gtin.setStringValue(p.gtin());
            fields.add(gtin);
        }
        fields.addAll(cached(categories, p.category(), c -> c, ProductDocument::categoryFields));
        p.attributes().forEach(this::addAttribute);
        fields.add(cached(currencies, p.listPrice().currency().getCurrencyCode(), c -> c, c -> new StringField(CURRENCY, c, Field.Store.NO)));
        long scaledPrice = scaled(p.listPrice().amount());
        price.setLongValue(scaledPrice);
        priceSort.setLongValue(scaledPrice);
        fields.add(price);
        fields.add(priceSort);
        fields.add(inStock(p) ? inStock : outOfStock);
        return fields;
    }

    private void addAttribute(String name, AttributeValue value) {
        Map<AttributeValue, List<IndexableField>> values = attributes.get(name);
        if (values == null) {
            if (attributes.size() >= CACHE_LIMIT) {
                attributes.clear();
            }
            values = new HashMap<>();
            attributes.put(name, values);
        }
        fields.addAll(cached(values, value, v -> v, v -> attributeFields(name, v)));
    }

    private static <K, V> V cached(Map<K, V> cache, K key, UnaryOperator<K> keep, Function<K, V> make) {
        V value = cache.get(key);
        if (value == null) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            value = make.apply(key);
            cache.put(keep.apply(key), value);
        }
        return value;
    }

    /** One term per level of the path, so a category subtree is one term query. */
    private static List<IndexableField> categoryFields(List<String> path) {
        List<IndexableField> levels = new ArrayList<>(path.size());
        for (int depth = 1; depth <= path.size(); depth++) {
            levels.add(new StringField(CATEGORY, categoryTerm(path.subList(0, depth)), Field.Store.NO));
        }
        return levels;
    }

    /** Exact-value terms (one per item of a list) and, for a number, a point for ranges. */
    private static List<IndexableField> attributeFields(String attribute, AttributeValue v) {
        String name = ATTRIBUTE + attribute;
        List<IndexableField> result = new ArrayList<>(2);
        if (v instanceof AttributeValue.TextList list) {
            for (String item : list.values()) {
                result.add(new StringField(name, item.toLowerCase(Locale.ROOT), Field.Store.NO));
            }
        } else {
            result.add(new StringField(name, term(v), Field.Store.NO));
        }
        if (v instanceof AttributeValue.Number n) {
            result.add(new DoublePoint(NUMBER + attribute, n.value().doubleValue()));
        }
        return result;
    }

    /**
     * The sort key of a title: the first bytes of the lower-cased title in UTF-8, zero-padded, as big-endian longs with the sign bit flipped, so that signed order is byte order.
     */
    static long[] titleKey(String title) {
        long[] ascii = asciiTitleKey(title);
        return ascii != null ? ascii : utf8TitleKey(title);
    }

    /** {@link #titleKey} of any title, by lower-casing and encoding the whole title. */
    static long[] utf8TitleKey(String title) {
        byte[] utf8 = title.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        long[] key = new long[TITLE_KEYS.length];
        for (int i = 0; i < key.length; i++) {
            long word = 0;
            for (int b = 0; b < Long.BYTES; b++) {
                int at = i * Long.BYTES + b;
                word = (word << 8) | (at < utf8.length ? utf8[at] & 0xff : 0);
            }
            key[i] = word ^ Long.MIN_VALUE;
        }
        return key;
    }

    /**
     * {@link #titleKey} of a title whose key bytes are all ASCII, without lower-casing and
     * encoding the whole title: ASCII lower-cases to ASCII, one byte a character, whatever
     * follows. Null for any other title.
     */
    private static long[] asciiTitleKey(String title) {
        int keyBytes = TITLE_KEYS.length * Long.BYTES;
        int length = Math.min(title.length(), keyBytes);
        long[] key = new long[TITLE_KEYS.length];
        for (int i = 0; i < key.length; i++) {
            long word = 0;
            for (int b = 0; b < Long.BYTES; b++) {
                int at = i * Long.BYTES + b;
                int c = at < length ? title.charAt(at) : 0;
                if (c >= 0x80) {
                    return null;
                }
                word = (word << 8) | (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            }
            key[i] = word ^ Long.MIN_VALUE;
        }
        return key;
    }

    /** The sort key of a SKU ({@link dev.parley.catalog.store.SkuOrder#key}). */
    static long skuKey(String sku) {
        return dev.parley.catalog.store.SkuOrder.key(sku);
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
