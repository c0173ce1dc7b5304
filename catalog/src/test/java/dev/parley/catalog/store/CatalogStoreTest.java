package dev.parley.catalog.store;

import static dev.parley.catalog.store.Products.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.catalog.mirror.CatalogMirror;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogStoreTest {
    @TempDir
    Path dir;

    @Test
    void everyChange_advancesTheSequence_andNoOpsDoNot() {
        CatalogStore store = CatalogStore.inMemory();
        assertEquals(0, store.seq());
        assertEquals(1, store.upsert(product("A", "1.00")));
        assertEquals(1, store.upsert(product("A", "1.00")), "same product again is no change");
        assertEquals(2, store.upsert(product("A", "1.20")), "price change");
        assertEquals(3, store.upsert(product("A", "Product A", "1.20", 0L)), "stock change");
        assertEquals(4, store.remove(Sku.of("A")));
        assertEquals(4, store.remove(Sku.of("A")), "removing an absent SKU is no change");
        assertEquals(6, store.upsertAll(List.of(product("B", "2.00"), product("C", "3.00"))));
    }

    @Test
    void bulkLoadIntoAnEmptyStore_endsAsOneUpsertAtATimeWould() throws Exception {
        // unsorted, with SKUs given several times in different versions, some equal to the one before
        SplittableRandom random = new SplittableRandom(11);
        List<Product> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            batch.add(product("S" + random.nextInt(1_500), random.nextInt(1, 4) + ".00"));
        }
        CatalogStore bulk = CatalogStore.inMemory();
        CatalogStore oneByOne = CatalogStore.inMemory();
        bulk.upsertAll(batch);
        batch.forEach(oneByOne::upsert);
        assertStoresEqual(oneByOne, bulk);
        Map<Sku, Product> last = new TreeMap<>();
        batch.forEach(p -> last.put(p.sku(), p));
        assertEquals(List.copyOf(last.values()), bulk.all(), "the last version of each SKU, in SKU order");

        // the store built in one pass takes later changes as any other
        for (int i = 0; i < 500; i++) {
            Sku sku = Sku.of("S" + random.nextInt(1_600));
            if (random.nextBoolean()) {
                bulk.remove(sku);
                oneByOne.remove(sku);
            } else {
                Product p = product(sku.value(), random.nextInt(1, 4) + ".50");
                bulk.upsert(p);
                oneByOne.upsert(p);
            }
        }
        assertStoresEqual(oneByOne, bulk);
    }

    private static void assertStoresEqual(CatalogStore expected, CatalogStore actual) throws Exception {
        assertEquals(expected.seq(), actual.seq());
        assertEquals(expected.all(), actual.all());
        assertEquals(expected.delta(0), actual.delta(0));
        assertEquals(expected.snapshot().page(3, 100), actual.snapshot().page(3, 100));
    }

    @Test
    void delta_returnsExactlyTheChangesSince_coalescedPerSku() throws Exception {
        CatalogStore store = CatalogStore.inMemory();
        store.upsertAll(List.of(product("A", "1.00"), product("B", "2.00"), product("C", "3.00")));
        long from = store.seq();
        store.upsert(product("A", "1.10"));
        store.upsert(product("A", "1.20"));
        store.remove(Sku.of("B"));
        store.upsert(product("D", "4.00"));
        store.upsert(product("E", "5.00"));
        store.remove(Sku.of("E"));
        Delta delta = store.delta(from);
        assertEquals(from, delta.fromSeq());
        assertEquals(store.seq(), delta.toSeq());
        assertEquals(List.of(product("A", "1.20"), product("D", "4.00")), delta.upserts());
        assertEquals(List.of(Sku.of("B"), Sku.of("E")), delta.removals());
        assertTrue(store.delta(store.seq()).empty());
        assertThrows(CatalogUnavailableException.class, () -> store.delta(store.seq() + 1));
    }

    @Test
    void aBatchLargerThanTheLog_keepsItsLatestHalf() throws Exception {
        CatalogStore store = CatalogStore.inMemory(10);
        for (int i = 0; i < 3; i++) {
            store.upsert(product("S" + i, "1.00"));
        }
        List<Product> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(product("B" + i, "2.00"));
        }
        assertEquals(28, store.upsertAll(batch));
        assertEquals(batch.subList(20, 25), store.delta(23).upserts(), "the latest five changes, all from the batch");
        assertThrows(CatalogUnavailableException.class, () -> store.delta(22));

        // a batch that leaves part of the log before it
        CatalogStore small = CatalogStore.inMemory(10);
        for (int i = 0; i < 8; i++) {
            small.upsert(product("S" + i, "1.00"));
        }
        small.upsertAll(List.of(product("T0", "1.00"), product("T1", "1.00"), product("T2", "1.00")));
        assertEquals(List.of(product("S6", "1.00"), product("S7", "1.00"), product("T0", "1.00"), product("T1", "1.00"), product("T2", "1.00")),
                small.delta(6).upserts());
        assertThrows(CatalogUnavailableException.class, () -> small.delta(5));
    }

    @Test
    void delta_olderThanTheLog_isUnavailable_soTheClientResyncs() throws Exception {
        CatalogStore store = CatalogStore.inMemory(10);
        for (int i = 0; i < 30; i++) {
            store.upsert(product("S" + i, "1.00"));
        }
        assertThrows(CatalogUnavailableException.class, () -> store.delta(0));
        assertEquals(List.of(product("S29", "1.00")), store.delta(29).upserts());
    }

    @Test
    void pagingAtAFixedSequence_isStable_whileChangesContinue_andDeltasBridgeToNow() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        CatalogStore store = CatalogStore.inMemory();
        for (int i = 0; i < 500; i++) {
            store.upsert(product(String.format("P%04d", random.nextInt(800)), price(random)));
        }
        for (int round = 0; round < 20; round++) {
            Snapshot snapshot = store.snapshot();
            long atSeq = snapshot.seq();
            Map<Sku, Product> expected = new TreeMap<>();
            store.all().forEach(p -> expected.put(p.sku(), p));
            CatalogMirror mirror = new CatalogMirror();
            int pageSize = 1 + random.nextInt(60);
            int pages = snapshot.pages(pageSize);
            for (int page = 0; page < pages; page++) {
                for (int k = random.nextInt(15); k > 0; k--) {
                    mutate(store, random);
                }
                // A client paging at the snapshot's sequence gets the same pages as at the start.
                Snapshot again = store.snapshot(atSeq);
                assertEquals(snapshot.page(page, pageSize), again.page(page, pageSize));
                assertEquals(CatalogMirror.Outcome.APPLIED, mirror.applyPage(again.toBody(page, pageSize)));
            }
            assertEquals(atSeq, mirror.seq());
            assertEquals(List.copyOf(expected.values()), mirror.products(), "the pages make up the snapshot");
            assertEquals(CatalogMirror.Outcome.APPLIED, mirror.applyDelta(store.delta(atSeq).toBody()));
            assertEquals(store.all(), mirror.products(), "snapshot + delta = now (round " + round + ")");
            assertEquals(store.seq(), mirror.seq());
        }
    }

    private static void mutate(CatalogStore store, SplittableRandom random) {
        String sku = String.format("P%04d", random.nextInt(800));
        if (random.nextInt(4) == 0) {
            store.remove(Sku.of(sku));
        } else {
            store.upsert(product(sku, price(random)));
        }
    }

    private static String price(SplittableRandom random) {
        return (1 + random.nextInt(50)) + "." + String.format("%02d", random.nextInt(100));
    }

    @Test
    void mirror_detectsAGap_andRefusesToDiverge() throws Exception {
        CatalogStore store = CatalogStore.inMemory();
        store.upsert(product("A", "1.00"));
        CatalogMirror mirror = new CatalogMirror();
        mirror.applyPage(store.snapshot().toBody(0, 100));
        long held = mirror.seq();
        store.upsert(product("B", "2.00"));
        long missed = store.seq();
        store.upsert(product("C", "3.00"));
        assertEquals(CatalogMirror.Outcome.GAP, mirror.applyDelta(store.delta(missed).toBody()));
        assertEquals(held, mirror.seq(), "nothing applied");
        assertEquals(1, mirror.size());
        assertEquals(CatalogMirror.Outcome.APPLIED, mirror.applyDelta(store.delta(held).toBody()));
        assertEquals(CatalogMirror.Outcome.STALE, mirror.applyDelta(store.delta(held).toBody()));
        assertEquals(3, mirror.size());
    }

    @Test
    void mirror_pageOfAnotherSnapshot_restartsPaging() {
        CatalogStore store = CatalogStore.inMemory();
        for (int i = 0; i < 10; i++) {
            store.upsert(product("S" + i, "1.00"));
        }
        CatalogMirror mirror = new CatalogMirror();
        Snapshot first = store.snapshot();
        mirror.applyPage(first.toBody(0, 4));
        store.upsert(product("S99", "1.00"));
        assertEquals(CatalogMirror.Outcome.RESTART, mirror.applyPage(store.snapshot().toBody(1, 4)));
        assertEquals(-1, mirror.seq());
    }

    @Test
    void sqliteStore_survivesARestart_withItsCatalogSequenceAndDeltas() throws Exception {
        Path db = dir.resolve("catalog.db");
        long before;
        List<Product> all;
        try (CatalogStore store = CatalogStore.sqlite(db)) {
            store.upsertAll(List.of(product("A", "1.00"), product("B", "2.00"), product("C", "3.00")));
            store.upsert(product("A", "1.50"));
            store.remove(Sku.of("B"));
            before = store.seq();
            all = store.all();
        }
        try (CatalogStore reopened = CatalogStore.sqlite(db)) {
            assertEquals(before, reopened.seq());
            assertEquals(all, reopened.all());
            assertEquals(List.of(product("A", "1.50")), reopened.delta(3).upserts());
            assertEquals(List.of(Sku.of("B")), reopened.delta(3).removals());
            assertEquals(before + 1, reopened.upsert(product("D", "4.00")));
        }
        try (CatalogStore third = CatalogStore.sqlite(db)) {
            assertEquals(before + 1, third.seq());
            assertEquals(3, third.size());
        }
    }

    @Test
    void snapshot_beforeTheLog_isUnavailable_andCurrentSnapshotIsCached() throws Exception {
        CatalogStore store = CatalogStore.inMemory(4);
        for (int i = 0; i < 12; i++) {
            store.upsert(product("S" + i, "1.00"));
        }
        assertThrows(CatalogUnavailableException.class, () -> store.snapshot(1));
        assertTrue(store.snapshot() == store.snapshot(store.seq()));
        assertEquals(12, store.snapshot().size());
        assertEquals(11, store.snapshot(store.seq() - 1).size());
    }

    @Test
    void etag_dependsOnSequenceAndPage() {
        CatalogStore store = CatalogStore.inMemory();
        store.upsert(product("A", "1.00"));
        String tag = store.snapshot().etag(0, 50);
        store.upsert(product("B", "1.00"));
        assertTrue(!tag.equals(store.snapshot().etag(0, 50)));
        assertTrue(!store.snapshot().etag(0, 50).equals(store.snapshot().etag(1, 50)));
        assertEquals(store.snapshot().etag(0, 50), store.snapshot().etag(0, 50));
    }
}
