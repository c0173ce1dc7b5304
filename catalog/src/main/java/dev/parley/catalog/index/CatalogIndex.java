package dev.parley.catalog.index;

import static dev.parley.catalog.index.ProductDocument.ATTRIBUTE;
import static dev.parley.catalog.index.ProductDocument.BRAND;
import static dev.parley.catalog.index.ProductDocument.CATEGORY;
import static dev.parley.catalog.index.ProductDocument.CURRENCY;
import static dev.parley.catalog.index.ProductDocument.DESCRIPTION;
import static dev.parley.catalog.index.ProductDocument.GTIN;
import static dev.parley.catalog.index.ProductDocument.IN_STOCK;
import static dev.parley.catalog.index.ProductDocument.NUMBER;
import static dev.parley.catalog.index.ProductDocument.PRICE;
import static dev.parley.catalog.index.ProductDocument.SKU;
import static dev.parley.catalog.index.ProductDocument.SKU_KEY;
import static dev.parley.catalog.index.ProductDocument.TITLE_KEYS;
import static dev.parley.catalog.index.ProductDocument.TITLE_TEXT;

import dev.parley.catalog.store.CatalogStore;
import dev.parley.catalog.store.Change;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
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
    /** Batches at least this large are indexed on every core. */
    private static final int PARALLEL_BATCH = 10_000;
    /**
     * Batches at least this large (a bulk load) are also flushed by their indexing threads; smaller
     * ones are left in the buffer, so that an import in many modest batches does not leave a
     * small segment per batch and thread.
     */
    private static final int PARALLEL_FLUSH_BATCH = 100_000;
    /**
     * Indexing buffer shared by the indexing threads. A larger buffer means fewer, larger flushed
     * segments: less merging during a bulk load and fewer segments for each query to visit.
     */
    private static final double RAM_BUFFER_MB = 256;

    /**
     * SKU order: the numeric key of the SKU's first characters, which lets the search skip
     * documents that cannot reach the page, then the SKU itself for keys that tie.
     */
    private static final SortField[] SKU_ORDER = {new SortField(SKU_KEY, SortField.Type.LONG), new SortField(SKU, SortField.Type.STRING_VAL)};
    private static final Sort BY_SKU = new Sort(SKU_ORDER);
    private static final Sort BY_PRICE = thenBySku(new SortField(PRICE, SortField.Type.LONG));
    private static final Sort BY_PRICE_DESC = thenBySku(new SortField(PRICE, SortField.Type.LONG, true));
    private static final Sort BY_TITLE = thenBySku(Arrays.stream(TITLE_KEYS).map(key -> new SortField(key, SortField.Type.LONG)).toArray(SortField[]::new));

    /** The simple query syntax without phrases and proximity: {@code -word}, {@code word*}, {@code a | b}, {@code a + b}, parentheses. */
    private static final int TEXT_OPERATORS = SimpleQueryParser.AND_OPERATOR | SimpleQueryParser.NOT_OPERATOR | SimpleQueryParser.OR_OPERATOR
            | SimpleQueryParser.PREFIX_OPERATOR | SimpleQueryParser.PRECEDENCE_OPERATORS | SimpleQueryParser.ESCAPE_OPERATOR
            | SimpleQueryParser.WHITESPACE_OPERATOR | SimpleQueryParser.FUZZY_OPERATOR;

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, Product> products = new ConcurrentHashMap<>();
    /**
     * The currency of every product written so far, while there is one (a brand's catalog has its
     * own): a price filter then needs no currency clause, which every document would pass and
     * each candidate of a search would have to step through.
     */
    private final java.util.concurrent.atomic.AtomicReference<String> onlyCurrency = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean mixedCurrencies;
    /** Changes written so far, and how many of them searches see: a search waits for a refresh that covers the changes before it. */
    private final AtomicLong changes = new AtomicLong();
    private final Object refreshing = new Object();
    private volatile long visible;
    /** Stops following the store this index follows, if any: a closed index must not receive its changes. */
    private Runnable unfollow = () -> {};

    private CatalogIndex() {
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer);
            config.setRAMBufferSizeMB(RAM_BUFFER_MB);
            // compound files save file handles on disk; in memory they would only copy every flushed segment once more
            config.setUseCompoundFile(false);
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

    /** An index of the store's products that follows every later change of the store, until it is closed. */
    public static CatalogIndex following(CatalogStore store) {
        CatalogIndex index = new CatalogIndex();
        index.follow(store);
        index.upsertAll(store.all(), true);
        return index;
    }

    /** Applies every later change of {@code store}, until closed. */
    private void follow(CatalogStore store) {
        Consumer<List<Change>> listener = this::apply;
        store.onChange(listener);
        unfollow = () -> store.removeOnChange(listener);
    }

    /**
     * Imports {@code products} into a new, empty {@code store} and returns the index that follows
     * it, built at the same time: a thread of its own indexes the products while the caller's
     * thread commits them to the store, where one after the other left a core idle during the
     * store's single-threaded commit. Of a SKU given twice the later version stays, in both. For a
     * store that nobody else writes to until this returns, such as one just opened. On a failure
     * of either side the index is closed and the failure thrown; the store keeps what it
     * committed (a store whose commit succeeded while indexing failed is then indexed with
     * {@link #following}).
     */
    public static CatalogIndex importing(CatalogStore store, List<Product> products) {
        if (store.seq() != 0) {
            throw new IllegalStateException("importing needs a new, empty store; use following(store) to index a store with content");
        }
        List<Product> batch = List.copyOf(products);
        CatalogIndex index = new CatalogIndex();
        java.util.concurrent.CompletableFuture<Void> indexed = new java.util.concurrent.CompletableFuture<>();
        Thread indexer = new Thread(() -> {
            try {
                index.upsertAll(batch);
                indexed.complete(null);
            } catch (Throwable e) {
                indexed.completeExceptionally(e);
            }
        }, "parley-catalog-import");
        indexer.start();
        try {
            store.upsertAll(batch);
            indexed.join();
        } catch (RuntimeException | Error e) {
            indexed.exceptionally(ignored -> null).join();
            index.close();
            if (e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
        if (index.size() != store.size()) {
            index.close();
            throw new IllegalStateException("the store changed while it was being imported into (" + store.size() + " products, "
                    + index.size() + " indexed)");
        }
        index.follow(store);
        return index;
    }

    public int size() {
        return products.size();
    }

    /** The index segments searches visit (each search visits every one), as of the last refresh: changes not yet searched are not counted. For diagnosis. */
    public int segments() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().leaves().size();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether searches see every change written so far, so that the next search does not first refresh the index. */
    public boolean refreshed() {
        return visible >= changes.get();
    }

    /**
     * Adds or replaces products; of a SKU given twice, the later one stays. A large batch is split
     * into one contiguous part per core, each indexed by its own thread (the writer is thread-safe
     * and gives each thread its own segment buffer); after a bulk load the buffers are flushed by
     * those threads in parallel rather than by the next search alone. Its SKUs are made unique
     * first: two versions of one SKU in different parts would race, and the earlier could win.
     */
    public void upsertAll(Collection<Product> batch) {
        upsertAll(batch, false);
    }

    /** {@link #upsertAll(Collection)}; {@code unique}: the caller knows the SKUs are unique (a store's products). */
    private void upsertAll(Collection<Product> batch, boolean unique) {
        if (!unique && batch.size() >= PARALLEL_BATCH) {
            batch = lastOfEachSku(batch);
        }
        if (batch.size() < PARALLEL_BATCH) {
            ProductDocument document = new ProductDocument();
            for (Product p : batch) {
                upsertOne(p, document);
            }
        } else {
            List<Product> list = batch instanceof List<Product> l && batch instanceof RandomAccess ? l : new ArrayList<>(batch);
            int parts = Math.min(Runtime.getRuntime().availableProcessors(), list.size() / (PARALLEL_BATCH / 2));
            IntStream.range(0, parts).parallel().forEach(part -> {
                ProductDocument document = new ProductDocument();
                int from = (int) ((long) list.size() * part / parts);
                int to = (int) ((long) list.size() * (part + 1) / parts);
                for (int i = from; i < to; i++) {
                    upsertOne(list.get(i), document);
                }
                if (list.size() >= PARALLEL_FLUSH_BATCH) {
                    flushBuffers();
                }
            });
        }
        changes.incrementAndGet();
    }

    /** The batch with each SKU once, at its first place, in its last version; the batch itself when its SKUs are unique. */
    private static Collection<Product> lastOfEachSku(Collection<Product> batch) {
        Map<String, Product> last = new java.util.LinkedHashMap<>(batch.size() * 2);
        for (Product p : batch) {
            last.put(p.sku().value(), p);
        }
        return last.size() == batch.size() ? batch : new ArrayList<>(last.values());
    }

    private void upsertOne(Product p, ProductDocument document) {
        noteCurrency(p.listPrice().currency().getCurrencyCode());
        try {
            // a product new to the index is added: an update would first look for documents to delete
            if (products.putIfAbsent(p.sku().value(), p) == null) {
                writer.addDocument(document.of(p));
            } else {
                writer.updateDocuments(new SkuQuery(p.sku().value()), List.of(document.of(p)));
                products.put(p.sku().value(), p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Remembers the currency of a product about to be written: the first one seen, and whether
     * any other was ever seen. Set before the document is written, so that a search that sees
     * the document also sees the flag.
     */
    private void noteCurrency(String currency) {
        // read first: a compare-and-set on every product would contend for the line between the indexing threads
        if (onlyCurrency.get() == null && onlyCurrency.compareAndSet(null, currency)) {
            return;
        }
        if (!mixedCurrencies && !currency.equals(onlyCurrency.get())) {
            mixedCurrencies = true;
        }
    }

    /** Whether every product this index has ever held is priced in {@code currency}. */
    private boolean allPricedIn(String currency) {
        return !mixedCurrencies && currency.equals(onlyCurrency.get());
    }

    private void flushBuffers() {
        try {
            boolean flushed;
            do {
                flushed = writer.flushNextBuffer();
            } while (flushed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(Sku sku) {
        try {
            writer.deleteDocuments(new SkuQuery(sku.value()));
            products.remove(sku.value());
            changes.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies a batch of store changes. */
    public void apply(List<Change> batch) {
        List<Product> upserts = new ArrayList<>();
        for (Change c : batch) {
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
                // built after the searcher is acquired: the currency shortcut must see every document it can see
                Query query = toLucene(q);
                // no more places than documents (a collector fills its queue up front)
                int want = (int) Math.max(1, Math.min((q.page + 1L) * q.pageSize, searcher.getIndexReader().maxDoc()));
                int exactUpTo = Math.max(want, EXACT_TOTAL_UP_TO);
                TopDocs top = switch (q.sort) {
                    case RELEVANCE -> q.text != null ? searcher.search(query, new TopScoreDocCollectorManager(want, exactUpTo))
                            : sorted(searcher, query, BY_SKU, want, exactUpTo);
                    case PRICE_ASC -> sorted(searcher, query, BY_PRICE, want, exactUpTo);
                    case PRICE_DESC -> sorted(searcher, query, BY_PRICE_DESC, want, exactUpTo);
                    case TITLE -> sorted(searcher, query, BY_TITLE, want, exactUpTo);
                    case SKU -> sorted(searcher, query, BY_SKU, want, exactUpTo);
                };
                ScoreDoc[] docs = Arrays.copyOfRange(top.scoreDocs, (int) Math.min((long) q.page * q.pageSize, top.scoreDocs.length), top.scoreDocs.length);
                String[] skus = skus(searcher.getIndexReader().leaves(), docs);
                List<SearchResult.Hit> hits = new ArrayList<>(docs.length);
                for (int i = 0; i < docs.length; i++) {
                    Product p = products.get(skus[i]);
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

    /**
     * Matches counted one by one at least, or the hits a page needs if more (Lucene's default is
     * 1,000): past them a search skips
     * what cannot reach its page — by score bounds for text, through the points for a sort — and
     * the total it reports is a lower bound ({@link SearchResult#totalExact}). The hits are the
     * same either way.
     */
    private static final int EXACT_TOTAL_UP_TO = 100;

    private static TopDocs sorted(IndexSearcher searcher, Query query, Sort sort, int want, int exactUpTo) throws IOException {
        return searcher.search(query, new org.apache.lucene.search.TopFieldCollectorManager(sort, want, exactUpTo));
    }

    private static Sort thenBySku(SortField... first) {
        return new Sort(Stream.concat(Arrays.stream(first), Arrays.stream(SKU_ORDER)).toArray(SortField[]::new));
    }

    /**
     * The SKUs of hits, read from the SKU's doc values (reading stored fields would decompress a
     * block per hit), visiting the hits in document order so that each segment's doc values are
     * opened once and only read forward.
     */
    private static String[] skus(List<LeafReaderContext> leaves, ScoreDoc[] docs) throws IOException {
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> docs[i].doc));
        String[] skus = new String[docs.length];
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        for (int i : order) {
            int doc = docs[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                values = DocValues.getBinary(leaf.reader(), SKU);
            }
            if (!values.advanceExact(doc - leaf.docBase)) {
                throw new IllegalStateException("document " + doc + " has no SKU");
            }
            skus[i] = values.binaryValue().utf8ToString();
        }
        return skus;
    }

    private Query toLucene(CatalogQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean any = false;
        if (q.text != null) {
            // words only: quotes and proximity would need positions, which the text fields do not keep
            SimpleQueryParser parser = new SimpleQueryParser(analyzer, Map.of(TITLE_TEXT, 2f, DESCRIPTION, 1f), TEXT_OPERATORS);
            parser.setDefaultOperator(Occur.SHOULD);
            Query text = parser.parse(q.text);
            if (text != null) {
                b.add(text, Occur.MUST);
                any = true;
            }
        }
        if (!q.category.isEmpty()) {
            b.add(new TermQuery(new Term(CATEGORY, ProductDocument.categoryTerm(q.category))), Occur.FILTER);
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
                b.add(new TermInSetQuery(ATTRIBUTE + in.name(), terms), Occur.FILTER);
            } else {
                CatalogQuery.AttributeRange r = (CatalogQuery.AttributeRange) f;
                double min = r.min() == null ? Double.NEGATIVE_INFINITY : r.min().doubleValue();
                double max = r.max() == null ? Double.POSITIVE_INFINITY : r.max().doubleValue();
                b.add(DoublePoint.newRangeQuery(NUMBER + r.name(), min, max), Occur.FILTER);
            }
            any = true;
        }
        if (q.minPrice != null || q.maxPrice != null) {
            String currency = (q.minPrice != null ? q.minPrice : q.maxPrice).currency().getCurrencyCode();
            if (!allPricedIn(currency)) {
                b.add(new TermQuery(new Term(CURRENCY, currency)), Occur.FILTER);
            }
            long min = q.minPrice == null ? Long.MIN_VALUE : ProductDocument.scaled(q.minPrice.amount());
            long max = q.maxPrice == null ? Long.MAX_VALUE : ProductDocument.scaled(q.maxPrice.amount());
            // the points index when the price range leads the search, the doc values when another filter is more selective
            b.add(new IndexOrDocValuesQuery(LongPoint.newRangeQuery(PRICE, min, max), NumericDocValuesField.newSlowRangeQuery(PRICE, min, max)),
                    Occur.FILTER);
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

    @Override
    public void close() {
        unfollow.run();
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
