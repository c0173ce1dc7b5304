package dev.parley.mirror.population;

import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.twin.eval.Invoice;
import dev.parley.twin.eval.PurchaseHistory;
import dev.parley.twin.model.CrowdSignals;
import dev.parley.twin.model.ItemPopularity;
import dev.parley.twin.model.PopulationSignals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What the real data says about the shop the simulated people buy from: its products, how
 * popular each is (invoices holding it), the usual quantity of each, the real customers' visit
 * rates and invoice totals. The synthetic population draws from these, and the twins see the
 * popularity as their population signal.
 */
public final class Market {

    private final PurchaseHistory history;
    private final List<Product> products;
    private final long[] cumulativePopularity;
    private final Map<Sku, Long> popularity;
    private final Map<Sku, Integer> usualQuantity;
    private final double[] visitRates;
    private final BigDecimal[] invoiceTotals;
    private final Instant end;
    private final List<Sku> mostPopular;

    private Market(PurchaseHistory history) {
        this.history = history;
        Map<Sku, Long> counts = new HashMap<>();
        Map<Sku, List<Integer>> quantities = new HashMap<>();
        Map<String, Integer> invoicesPerCustomer = new HashMap<>();
        Map<String, Instant[]> span = new HashMap<>();
        List<BigDecimal> totals = new ArrayList<>();
        for (Invoice invoice : history.invoices()) {
            BigDecimal total = BigDecimal.ZERO;
            for (Invoice.Line line : invoice.lines()) {
                counts.merge(line.sku(), 1L, Long::sum);
                quantities.computeIfAbsent(line.sku(), k -> new ArrayList<>()).add(line.quantity());
                total = total.add(line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())));
            }
            totals.add(total);
            invoicesPerCustomer.merge(invoice.customer(), 1, Integer::sum);
            span.computeIfAbsent(invoice.customer(), c -> new Instant[] {invoice.time(), invoice.time()})[1] = invoice.time();
        }
        if (totals.isEmpty()) {
            throw new IllegalArgumentException("the purchase history holds no customer invoice");
        }
        Instant first = history.invoices().get(0).time();
        this.end = history.invoices().get(history.invoices().size() - 1).time();
        double days = Math.max(1.0, Duration.between(first, end).toHours() / 24.0);
        this.products = history.catalog().values().stream().filter(p -> counts.containsKey(p.sku()))
                .sorted(Comparator.comparing(Product::sku)).toList();
        this.cumulativePopularity = new long[products.size()];
        long running = 0;
        for (int i = 0; i < products.size(); i++) {
            running += counts.get(products.get(i).sku());
            cumulativePopularity[i] = running;
        }
        this.popularity = Map.copyOf(counts);
        Map<Sku, Integer> usual = new HashMap<>();
        quantities.forEach((sku, list) -> {
            int[] sorted = list.stream().mapToInt(Integer::intValue).sorted().toArray();
            usual.put(sku, sorted[(sorted.length - 1) / 2]);
        });
        this.usualQuantity = Map.copyOf(usual);
        this.visitRates = invoicesPerCustomer.keySet().stream().sorted()
                .mapToDouble(c -> invoicesPerCustomer.get(c) / days).toArray();
        this.invoiceTotals = totals.toArray(BigDecimal[]::new);
        this.mostPopular = products.stream().sorted(Comparator.comparingLong((Product p) -> -counts.get(p.sku())).thenComparing(Product::sku))
                .map(Product::sku).limit(200).toList();
    }

    /** The market of a purchase history (products never bought by a customer are left out). */
    public static Market of(PurchaseHistory history) {
        return new Market(history);
    }

    public PurchaseHistory history() {
        return history;
    }

    /** The products bought at least once, in SKU order. */
    public List<Product> products() {
        return products;
    }

    public Product product(Sku sku) {
        return history.catalog().get(sku);
    }

    /** The time of the last real invoice: simulations start the next day. */
    public Instant end() {
        return end;
    }

    /** The 200 products in most invoices, most first: what a twin explores beyond its person's repertoire. */
    public List<Sku> mostPopular() {
        return mostPopular;
    }

    /** The median quantity of a product's invoice lines. */
    public int usualQuantity(Sku sku) {
        return usualQuantity.getOrDefault(sku, 1);
    }

    /** A product drawn with probability proportional to the invoices holding it. */
    public Product drawByPopularity(RandomGenerator random) {
        long target = random.nextLong(cumulativePopularity[cumulativePopularity.length - 1]);
        int i = Arrays.binarySearch(cumulativePopularity, target + 1);
        return products.get(i >= 0 ? i : -i - 1);
    }

    /** A real customer's invoices per day over the data's span, drawn uniformly. */
    public double drawVisitRate(RandomGenerator random) {
        return visitRates[random.nextInt(visitRates.length)];
    }

    /** A real invoice's total, drawn uniformly. */
    public BigDecimal drawInvoiceTotal(RandomGenerator random) {
        return invoiceTotals[random.nextInt(invoiceTotals.length)];
    }

    /**
     * Item popularity as the twins' population signal: all-time counts over the data's span, no
     * recent counts and no neighbour signals (the simulated market does not change with time).
     */
    public PopulationSignals signals() {
        long days = Math.max(1, java.time.Duration.between(history.invoices().get(0).time(), end).toDays());
        return sku -> {
            long n = popularity.getOrDefault(sku, 0L);
            return n == 0 ? CrowdSignals.NONE : new CrowdSignals(new ItemPopularity(0, 0, n, days), 1, 0, 0, 0);
        };
    }
}
