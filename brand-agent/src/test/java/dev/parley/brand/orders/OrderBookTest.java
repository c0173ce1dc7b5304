package dev.parley.brand.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.message.OrderStatus;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderBookTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final String TWIN = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    private static StoredOrder order(String id, String key, String quote) {
        List<PricedLine> items = List.of(new PricedLine(Sku.of("A"), 2, Money.of("4.50", "GBP"), Money.of("5.00", "GBP")));
        return new StoredOrder(id, TWIN, key, quote, "hash-" + id, items, Money.of("9.00", "GBP"), Money.of("10.00", "GBP"), "standard",
                OrderStatus.CONFIRMED, T, T, "receipt-" + id);
    }

    @Test
    void orders_surviveReopening_andDuplicatesAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orders.db");
        String storeId;
        try (OrderBook book = OrderBook.open(file)) {
            storeId = book.storeId();
            book.insert(order("o1", "key-00000001", "q1"));
            book.insert(order("o2", "key-00000002", "q2"));
            assertThrows(OrderBook.DuplicateOrderException.class, () -> book.insert(order("o3", "key-00000001", "q3")), "same idempotency key");
            assertThrows(OrderBook.DuplicateOrderException.class, () -> book.insert(order("o4", "key-00000004", "q2")), "same quote");
            book.updateStatus("o2", OrderStatus.CANCELLED, T.plusSeconds(60));
        }
        try (OrderBook book = OrderBook.open(file)) {
            assertEquals(storeId, book.storeId(), "the store keeps its identity");
            assertEquals(List.of("o1", "o2"), book.all().stream().map(StoredOrder::orderId).toList());
            StoredOrder o1 = book.byIdempotencyKey(TWIN, "key-00000001").orElseThrow();
            assertEquals(order("o1", "key-00000001", "q1"), o1, "every field round-trips");
            assertEquals(Money.of("1.00", "GBP"), o1.discount());
            assertEquals(OrderStatus.CANCELLED, book.byQuote("q2").orElseThrow().status());
            assertEquals(1, book.countFor(TWIN), "cancelled orders do not count");
            assertTrue(book.byId("o9").isEmpty());
        }
    }

    /** How a test records a message: committed before the call returns, or behind. */
    private interface Remember {
        void remember(OrderBook book, String key, Instant forgetAfter);
    }

    @Test
    void messagesRememberedConcurrently_areAllOnDiskWhenTheCallsReturn(@TempDir Path dir) throws Exception {
        rememberedFromManyThreads_areAllOnDiskOnce(dir, OrderBook::rememberMessage);
    }

    @Test
    void messagesRememberedBehind_areOnDiskAfterAFlush_andAllOfThemAfterClose(@TempDir Path dir) throws Exception {
        Instant forgetAfter = T.plusSeconds(600);
        try (OrderBook book = OrderBook.open(dir.resolve("flushed.db"))) {
            book.rememberMessageLater("first", forgetAfter);
            book.flushRemembered();
            assertEquals(forgetAfter, book.rememberedMessages(T).get("first"), "a flushed record is committed");
        }
        // no flush there: closing the book writes what is still waiting
        rememberedFromManyThreads_areAllOnDiskOnce(dir, OrderBook::rememberMessageLater);
    }

    private static void rememberedFromManyThreads_areAllOnDiskOnce(Path dir, Remember how) throws Exception {
        Path file = dir.resolve("orders.db");
        int threads = 8;
        int each = 250;
        Instant forgetAfter = T.plusSeconds(600);
        try (OrderBook book = OrderBook.open(file)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            how.remember(book, "iss-" + thread + " id-" + i, forgetAfter);
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            how.remember(book, "iss-0 id-0", forgetAfter.plusSeconds(60));
            how.remember(book, "gone", T.minusSeconds(1));
        }
        try (OrderBook book = OrderBook.open(file)) {
            java.util.Map<String, Instant> remembered = book.rememberedMessages(T);
            assertEquals(threads * each, remembered.size(), "every record, once; none already forgettable");
            assertEquals(forgetAfter, remembered.get("iss-7 id-249"));
            assertEquals(forgetAfter.plusSeconds(60), remembered.get("iss-0 id-0"),
                    "a message recorded twice is remembered until the later instant (never forgotten early)");
        }
    }

    @Test
    void replayRecordsOfADatabaseWrittenOneRowPerRecord_areKeptAfterTheUpgrade(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orders.db");
        try (OrderBook book = OrderBook.open(file)) {
            book.insert(order("o1", "key-00000001", "q1"));
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement()) {
            // the earlier layout: one row per record
            s.execute("CREATE TABLE replay (key TEXT PRIMARY KEY, forget_after INTEGER NOT NULL)");
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO replay VALUES (?, ?)")) {
                // more records than one row of the new table holds; every third one already forgettable
                for (int i = 0; i < 120_000; i++) {
                    insert.setString(1, "did:key:z6MkOld msg-" + i);
                    insert.setLong(2, (i % 3 == 0 ? T.minusSeconds(1) : T.plusSeconds(300 + i)).getEpochSecond());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        try (OrderBook book = OrderBook.open(file)) {
            java.util.Map<String, Instant> remembered = book.rememberedMessages(T);
            assertEquals(80_000, remembered.size(), "every record still to keep survives the move; the forgettable ones are not restored");
            assertEquals(T.plusSeconds(300 + 119_999), remembered.get("did:key:z6MkOld msg-119999"));
            assertEquals(null, remembered.get("did:key:z6MkOld msg-0"));
            assertEquals(1, book.all().size(), "orders untouched");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement()) {
            try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'replay'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the old table is gone once moved");
            }
            try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM replay_batch")) {
                rs.next();
                assertEquals(3, rs.getInt(1), "moved in rows of 50,000 records");
            }
        }
        try (OrderBook book = OrderBook.open(file)) {
            assertEquals(80_000, book.rememberedMessages(T).size(), "a second open moves nothing again");
        }
    }

    @Test
    void aDamagedBatchOfReplayRecords_isReportedNotSkipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orders.db");
        try (OrderBook book = OrderBook.open(file)) {
            book.rememberMessage("one", T.plusSeconds(60));
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement()) {
            s.execute("UPDATE replay_batch SET records = substr(records, 1, length(records) - 1)");
        }
        try (OrderBook book = OrderBook.open(file)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> book.rememberedMessages(T));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        }
    }

    @Test
    void aClosedBook_refusesRecordsBehind(@TempDir Path dir) {
        OrderBook book = OrderBook.open(dir.resolve("orders.db"));
        book.rememberMessageLater("one", T.plusSeconds(60));
        book.close();
        assertThrows(IllegalStateException.class, () -> book.rememberMessageLater("two", T.plusSeconds(60)));
    }
}
