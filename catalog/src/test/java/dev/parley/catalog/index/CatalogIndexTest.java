package dev.parley.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.catalog.store.CatalogStore;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {
    private CatalogStore store;
    private CatalogIndex index;

    private static Product p(String sku, String title, String description, String brand, List<String> category, String price,
                             Map<String, AttributeValue> attributes, long stock) {
        return new Product(Sku.of(sku), null, title, description, brand, category, attributes, List.of(), null,
                Money.of(price, "GBP"), stock > 0 ? Availability.IN_STOCK : Availability.OUT_OF_STOCK, stock);
    }

    @BeforeEach
    void setUp() {
        store = CatalogStore.inMemory();
        store.upsertAll(List.of(
                p("C1", "Scented soy candle", "Vanilla scented candle in a glass jar", "Lumen", List.of("Home", "Candles"), "8.50",
                        Map.of("vegan", AttributeValue.of(true), "burn_hours", AttributeValue.of(new BigDecimal("40"))), 12),
                p("C2", "Pillar candle set", "Three unscented pillar candles", "Lumen", List.of("Home", "Candles", "Pillars"), "12.00",
                        Map.of("vegan", AttributeValue.of(false), "burn_hours", AttributeValue.of(new BigDecimal("60"))), 0),
                p("M1", "Red enamel mug", "A mug for tea and coffee", "Hearth", List.of("Home", "Kitchen"), "6.25",
                        Map.of("colour", AttributeValue.of(List.of("red", "white"))), 30),
                p("B1", "Organic coffee beans", "Whole beans, medium roast; great in a mug", "Roastery", List.of("Grocery", "Coffee"), "9.99",
                        Map.of("vegan", AttributeValue.of(true), "organic", AttributeValue.of(true)), 100)));
        index = CatalogIndex.following(store);
    }

    private List<String> skus(CatalogQuery q) {
        return index.search(q).products().stream().map(p -> p.sku().value()).toList();
    }

    @Test
    void categorySubtree_andPriceRange_filter() {
        assertEquals(List.of("C1", "C2", "M1"), skus(CatalogQuery.builder().category(List.of("Home")).build()));
        assertEquals(List.of("C1", "C2"), skus(CatalogQuery.builder().category(List.of("Home", "Candles")).build()));
        assertEquals(List.of("C1", "M1"), skus(CatalogQuery.builder().category(List.of("Home"))
                .price(Money.of("6.25", "GBP"), Money.of("8.50", "GBP")).build()), "bounds are inclusive");
        assertEquals(List.of(), skus(CatalogQuery.builder().price(Money.of("1", "EUR"), null).build()), "other currency");
    }

    @Test
    void attributeEquals_in_range_brand_andStock() {
        assertEquals(List.of("B1", "C1"), skus(CatalogQuery.builder().attributeEquals("vegan", AttributeValue.of(true)).build()));
        assertEquals(List.of("M1"), skus(CatalogQuery.builder().attributeIn("colour", List.of(AttributeValue.of("White"), AttributeValue.of("blue"))).build()));
        assertEquals(List.of("C2"), skus(CatalogQuery.builder().attributeRange("burn_hours", new BigDecimal("50"), null).build()));
        assertEquals(List.of("C1", "C2"), skus(CatalogQuery.builder().brand("LUMEN").build()));
        assertEquals(List.of("C1"), skus(CatalogQuery.builder().brand("Lumen").inStock().build()));
    }

    @Test
    void gtin_findsExactlyThatProduct() {
        Product withGtin = new Product(Sku.of("G1"), "4006381333931", "Highlighter", null, "Stabilo", List.of("Office"), Map.of(),
                List.of(), null, Money.of("1.20", "GBP"), Availability.IN_STOCK, 5L);
        store.upsert(withGtin);
        index.close();
        index = CatalogIndex.following(store);
        assertEquals(List.of("G1"), skus(CatalogQuery.builder().gtin("4006381333931").build()));
        assertEquals(List.of(), skus(CatalogQuery.builder().gtin("4006381333948").build()));
    }

    @Test
    void freeText_isRankedByRelevance_withStemming_andTitleWeighted() {
        assertEquals(List.of("C1", "C2"), skus(CatalogQuery.builder().text("candles").build()).subList(0, 2).stream().sorted().toList());
        List<String> mug = skus(CatalogQuery.builder().text("mug").build());
        assertEquals("M1", mug.get(0), "title match ranks above a description match");
        assertTrue(mug.contains("B1"));
        assertEquals(List.of("B1"), skus(CatalogQuery.builder().text("mug").attributeEquals("organic", AttributeValue.of(true)).build()));
        assertEquals(List.of(), skus(CatalogQuery.builder().text("\"unbalanced (quote").category(List.of("Grocery", "Tea")).build()));
    }

    @Test
    void freeText_isWords_quotesAreNotPhrases() {
        assertEquals("C1", skus(CatalogQuery.builder().text("\"candle scented\"").build()).get(0), "words in any order");
        assertEquals(List.of("C1"), skus(CatalogQuery.builder().text("candle -pillar +vanilla").build()), "must and must-not operators");
        assertEquals(List.of("C2"), skus(CatalogQuery.builder().text("pill*").build()), "prefix operator");
    }

    @Test
    void sorting_andPaging() {
        assertEquals(List.of("M1", "C1", "B1", "C2"), skus(CatalogQuery.builder().sort(CatalogQuery.Sort.PRICE_ASC).build()));
        assertEquals(List.of("C2", "B1"), skus(CatalogQuery.builder().sort(CatalogQuery.Sort.PRICE_DESC).page(0, 2).build()));
        assertEquals(List.of("C1", "M1"), skus(CatalogQuery.builder().sort(CatalogQuery.Sort.PRICE_DESC).page(1, 2).build()));
        SearchResult all = index.search(CatalogQuery.builder().page(1, 3).build());
        assertEquals(4, all.total());
        assertTrue(all.totalExact());
        assertEquals(1, all.hits().size());
    }

    @Test
    void sortByTitle_ordersCaseInsensitively_andBreaksTiesBySku() {
        assertEquals(List.of("B1", "C2", "M1", "C1"), skus(CatalogQuery.builder().sort(CatalogQuery.Sort.TITLE).build()));
        store.upsertAll(List.of(
                p("T2", "Zebra striped tea towel, large", null, "Hearth", List.of("Home"), "4.00", Map.of(), 1),
                p("T1", "zebra striped tea towel, small", null, "Hearth", List.of("Home"), "4.00", Map.of(), 1),
                p("T3", "Zebra", null, "Hearth", List.of("Home"), "4.00", Map.of(), 1),
                p("T4", "Ändern ist gut", null, "Hearth", List.of("Home"), "4.00", Map.of(), 1)));
        // titles equal in their first 24 characters fall back to SKU order
        assertEquals(List.of("T3", "T1", "T2", "T4"), skus(CatalogQuery.builder().sort(CatalogQuery.Sort.TITLE).page(1, 4).build()));
    }

    @Test
    void largeBatch_isIndexedInParallel_andEveryProductIsFoundOnce() {
        List<Product> many = new java.util.ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            many.add(p(String.format("X%05d", i), "Item " + i, null, "Bulk", List.of("Bulk", i % 2 == 0 ? "Even" : "Odd"),
                    (1 + i % 50) + ".00", Map.of("size", AttributeValue.of(i % 3 == 0 ? "s" : "m")), i % 10));
        }
        store.upsertAll(many);
        assertEquals(4 + 25_000, index.size());
        SearchResult even = index.search(CatalogQuery.builder().category(List.of("Bulk", "Even")).page(0, 1000).build());
        assertEquals(1000, even.hits().size());
        assertEquals("X00000", even.hits().get(0).product().sku().value());
        assertEquals("X01998", even.hits().get(999).product().sku().value(), "SKU order across the parallel parts");
        SearchResult found = index.search(CatalogQuery.builder().text("12345").build());
        assertEquals(List.of("X12345"), found.products().stream().map(p -> p.sku().value()).toList());
        long small = index.search(CatalogQuery.builder().brand("bulk").attributeEquals("size", AttributeValue.of("S")).inStock()
                .page(0, 1000).build()).hits().size();
        assertEquals(1000, small);
        assertEquals(List.of("X00000", "X00001"), skus(CatalogQuery.builder().brand("Bulk").page(0, 2).build()));
    }

    @Test
    void filterOnlyResults_areExactlyInSkuOrder_includingSkusThatShareTheirFirstCharacters() {
        // products arrive in random order, so document order is not SKU order; SKUs share prefixes of ten characters and more
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        List<Product> many = new java.util.ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            String sku = String.format("SKU-%06d", random.nextInt(3_000)) + (random.nextBoolean() ? "" : "-" + Integer.toString(i, 36));
            many.add(p(sku + "." + i, "Item " + i, null, "Bulk", List.of("Bulk", i % 3 == 0 ? "Third" : "Rest"),
                    (1 + random.nextInt(5)) + ".00", Map.of(), 1 + i % 7));
        }
        java.util.Collections.shuffle(many, new java.util.Random(5));
        store.upsertAll(many.subList(0, 27_000));
        for (Product p : many.subList(27_000, many.size())) {
            store.upsert(p);
        }
        List<Product> third = many.stream().filter(p -> p.category().get(1).equals("Third")).sorted(java.util.Comparator.comparing(Product::sku)).toList();
        for (int page : new int[] {0, 1, 7}) {
            assertEquals(third.subList(page * 500, (page + 1) * 500).stream().map(p -> p.sku().value()).toList(),
                    skus(CatalogQuery.builder().category(List.of("Bulk", "Third")).page(page, 500).build()), "page " + page);
        }
        List<Product> byPrice = many.stream().filter(p -> p.listPrice().compareTo(Money.of("2.00", "GBP")) <= 0)
                .sorted(java.util.Comparator.comparing(Product::sku)).toList();
        assertEquals(byPrice.subList(0, 300).stream().map(p -> p.sku().value()).toList(),
                skus(CatalogQuery.builder().price(null, Money.of("2.00", "GBP")).page(0, 300).build()), "price filter, SKU order");
        List<Product> cheapest = many.stream().sorted(java.util.Comparator.comparing((Product p) -> p.listPrice().amount())
                .thenComparing(Product::sku)).toList();
        assertEquals(cheapest.subList(1000, 1200).stream().map(p -> p.sku().value()).toList(),
                skus(CatalogQuery.builder().brand("Bulk").sort(CatalogQuery.Sort.PRICE_ASC).page(5, 200).build()), "equal prices in SKU order");
    }

    @Test
    void segments_areThoseTheLastSearchSaw() {
        try (CatalogIndex fresh = CatalogIndex.create()) {
            assertEquals(0, fresh.segments());
            fresh.upsertAll(store.all());
            assertEquals(0, fresh.segments(), "not yet searched");
            assertEquals(4, fresh.search(CatalogQuery.builder().build()).products().size());
            assertEquals(1, fresh.segments());
        }
    }

    @Test
    void closedIndex_stopsFollowingTheStore() {
        CatalogIndex other = CatalogIndex.following(store);
        other.close();
        store.upsert(p("C3", "Beeswax candle", "Natural beeswax", "Lumen", List.of("Home", "Candles"), "5.00", Map.of(), 3));
        assertEquals(List.of("C1", "C2", "C3"), skus(CatalogQuery.builder().category(List.of("Home", "Candles")).build()));
    }

    @Test
    void aLargeBatchWithASkuTwice_indexesItsLaterVersion_once() {
        List<Product> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            batch.add(p("BULK-" + i, "Bulk item " + i, null, "Lumen", List.of("Home", "Bulk"), "1.00", Map.of(), 5));
        }
        // the two versions meet where the batch is split between indexing threads: the later one
        // starts the second part, the earlier one ends the first, so without care it lands last
        batch.set(9_999, p("TWICE", "Earlier lantern", null, "Lumen", List.of("Home", "Bulk"), "1.00", Map.of(), 5));
        batch.set(10_000, p("TWICE", "Later lantern", null, "Lumen", List.of("Home", "Bulk"), "1.00", Map.of(), 5));
        store.upsertAll(batch);
        assertEquals("Later lantern", store.get(Sku.of("TWICE")).orElseThrow().title());
        assertEquals(List.of("TWICE"), skus(CatalogQuery.builder().text("later lantern").build()));
        assertEquals(List.of(), skus(CatalogQuery.builder().text("earlier").build()), "the earlier version is not indexed");
        assertEquals(1, index.search(CatalogQuery.builder().text("lantern").build()).total(), "one document for the SKU");
        assertEquals(store.size(), index.size());
    }

    @Test
    void anImport_buildsStoreAndIndexTogether_andTheIndexFollowsLaterChanges() {
        List<Product> products = new java.util.ArrayList<>(store.all());
        for (int i = 0; i < 12_000; i++) {
            products.add(p("IMP-" + i, "Imported lantern " + i, null, "Lumen", List.of("Home", "Lanterns"), "2.00", Map.of(), 5));
        }
        products.add(p("C1", "Scented soy candle, refilled", "Vanilla", "Lumen", List.of("Home", "Candles"), "9.00", Map.of(), 12));
        CatalogStore fresh = CatalogStore.inMemory();
        CatalogIndex imported = CatalogIndex.importing(fresh, products);
        try {
            assertEquals(12_004, fresh.size());
            assertEquals(fresh.size(), imported.size());
            assertEquals("9.00", fresh.get(Sku.of("C1")).orElseThrow().listPrice().amountString(), "the later version of a SKU given twice");
            CatalogQuery candles = CatalogQuery.builder().category(List.of("Home", "Candles")).build();
            assertEquals(List.of("C1", "C2"), imported.search(candles).products().stream().map(p -> p.sku().value()).toList());
            assertEquals(List.of("IMP-0", "IMP-11999"), imported.search(CatalogQuery.builder().text("0 11999").sort(CatalogQuery.Sort.SKU).build())
                    .products().stream().map(p -> p.sku().value()).toList(), "both ends of the batch are indexed");
            assertEquals(1, imported.search(CatalogQuery.builder().text("refilled").build()).total());
            fresh.remove(Sku.of("C2"));
            assertEquals(List.of("C1"), imported.search(candles).products().stream().map(p -> p.sku().value()).toList(), "follows the store");
        } finally {
            imported.close();
            fresh.close();
        }
        assertThrows(IllegalStateException.class, () -> CatalogIndex.importing(store, products), "a store with content is indexed with following");
    }

    @Test
    void anImportWhoseStoreFails_throwsTheStoresFailure_andLeavesNothingIndexed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<Product> products = new java.util.ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            products.add(p("IMP-" + i, "Imported lantern " + i, null, "Lumen", List.of("Home", "Lanterns"), "2.00", Map.of(), 5));
        }
        CatalogStore broken = CatalogStore.sqlite(dir.resolve("catalog.db"));
        broken.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CatalogIndex.importing(broken, products));
        assertTrue(e.getMessage().startsWith("catalog change not stored"), e.getMessage());
        try (CatalogStore reopened = CatalogStore.sqlite(dir.resolve("catalog.db"))) {
            assertEquals(0, reopened.size(), "nothing was stored");
            // the same products import into a working store afterwards
            try (CatalogIndex index = CatalogIndex.importing(reopened, products)) {
                assertEquals(12_000, index.size());
                assertEquals(20, index.search(CatalogQuery.builder().text("lantern").build()).products().size());
            }
        }
    }

    @Test
    void priceFilters_keepToTheirCurrency_onceACatalogHasTwo() {
        CatalogQuery gbpUpTo10 = CatalogQuery.builder().price(null, Money.of("10.00", "GBP")).build();
        assertEquals(List.of("B1", "C1", "M1"), skus(gbpUpTo10));
        store.upsert(new Product(Sku.of("E1"), null, "Euro candle", null, "Lumen", List.of("Home", "Candles"), Map.of(), List.of(), null,
                Money.of("5.00", "EUR"), Availability.IN_STOCK, 4L));
        assertEquals(List.of("B1", "C1", "M1"), skus(gbpUpTo10), "the euro product is not under 10 pounds");
        assertEquals(List.of("E1"), skus(CatalogQuery.builder().price(null, Money.of("10.00", "EUR")).build()));
        store.remove(Sku.of("E1"));
        assertEquals(List.of("B1", "C1", "M1"), skus(gbpUpTo10));
    }

    @Test
    void sortedPagesOfAManyMatchSearch_areThoseOfAFullSort() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        List<Product> many = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // few distinct prices, so that ties (broken by SKU) cross the page boundaries
            many.add(p("P" + random.nextInt(1_000_000), "Item " + i, null, "Lumen", List.of("Home", "Many"),
                    (1 + random.nextInt(30)) + ".00", Map.of(), 1 + random.nextInt(3)));
        }
        store.upsertAll(many);
        List<Product> all = store.all().stream().filter(x -> x.category().equals(List.of("Home", "Many"))).toList();
        for (boolean descending : new boolean[] {false, true}) {
            java.util.Comparator<Product> byPrice = java.util.Comparator.comparing(x -> x.listPrice().amount());
            List<String> expected = all.stream().sorted((descending ? byPrice.reversed() : byPrice).thenComparing(x -> x.sku().value()))
                    .skip(7 * 20).limit(20).map(x -> x.sku().value()).toList();
            SearchResult page = index.search(CatalogQuery.builder().category(List.of("Home", "Many"))
                    .sort(descending ? CatalogQuery.Sort.PRICE_DESC : CatalogQuery.Sort.PRICE_ASC).page(7, 20).build());
            assertEquals(expected, page.products().stream().map(x -> x.sku().value()).toList(), "page 8, descending " + descending);
            assertTrue(page.total() >= 160 && page.total() <= all.size(), "a lower bound at most the matches: " + page.total());
        }
    }

    @Test
    void aPageFarBeyondTheMatches_isEmpty_withoutRoomForAllItsPlaces() {
        for (CatalogQuery.Sort sort : CatalogQuery.Sort.values()) {
            SearchResult far = index.search(CatalogQuery.builder().text("candle").sort(sort).page(2_000_000, 1000).build());
            assertEquals(List.of(), far.hits(), sort.name());
            assertEquals(2, far.total(), "the matches are still counted: " + sort);
        }
    }

    @Test
    void index_followsTheStore_inNearRealTime() {
        store.upsert(p("C3", "Beeswax candle", "Natural beeswax", "Lumen", List.of("Home", "Candles"), "5.00", Map.of(), 3));
        store.remove(Sku.of("C2"));
        store.upsert(p("M1", "Blue enamel mug", "A mug", "Hearth", List.of("Home", "Kitchen"), "6.25",
                Map.of("colour", AttributeValue.of(List.of("blue"))), 30));
        assertEquals(List.of("C1", "C3"), skus(CatalogQuery.builder().category(List.of("Home", "Candles")).build()));
        assertEquals(List.of("M1"), skus(CatalogQuery.builder().attributeEquals("colour", AttributeValue.of("blue")).build()));
        assertEquals(List.of(), skus(CatalogQuery.builder().attributeEquals("colour", AttributeValue.of("red")).build()));
        assertEquals(store.size(), index.size());
    }

    @Test
    void updatesAndRemovals_touchOnlyTheirSku_amongSkusThatShareTheirFirstTenCharacters() {
        // the first ten characters make the SKU's numeric key, which these SKUs share
        List<String> twins = List.of("TENCHARSKU", "TENCHARSKU-A", "TENCHARSKU-B", "TENCHARSKU-AA", "TENCHARSKUX");
        for (String sku : twins) {
            store.upsert(p(sku, "first " + sku, null, "Twins", List.of("Twins"), "1.00", Map.of(), 1));
        }
        // once while the documents are still in the writer's buffer, once after a search wrote them to a segment
        for (String round : List.of("buffered", "searched")) {
            store.upsert(p("TENCHARSKU-A", round + " A", null, "Twins", List.of("Twins"), "2.00", Map.of(), 1));
            store.remove(Sku.of("TENCHARSKU-B"));
            store.upsert(p("TENCHARSKU-B", round + " B", null, "Twins", List.of("Twins"), "3.00", Map.of(), 1));
            store.remove(Sku.of("TENCHARSKU"));
            SearchResult found = index.search(CatalogQuery.builder().brand("Twins").build());
            assertEquals(List.of("TENCHARSKU-A", "TENCHARSKU-AA", "TENCHARSKU-B", "TENCHARSKUX"),
                    found.products().stream().map(p -> p.sku().value()).toList(), round);
            assertEquals(4, found.total(), round);
            assertEquals(List.of(round + " A", "first TENCHARSKU-AA", round + " B", "first TENCHARSKUX"),
                    found.products().stream().map(Product::title).toList(), round);
            assertEquals(List.of("TENCHARSKU-A"), skus(CatalogQuery.builder().text(round).price(Money.of("2.00", "GBP"), Money.of("2.00", "GBP")).build()),
                    round + ": the replaced version is searched, the earlier one is gone");
            assertEquals(List.of(), skus(CatalogQuery.builder().text("first").price(Money.of("2.00", "GBP"), Money.of("3.00", "GBP")).build()), round);
            store.upsert(p("TENCHARSKU", "back " + round, null, "Twins", List.of("Twins"), "1.00", Map.of(), 1));
        }
    }

    @Test
    void searchesRacingTheFirstRefresh_allSeeTheProductsAddedBeforeThem() throws Exception {
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 30; round++) {
                CatalogIndex fresh = CatalogIndex.following(store);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
                List<java.util.concurrent.Future<List<String>>> found = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    found.add(pool.submit(() -> {
                        start.await();
                        return fresh.search(CatalogQuery.builder().text("candle").build()).products().stream().map(p -> p.sku().value()).sorted().toList();
                    }));
                }
                for (java.util.concurrent.Future<List<String>> f : found) {
                    assertEquals(List.of("C1", "C2"), f.get(), "round " + round + ": a search that starts after a change sees it");
                }
                fresh.close();
            }
        } finally {
            pool.shutdown();
        }
    }
}
