package dev.parley.brand.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.shared.LocalSharedState;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InventoryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private static PricedLine line(String sku, int quantity) {
        return new PricedLine(Sku.of(sku), quantity, Money.of("1.00", "GBP"), null);
    }

    @Test
    void reservations_areAllOrNothing_andReleasable() {
        Inventory inventory = new Inventory(new LocalSharedState(CLOCK), Map.of(Sku.of("A"), 5L, Sku.of("B"), 2L)::get);
        assertTrue(inventory.reserve(List.of(line("A", 3), line("B", 1))));
        assertFalse(inventory.reserve(List.of(line("A", 1), line("B", 2))), "B is short: nothing is reserved");
        assertEquals(2, inventory.available(Sku.of("A")));
        assertEquals(1, inventory.available(Sku.of("B")));
        assertFalse(inventory.reserve(List.of(line("A", 2), line("A", 1))), "lines of one SKU add up");
        inventory.release(List.of(line("A", 3)));
        assertEquals(5, inventory.available(Sku.of("A")));
        assertEquals(Long.MAX_VALUE, inventory.available(Sku.of("UNTRACKED")), "no stock figure: never short");
    }

    @Test
    void concurrentOrders_neverOversell() throws Exception {
        Inventory inventory = new Inventory(new LocalSharedState(CLOCK), Map.of(Sku.of("A"), 100L, Sku.of("B"), 60L)::get);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            List<PricedLine> lines = i % 2 == 0 ? List.of(line("A", 1), line("B", 1)) : List.of(line("B", 1), line("A", 1));
            results.add(pool.submit(() -> inventory.reserve(lines)));
        }
        int granted = 0;
        for (Future<Boolean> f : results) {
            granted += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(60, granted, "exactly as many orders as B has units");
        assertEquals(0, inventory.available(Sku.of("B")));
        assertEquals(40, inventory.available(Sku.of("A")));
    }
}
