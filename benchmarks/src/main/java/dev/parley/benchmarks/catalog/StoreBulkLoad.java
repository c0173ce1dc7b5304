package dev.parley.benchmarks.catalog;

import dev.parley.catalog.store.CatalogStore;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A catalog store's bulk load: {@code PRODUCTS} products with SKUs in random order put into an
 * empty in-memory store in one batch (sorted once, the tree built in one pass), against the same
 * products in batches of 999 (under the bulk threshold: a tree insert per product), alternated in
 * one process. Usage: {@code StoreBulkLoad [PRODUCTS] [ROUNDS]}.
 */
public final class StoreBulkLoad {
    private StoreBulkLoad() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        SplittableRandom random = new SplittableRandom(17);
        List<Product> products = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String sku = "SKU-" + (100_000_000 + random.nextInt(900_000_000)) + "-" + i;
            products.add(new Product(Sku.of(sku), null, "Product " + i, null, "Example", List.of("Home"), Map.of(), List.of(), null,
                    Money.of("1.00", "GBP"), Availability.IN_STOCK, 5L));
        }
        System.out.printf("%,d products, SKUs in random order; %d rounds, each way alternated%n", n, rounds);
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            CatalogStore bulk = CatalogStore.inMemory();
            bulk.upsertAll(products);
            long t1 = System.nanoTime();
            CatalogStore batches = CatalogStore.inMemory();
            for (int from = 0; from < n; from += 999) {
                batches.upsertAll(products.subList(from, Math.min(n, from + 999)));
            }
            long t2 = System.nanoTime();
            if (bulk.size() != batches.size()) {
                throw new IllegalStateException("the two stores differ");
            }
            System.out.printf("round %d: one batch %,d ms; batches of 999 %,d ms (%.2fx)%n", round, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t2 - t1) / (double) (t1 - t0));
        }
    }
}
