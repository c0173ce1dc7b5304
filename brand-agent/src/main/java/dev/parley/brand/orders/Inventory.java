package dev.parley.brand.orders;

import dev.parley.brand.shared.SharedState;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Sku;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Units reserved by confirmed orders, shared by every node of the brand: what is available is the
 * catalog's stock minus what is reserved. A reservation of several lines is all or nothing, under
 * the locks of its SKUs taken in one global order, so concurrent orders on any node never
 * oversell and never deadlock.
 */
public final class Inventory {

    static final String RESERVED = "parley.reserved";

    private final SharedState state;
    private final Function<Sku, Long> stock;

    /**
     * @param stock the units on hand per SKU; null for a SKU without a stock figure, which is
     *     never short
     */
    public Inventory(SharedState state, Function<Sku, Long> stock) {
        this.state = state;
        this.stock = stock;
    }

    /** Units reserved so far. */
    public long reserved(Sku sku) {
        return state.get(RESERVED, sku.value()).map(Long::parseLong).orElse(0L);
    }

    /** Units that can still be promised; {@link Long#MAX_VALUE} for a product without a stock figure. */
    public long available(Sku sku) {
        Long onHand = stock.apply(sku);
        return onHand == null ? Long.MAX_VALUE : Math.max(0, onHand - reserved(sku));
    }

    /** Reserves every line or none; false when any line is short. */
    public boolean reserve(List<PricedLine> lines) {
        Map<String, Long> wanted = totals(lines);
        return lockAll(new ArrayList<>(wanted.keySet()), 0, () -> {
            for (Map.Entry<String, Long> e : wanted.entrySet()) {
                if (available(Sku.of(e.getKey())) < e.getValue()) {
                    return false;
                }
            }
            wanted.forEach((sku, units) -> state.put(RESERVED, sku, Long.toString(reserved(Sku.of(sku)) + units)));
            return true;
        });
    }

    /** Returns the units of lines reserved before (a cancelled order, a failed write). */
    public void release(List<PricedLine> lines) {
        Map<String, Long> held = totals(lines);
        lockAll(new ArrayList<>(held.keySet()), 0, () -> {
            held.forEach((sku, units) -> state.put(RESERVED, sku, Long.toString(Math.max(0, reserved(Sku.of(sku)) - units))));
            return null;
        });
    }

    /** Counts lines as reserved without checking stock: loading orders confirmed earlier. */
    public void restore(List<PricedLine> lines) {
        Map<String, Long> held = totals(lines);
        lockAll(new ArrayList<>(held.keySet()), 0, () -> {
            held.forEach((sku, units) -> state.put(RESERVED, sku, Long.toString(reserved(Sku.of(sku)) + units)));
            return null;
        });
    }

    private static Map<String, Long> totals(List<PricedLine> lines) {
        Map<String, Long> totals = new TreeMap<>();
        for (PricedLine line : lines) {
            totals.merge(line.sku().value(), (long) line.quantity(), Long::sum);
        }
        return totals;
    }

    private <T> T lockAll(List<String> sortedSkus, int from, Supplier<T> action) {
        if (from == sortedSkus.size()) {
            return action.get();
        }
        return state.locked(RESERVED, sortedSkus.get(from), () -> lockAll(sortedSkus, from + 1, action));
    }
}
