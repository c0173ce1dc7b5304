package dev.parley.catalog.index;

import dev.parley.catalog.store.CatalogStore;
import dev.parley.catalog.store.Change;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Fast search over a catalog with Apache Lucene: filters on category subtree, brand, attributes,
 * price and stock, and free text over title and description ranked by relevance (English
 * stemming, title weighted twice the description). The index lives in memory and follows a
 * {@link CatalogStore} (or any source of changes) in near real time: a search sees every change
 * applied before it. Thread-safe.
 */
public final class CatalogIndex implements AutoCloseable {
    private static final int PARALLEL_BATCH = 10_000;
    private static final BigDecimal PRICE_SCALE = BigDecimal.TEN.pow(4);
    private static final String SKU = "sku";
    private static final String TITLE = "title";
    private static final String DESCRIPTION = "description";
    private static final String BRAND = "brand";
    private static final String GTIN = "gtin";
    private static final String CATEGORY = "category";
    private static final String CURRENCY = "currency";
    private static final String PRICE = "price";
    private static final String IN_STOCK = "in_stock";

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, Product> products = new ConcurrentHashMap<>();
    /** Changes written so far, and how many of them searches see: a search waits for a refresh that covers the changes before it. */
    private final AtomicLong changes = new AtomicLong();
    private final Object refreshing = new Object();
    private volatile long visible;

