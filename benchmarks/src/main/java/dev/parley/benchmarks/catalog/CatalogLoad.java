package dev.parley.benchmarks.catalog;

import dev.parley.catalog.feed.ImportProgress;
import dev.parley.catalog.feed.OpenFoodFactsImporter;
import dev.parley.catalog.feed.UciOnlineRetailImporter;
import dev.parley.catalog.index.CatalogIndex;
import dev.parley.catalog.index.CatalogQuery;
import dev.parley.catalog.store.CatalogStore;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The catalog's load figures for BENCHMARKS.md: synthetic products whose text, categories,
 * attributes and prices are drawn from the real UCI Online Retail and Open Food Facts catalogs;
 * import rate, heap per product, latency percentiles of five query shapes and of a delta of the
 * last 1,000 changes. An import builds a new in-memory store and its search index together
 * ({@link CatalogIndex#importing}, as a brand node's first start does) until the index answers.
 * Usage: {@code CatalogLoad DATA_DIR [PRODUCTS] [SEED]}; {@code -Dparley.catalog.compare=true}
 * adds imports alternated with the store and index built one after the other;
 * {@code -Dparley.catalog.shuffle=true} imports the products in random SKU order.
 */
public final class CatalogLoad {
    /** Queries of each shape; {@code -Dparley.catalog.queries=N} for more (a profile of the searches). */
    private static final int QUERIES = Integer.getInteger("parley.catalog.queries", 2_000);

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "data");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        SplittableRandom random = new SplittableRandom(args.length > 2 ? Long.parseLong(args[2]) : 7);
        List<Product> real = new ArrayList<>(new UciOnlineRetailImporter(ImportProgress.NONE).importFrom(data.resolve("uci-online-retail/by-day")).products());
        real.addAll(new OpenFoodFactsImporter(ImportProgress.NONE, OpenFoodFactsImporter.referencePricing())
                .importFrom(data.resolve("open-food-facts-sample/openfoodfacts-products-1000.tsv")).products());
        Synth synth = new Synth(real, random);
        // -Dparley.catalog.shuffle=true: the products in no particular SKU order, as a feed may list
        // them. They are made in that order, as an importer parses a feed, so that they lie in
        // memory in the order they are imported: a list shuffled after it was made would make
        // every product a cache miss, which no import of a parsed feed has.
        boolean shuffled = Boolean.getBoolean("parley.catalog.shuffle");
        int[] skuNumbers = java.util.stream.IntStream.range(0, n).toArray();
        if (shuffled) {
            SplittableRandom order = random.split();
            for (int i = n - 1; i > 0; i--) {
                int j = order.nextInt(i + 1);
                int t = skuNumbers[i];
                skuNumbers[i] = skuNumbers[j];
                skuNumbers[j] = t;
            }
        }
        long heapBefore = usedHeap();
        List<Product> products = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            products.add(synth.next(skuNumbers[i]));
        }
        skuNumbers = null;
        System.out.printf("machine: %d cores, %s, max heap %,d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("products: %,d synthetic, drawn from %,d real ones, %s%n", n, real.size(), shuffled ? "in random SKU order" : "in SKU order");

        // The first import of a fresh process runs while the JIT compiles Lucene's indexing chain
        // (on two cores it competes with the two indexing threads); it is reported on its own. The
        // rate of a running node is measured as JMH measures throughput: after warm-up imports,
        // each into a new store and index, until two in a row agree within 5 %.
        Round cold = importRound(products);
        long heapIndexed = usedHeap();
        System.out.printf("first import in a fresh process: %s; load average %.1f%n", cold, loadAverage());
        CatalogStore coldStore = cold.store;
        cold.index.close();
        cold = null;
        long heapStore = usedHeap();
        System.out.printf("heap per product (products, store, change log): %,d B; with the search index: %,d B%n",
                (heapStore - heapBefore) / n, (heapIndexed - heapBefore) / n);
        coldStore.close();
        coldStore = null;
        double previous = 0;
        for (int w = 1; w <= Integer.getInteger("parley.catalog.warmups", MAX_WARM_UP); w++) {
            Round r = importRound(products);
            r.index.close();
            System.out.printf("warm-up import %d: %s%n", w, r);
            boolean steady = Math.abs(r.rate() - previous) <= 0.05 * Math.max(r.rate(), previous);
            previous = r.rate();
            if (steady && w >= 2) {
                break;
            }
        }
        // Only the last import's store and index stay: a node holds one catalog, and earlier ones
        // kept alive would be live data that a concurrent collector marks during the next import.
        List<Round> measured = new ArrayList<>();
        int imports = Integer.getInteger("parley.catalog.imports", MEASURED_IMPORTS);
        for (int m = 1; m <= imports; m++) {
            Round r = importRound(products);
            System.out.printf("measured import %d: %s%n", m, r);
            if (m < imports) {
                r.index.close();
                r.store.close();
                r = r.figures();
            }
            measured.add(r);
        }
        if (Boolean.getBoolean("parley.catalog.compare")) {
            compareWithOneAfterTheOther(products);
        }
        products = null;
        double[] rates = measured.stream().mapToDouble(Round::rate).sorted().toArray();
        double[] perCpu = measured.stream().mapToDouble(Round::perCpuSecond).sorted().toArray();
        System.out.printf("import, stored and searchable, warm: median %,.0f products/s (%,.0f-%,.0f; %,.0f per CPU second); load average %.1f%n",
                rates[rates.length / 2], rates[0], rates[rates.length - 1], perCpu[perCpu.length / 2], loadAverage());
        Round last = measured.get(measured.size() - 1);
        CatalogStore store = last.store;
        CatalogIndex index = last.index;

        List<String> categories = synth.categories();
        Map<String, Supplier<CatalogQuery>> shapes = new LinkedHashMap<>();
        shapes.put("category + price range", () -> CatalogQuery.builder().category(List.of(categories.get(random.nextInt(categories.size()))))
                .price(Money.of("1.00", "GBP"), Money.of(Integer.toString(2 + random.nextInt(20)), "GBP")).build());
        shapes.put("attribute filter", () -> CatalogQuery.builder().attributeEquals("colour", AttributeValue.of(synth.colour())).inStock().build());
        shapes.put("free text", () -> CatalogQuery.builder().text(synth.word() + " " + synth.word()).build());
        shapes.put("free text + filters", () -> CatalogQuery.builder().text(synth.word()).category(List.of(categories.get(random.nextInt(categories.size()))))
                .price(null, Money.of("10", "GBP")).inStock().build());
        shapes.put("sorted by price, page 5", () -> CatalogQuery.builder().category(List.of(categories.get(random.nextInt(categories.size()))))
                .sort(CatalogQuery.Sort.PRICE_ASC).page(5, 20).build());
        // a query's CPU time (its thread's) does not grow with other processes' load as its wall time does
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Searches are measured as a running node serves them. Right after an import the JIT is
        // still compiling the search paths and merges the import started may still run, so passes
        // over every shape warm up until each shape's p99 CPU agrees with the pass before.
        double[] previous99 = null;
        int maxPasses = Integer.getInteger("parley.catalog.query-warmups", MAX_WARM_UP);
        for (int w = 1; w <= maxPasses; w++) {
            double[] p99 = new double[shapes.size()];
            StringBuilder line = new StringBuilder(String.format("warm-up queries %d, p50/p99 CPU ms:", w));
            int k = 0;
            for (Supplier<CatalogQuery> shape : shapes.values()) {
                long[] cpu = queries(index, shape, threads).cpu;
                Arrays.sort(cpu);
                p99[k++] = cpu[(int) (QUERIES * 0.99)] / 1e6;
                line.append(String.format(" %.2f/%.2f", cpu[QUERIES / 2] / 1e6, p99[k - 1]));
            }
            System.out.println(line);
            boolean steady = previous99 != null;
            for (int i = 0; steady && i < p99.length; i++) {
                steady = Math.abs(p99[i] - previous99[i]) <= Math.max(0.1, 0.10 * Math.max(p99[i], previous99[i]));
            }
            previous99 = p99;
            if (steady) {
                break;
            }
        }
        System.out.printf("index segments: %d%n", index.segments());
        System.out.printf("%-26s %10s %10s %10s %12s %12s%n", "query (" + QUERIES + " each)", "p50 ms", "p99 ms", "max ms", "p50 CPU ms", "p99 CPU ms");
        for (Map.Entry<String, Supplier<CatalogQuery>> shape : shapes.entrySet()) {
            Queries run = queries(index, shape.getValue(), threads);
            // -Dparley.catalog.slowest=N: the N queries of the shape that took the most CPU
            int slowest = Integer.getInteger("parley.catalog.slowest", 0);
            java.util.stream.IntStream.range(0, QUERIES).boxed().sorted((a, b) -> Long.compare(run.cpu[b], run.cpu[a])).limit(slowest)
                    .forEach(i -> System.out.printf("  slow: %.2f ms CPU, %,d matches (at least): %s%n", run.cpu[i] / 1e6, run.totals[i], run.asked[i]));
            print(shape.getKey(), run.nanos, run.cpu);
        }
        // one copy of the store's products: each call of all() copies a million references
        List<Product> stored = store.all();
        for (int i = 0; i < 1000; i++) {
            Product p = stored.get(random.nextInt(stored.size()));
            store.upsert(new Product(p.sku(), p.gtin(), p.title(), p.description(), p.brand(), p.category(), p.attributes(), p.images(),
                    p.url(), p.listPrice().plus(Money.of("0.01", "GBP")), p.availability(), p.stock()));
        }
        long since = store.seq() - 1000;
        for (int i = 0; i < QUERIES; i++) {
            store.delta(since);
        }
        long[] nanos = new long[QUERIES];
        long[] cpu = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            store.delta(since);
            nanos[i] = System.nanoTime() - s;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        print("delta of last 1,000", nanos, cpu);
    }

    /** {@link #QUERIES} searches of a shape, each timed in wall and in its thread's CPU time. */
    private static Queries queries(CatalogIndex index, Supplier<CatalogQuery> shape, ThreadMXBean threads) {
        Queries run = new Queries(new long[QUERIES], new long[QUERIES], new CatalogQuery[QUERIES], new long[QUERIES]);
        for (int i = 0; i < QUERIES; i++) {
            CatalogQuery q = shape.get();
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            run.totals[i] = index.search(q).total();
            run.nanos[i] = System.nanoTime() - s;
            run.cpu[i] = threads.getCurrentThreadCpuTime() - c;
            run.asked[i] = q;
        }
        return run;
    }

    private record Queries(long[] nanos, long[] cpu, CatalogQuery[] asked, long[] totals) {
    }

    /** Warm-up imports (and passes of warm-up queries) at most, before measuring anyway. */
    private static final int MAX_WARM_UP = 6;
    private static final int MEASURED_IMPORTS = 3;

    /**
     * One import of all products into a new in-memory store and the index that follows it, built
     * together ({@link CatalogIndex#importing}), until the index answers.
     */
    private static Round importRound(List<Product> products) {
        // Each import starts from the heap of a node that just started: the feed's products and
        // nothing left of an earlier import (as JMH's -gc true collects between iterations).
        // Otherwise a concurrent collector marks the previous imports' garbage during this one.
        if (COLLECT_BETWEEN) {
            System.gc();
        }
        return timedImport(products, store -> CatalogIndex.importing(store, products));
    }

    /** {@code -Dparley.catalog.collect=false}: imports start on whatever heap the one before left. */
    private static final boolean COLLECT_BETWEEN = !"false".equals(System.getProperty("parley.catalog.collect"));

    /** An import into a new in-memory store by {@code build}, which returns the store's index, timed until the index answers. */
    private static Round timedImport(List<Product> products, java.util.function.Function<CatalogStore, CatalogIndex> build) {
        CatalogStore store = CatalogStore.inMemory();
        long cpu0 = processCpuNanos();
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        CatalogIndex index = build.apply(store);
        index.search(CatalogQuery.builder().text("warm up").build());
        return new Round(products.size(), store, index, System.nanoTime() - t0, processCpuNanos() - cpu0, gcMillis() - gc0);
    }

    /**
     * -Dparley.catalog.compare=true: imports alternated, four of each, between the store and its
     * index built together and one after the other (the store committed, then an index that
     * follows it), in the same warm process.
     */
    private static void compareWithOneAfterTheOther(List<Product> products) {
        for (int round = 1; round <= 4; round++) {
            Round together = importRound(products);
            together.index.close();
            Round apart = timedImport(products, store -> {
                store.upsertAll(products);
                return CatalogIndex.following(store);
            });
            apart.index.close();
            System.out.printf("round %d: together %s; one after the other %s%n", round, together, apart);
        }
    }

    /** An import: the store and its search index, built together, and what it took. */
    private record Round(int n, CatalogStore store, CatalogIndex index, long nanos, long cpuNanos, long gcMillis) {
        /** The figures alone, without the store and index. */
        Round figures() {
            return new Round(n, null, null, nanos, cpuNanos, gcMillis);
        }

        double rate() {
            return n / (nanos / 1e9);
        }

        double perCpuSecond() {
            return n / (cpuNanos / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%,.0f products/s stored and searchable (%.1f s; %,.0f per CPU second, %.1f s of CPU; collector %.1f s)",
                    rate(), nanos / 1e9, perCpuSecond(), cpuNanos / 1e9, gcMillis / 1e3);
        }
    }

    /** Time the collectors report having spent (pauses, and for G1 its concurrent cycles' pauses), summed. */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void print(String name, long[] nanos, long[] cpu) {
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf("%-26s %10.3f %10.3f %10.3f %12.3f %12.3f%n", name, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
                nanos[nanos.length - 1] / 1e6, cpu[cpu.length / 2] / 1e6, cpu[(int) (cpu.length * 0.99)] / 1e6);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Draws synthetic products from the real ones: words, categories, colours and prices. */
    private static final class Synth {
        private final List<Product> real;
        private final SplittableRandom random;
        private final List<String> words = new ArrayList<>();
        private final List<String> colours = List.of("red", "pink", "blue", "green", "white", "black", "ivory", "cream");

        Synth(List<Product> real, SplittableRandom random) {
            this.real = real;
            this.random = random;
            for (Product p : real) {
                for (String w : p.title().toLowerCase().split("[^a-z]+")) {
                    if (w.length() > 2) {
                        words.add(w);
                    }
                }
            }
        }

        String word() {
            return words.get(random.nextInt(words.size()));
        }

        String colour() {
            return colours.get(random.nextInt(colours.size()));
        }

        List<String> categories() {
            return real.stream().filter(p -> !p.category().isEmpty()).map(p -> p.category().get(0)).distinct().toList();
        }

        Product next(int i) {
            Product model = real.get(random.nextInt(real.size()));
            String title = word() + " " + model.title();
            Map<String, AttributeValue> attributes = new LinkedHashMap<>(model.attributes());
            attributes.put("colour", AttributeValue.of(colour()));
            BigDecimal factor = BigDecimal.valueOf(50 + random.nextInt(100), 2);
            Money price = new Money(model.listPrice().amount().multiply(factor).setScale(2, java.math.RoundingMode.HALF_EVEN).max(new BigDecimal("0.01")),
                    java.util.Currency.getInstance("GBP"));
            long stock = random.nextInt(10) == 0 ? 0 : random.nextInt(500);
            return new Product(Sku.of(String.format("S%07d", i)), null, title.length() > 500 ? title.substring(0, 500) : title,
                    model.description(), model.brand(), model.category(), attributes, List.of(), null, price,
                    stock == 0 ? Availability.OUT_OF_STOCK : Availability.IN_STOCK, stock);
        }
    }
}
