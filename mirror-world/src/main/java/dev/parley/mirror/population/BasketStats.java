package dev.parley.mirror.population;

import dev.parley.protocol.message.Sku;
import dev.parley.twin.eval.Invoice;
import dev.parley.twin.model.Event;
import dev.parley.twin.model.EventKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The two shapes of a population's buying the synthetic people are calibrated on: the repeat
 * share (of all basket lines, the share whose product the same person had bought in an earlier
 * basket) and the basket size (distinct products per basket), with its distribution in buckets.
 */
public record BasketStats(long baskets, long lines, double repeatShare, double meanBasketSize, Map<String, Double> sizeShares) {

    /** Upper bounds of the basket-size buckets; the last bucket is open. */
    static final int[] BUCKETS = {1, 5, 10, 20, 50};

    public BasketStats {
        sizeShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizeShares));
    }

    /** The statistics of real customers' invoices. */
    public static BasketStats ofInvoices(List<Invoice> invoices) {
        Map<String, List<Set<Sku>>> byCustomer = new TreeMap<>();
        for (Invoice invoice : invoices) {
            byCustomer.computeIfAbsent(invoice.customer(), c -> new ArrayList<>()).add(invoice.skus());
        }
        return of(byCustomer.values());
    }

    /** The statistics of people's histories (purchases at one instant form a basket). */
    public static BasketStats ofPeople(List<Person> people) {
        List<List<Set<Sku>>> all = new ArrayList<>();
        for (Person person : people) {
            Map<Instant, Set<Sku>> baskets = new TreeMap<>();
            for (Event e : person.history()) {
                if (e.kind() == EventKind.PURCHASE) {
                    baskets.computeIfAbsent(e.time(), t -> new java.util.LinkedHashSet<>()).add(e.sku());
                }
            }
            all.add(new ArrayList<>(baskets.values()));
        }
        return of(all);
    }

    /** The statistics of each person's baskets in time order. */
    public static BasketStats of(Iterable<List<Set<Sku>>> basketsPerPerson) {
        long baskets = 0;
        long lines = 0;
        long repeats = 0;
        long[] buckets = new long[BUCKETS.length + 1];
        for (List<Set<Sku>> person : basketsPerPerson) {
            Set<Sku> seen = new HashSet<>();
            for (Set<Sku> basket : person) {
                baskets++;
                lines += basket.size();
                for (Sku sku : basket) {
                    if (seen.contains(sku)) {
                        repeats++;
                    }
                }
                seen.addAll(basket);
                int b = 0;
                while (b < BUCKETS.length && basket.size() > BUCKETS[b]) {
                    b++;
                }
                buckets[b]++;
            }
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        int lower = 1;
        for (int b = 0; b <= BUCKETS.length; b++) {
            String name = b == BUCKETS.length ? (lower + "+") : lower == BUCKETS[b] ? Integer.toString(lower) : lower + "-" + BUCKETS[b];
            shares.put(name, baskets == 0 ? 0 : (double) buckets[b] / baskets);
            if (b < BUCKETS.length) {
                lower = BUCKETS[b] + 1;
            }
        }
        return new BasketStats(baskets, lines, lines == 0 ? 0 : (double) repeats / lines, baskets == 0 ? 0 : (double) lines / baskets, shares);
    }
}