    private CatalogIndex() {
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer);
            config.setRAMBufferSizeMB(64);
            writer = new IndexWriter(new ByteBuffersDirectory(), config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty index. */
    public static CatalogIndex create() {
        return new CatalogIndex();
    }

    /** An index of the store's products that follows every later change of the store. */
    public static CatalogIndex following(CatalogStore store) {
        CatalogIndex index = new CatalogIndex();
        store.onChange(index::apply);
        index.upsertAll(store.all());
        return index;
    }

    public int size() {
        return products.size();
    }

    /** Adds or replaces products; large batches are indexed on all cores (the writer is thread-safe). */
    public void upsertAll(Collection<Product> batch) {
        (batch.size() >= PARALLEL_BATCH ? batch.parallelStream() : batch.stream()).forEach(this::upsertOne);
        changes.incrementAndGet();
    }

    private void upsertOne(Product p) {
        try {
            // a product new to the index is added: an update would first look for documents to delete
            if (products.putIfAbsent(p.sku().value(), p) == null) {
                writer.addDocument(document(p));
            } else {
                writer.updateDocument(new Term(SKU, p.sku().value()), document(p));
                products.put(p.sku().value(), p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(Sku sku) {
        try {
            writer.deleteDocuments(new Term(SKU, sku.value()));
            products.remove(sku.value());
            changes.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies a batch of store changes. */
    public void apply(List<Change> changes) {
        List<Product> upserts = new ArrayList<>();
        for (Change c : changes) {
            if (c.ofOffer()) {
                continue;
            }
            if (c.removal()) {
                remove(c.sku());
            } else {
                upserts.add(c.product());
            }
        }
        upsertAll(upserts);
    }

    /** Runs a query. Never blocks on writers for long; safe from any thread but not an event loop for large catalogs. */
    public SearchResult search(CatalogQuery q) {
        try {
            long wanted = changes.get();
            if (visible < wanted) {
                synchronized (refreshing) {
                    if (visible < wanted) {
                        long covered = changes.get();
                        searchers.maybeRefreshBlocking();
                        visible = covered;
                    }
                }
            }
            IndexSearcher searcher = searchers.acquire();
            try {
                Query query = toLucene(q);
                int want = (q.page + 1) * q.pageSize;
                TopDocs top = switch (q.sort) {
                    case RELEVANCE -> q.text != null ? searcher.search(query, want)
                            : searcher.search(query, want, new Sort(new SortField(SKU, SortField.Type.STRING)));
                    case PRICE_ASC -> searcher.search(query, want, new Sort(new SortField(PRICE, SortField.Type.LONG), new SortField(SKU, SortField.Type.STRING)));
                    case PRICE_DESC -> searcher.search(query, want, new Sort(new SortField(PRICE, SortField.Type.LONG, true), new SortField(SKU, SortField.Type.STRING)));
                    case TITLE -> searcher.search(query, want, new Sort(new SortField(TITLE, SortField.Type.STRING), new SortField(SKU, SortField.Type.STRING)));
                    case SKU -> searcher.search(query, want, new Sort(new SortField(SKU, SortField.Type.STRING)));
                };
                List<SearchResult.Hit> hits = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = q.page * q.pageSize; i < docs.length; i++) {
                    String sku = searcher.storedFields().document(docs[i].doc).get(SKU);
                    Product p = products.get(sku);
                    if (p != null) {
                        hits.add(new SearchResult.Hit(p, Float.isNaN(docs[i].score) ? 0f : docs[i].score));
                    }
                }
                return new SearchResult(top.totalHits.value, top.totalHits.relation == TotalHits.Relation.EQUAL_TO, hits);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query toLucene(CatalogQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean any = false;
        if (q.text != null) {
            SimpleQueryParser parser = new SimpleQueryParser(analyzer, Map.of(TITLE + "_text", 2f, DESCRIPTION, 1f));
            parser.setDefaultOperator(Occur.SHOULD);
            Query text = parser.parse(q.text);
            if (text != null) {
                b.add(text, Occur.MUST);
                any = true;
            }
        }
        if (!q.category.isEmpty()) {
            b.add(new TermQuery(new Term(CATEGORY, categoryKey(q.category))), Occur.FILTER);
            any = true;
        }
        if (q.brand != null) {
            b.add(new TermQuery(new Term(BRAND, q.brand.toLowerCase(Locale.ROOT))), Occur.FILTER);
            any = true;
        }
        if (q.gtin != null) {
            b.add(new TermQuery(new Term(GTIN, q.gtin)), Occur.FILTER);
            any = true;
        }
        for (CatalogQuery.AttributeFilter f : q.attributes) {
            if (f instanceof CatalogQuery.AttributeIn in) {
                List<BytesRef> terms = in.values().stream().map(BytesRef::new).toList();
                b.add(new TermInSetQuery("a." + in.name(), terms), Occur.FILTER);
            } else {
                CatalogQuery.AttributeRange r = (CatalogQuery.AttributeRange) f;
                double min = r.min() == null ? Double.NEGATIVE_INFINITY : r.min().doubleValue();
                double max = r.max() == null ? Double.POSITIVE_INFINITY : r.max().doubleValue();
                b.add(DoublePoint.newRangeQuery("n." + r.name(), min, max), Occur.FILTER);
            }
            any = true;
        }
        if (q.minPrice != null || q.maxPrice != null) {
            String currency = (q.minPrice != null ? q.minPrice : q.maxPrice).currency().getCurrencyCode();
            b.add(new TermQuery(new Term(CURRENCY, currency)), Occur.FILTER);
            long min = q.minPrice == null ? Long.MIN_VALUE : scaled(q.minPrice.amount());
            long max = q.maxPrice == null ? Long.MAX_VALUE : scaled(q.maxPrice.amount());
            b.add(LongPoint.newRangeQuery(PRICE, min, max), Occur.FILTER);
            any = true;
        }
        if (q.inStockOnly) {
            b.add(new TermQuery(new Term(IN_STOCK, "1")), Occur.FILTER);
            any = true;
        }
        if (!any) {
            return new MatchAllDocsQuery();
        }
        if (q.text == null) {
            b.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        return b.build();
    }

    private static Document document(Product p) {
        Document d = new Document();
        d.add(new StringField(SKU, p.sku().value(), Field.Store.YES));
        d.add(new SortedDocValuesField(SKU, new BytesRef(p.sku().value())));
        d.add(new TextField(TITLE + "_text", p.title(), Field.Store.NO));
        String sortTitle = p.title().toLowerCase(Locale.ROOT);
        d.add(new SortedDocValuesField(TITLE, new BytesRef(sortTitle.length() > 64 ? sortTitle.substring(0, 64) : sortTitle)));
        if (p.description() != null) {
            d.add(new TextField(DESCRIPTION, p.description(), Field.Store.NO));
        }
        if (p.brand() != null) {
            d.add(new StringField(BRAND, p.brand().toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        if (p.gtin() != null) {
            d.add(new StringField(GTIN, p.gtin(), Field.Store.NO));
        }
        for (int depth = 1; depth <= p.category().size(); depth++) {
            d.add(new StringField(CATEGORY, categoryKey(p.category().subList(0, depth)), Field.Store.NO));
        }
        for (Map.Entry<String, AttributeValue> a : p.attributes().entrySet()) {
            AttributeValue v = a.getValue();
            if (v instanceof AttributeValue.TextList list) {
                for (String item : list.values()) {
                    d.add(new StringField("a." + a.getKey(), item.toLowerCase(Locale.ROOT), Field.Store.NO));
                }
            } else {
                d.add(new StringField("a." + a.getKey(), term(v), Field.Store.NO));
            }
            if (v instanceof AttributeValue.Number n) {
                d.add(new DoublePoint("n." + a.getKey(), n.value().doubleValue()));
            }
        }
        d.add(new StringField(CURRENCY, p.listPrice().currency().getCurrencyCode(), Field.Store.NO));
        long price = scaled(p.listPrice().amount());
        d.add(new LongPoint(PRICE, price));
        d.add(new NumericDocValuesField(PRICE, price));
        boolean inStock = p.availability() == Availability.IN_STOCK && (p.stock() == null || p.stock() > 0);
        d.add(new StringField(IN_STOCK, inStock ? "1" : "0", Field.Store.NO));
        return d;
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

    private static String categoryKey(List<String> path) {
        return String.join("\u001f", path).toLowerCase(Locale.ROOT);
    }

    private static long scaled(BigDecimal amount) {
        return amount.multiply(PRICE_SCALE).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
