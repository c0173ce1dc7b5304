package dev.parley.cli.demo;

import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.brand.orders.StoredOrder;
import dev.parley.catalog.feed.ImportProgress;
import dev.parley.catalog.feed.ImportResult;
import dev.parley.catalog.feed.OpenFoodFactsImporter;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.OrderConfirmed;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.money.Money;
import dev.parley.twin.DailyMe;
import dev.parley.twin.Mandate;
import dev.parley.twin.ModelPreferences;
import dev.parley.twin.Twin;
import dev.parley.twin.eval.Invoice;
import dev.parley.twin.eval.PurchaseHistory;
import dev.parley.twin.model.Event;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo: three brand agents on loopback with catalogs from real data and policies of their
 * own, twins for real UCI Online Retail customers (from their actual purchase histories) and one
 * twin with stated wishes only; a Daily Me for each, one approval, an HTML report. No campaign is
 * sent: every offer is made to one twin, for what that twin asked.
 */
public final class Demo {

    /** What to run. {@code today} is the instant the demo plays at (its clock is fixed there). */
    public record Options(Path data, int customers, long seed, Path report, Instant today) {}

    /** The brands of the demo: name, origin, catalog part, policy resource. */
    record BrandSpec(String name, String origin, String policy) {}

    static final BrandSpec HEARTH = new BrandSpec("Hearth & Home", "https://hearth-and-home.example", "hearth-policy.json");
    static final BrandSpec GIFTS = new BrandSpec("Merry & Bright Gifts", "https://merry-and-bright.example", "gifts-policy.json");
    static final BrandSpec GROCER = new BrandSpec("Green Basket", "https://green-basket.example", "grocer-policy.json");

    /** A twin of the demo and what it produced. */
    record TwinRun(String name, String description, Twin twin, DailyMe dailyMe, int historyEvents) {}

    /** Everything the report shows. */
    record Outcome(Instant today, List<TwinRun> twins, Map<String, List<StoredOrder>> ordersByBrand, Map<String, Integer> catalogSizes,
                   String approvedItem, String receipt, OrderConfirmed receiptBody, long millis) {}

    private final Options options;
    private final PrintStream out;

    public Demo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Outcome run() throws Exception {
        long started = System.nanoTime();
        Clock clock = Clock.fixed(options.today(), ZoneOffset.UTC);
        Path work = Files.createTempDirectory("parley-demo");
        out.println("Parley demo — campaignless commerce on real data. Today is " + options.today().atZone(ZoneOffset.UTC).toLocalDate() + ".");
        out.println();
        out.println("Reading the UCI Online Retail transactions and the Open Food Facts sample…");
        PurchaseHistory history = PurchaseHistory.read(options.data().resolve("uci-online-retail/by-day"));
        ImportResult food = new OpenFoodFactsImporter(ImportProgress.NONE, OpenFoodFactsImporter.referencePricing())
                .importFrom(options.data().resolve("open-food-facts-sample/openfoodfacts-products-1000.tsv"));
        List<Product> homeware = new ArrayList<>();
        List<Product> gifts = new ArrayList<>();
        for (Product p : history.catalog().values()) {
            String top = p.category().isEmpty() ? "" : p.category().get(0);
            (top.equals("Home") || top.equals("Kitchen & Dining") ? homeware : gifts).add(p);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put(HEARTH.name(), homeware.size());
        sizes.put(GIFTS.name(), gifts.size());
        sizes.put(GROCER.name(), food.products().size());

        Vertx vertx = Vertx.vertx();
        List<BrandNode> nodes = new ArrayList<>();
        List<Twin> twins = new ArrayList<>();
        List<TwinStore> stores = new ArrayList<>();
        try {
            out.println("Starting three brand agents on 127.0.0.1 (signed catalogs, their own policies):");
            BrandNode hearth = brand(work, HEARTH, homeware, clock, vertx, 1);
            BrandNode giftsNode = brand(work, GIFTS, gifts, clock, vertx, 2);
            BrandNode grocer = brand(work, GROCER, food.products(), clock, vertx, 3);
            nodes.addAll(List.of(hearth, giftsNode, grocer));
            List<BrandSpec> specs = List.of(HEARTH, GIFTS, GROCER);
            for (int i = 0; i < nodes.size(); i++) {
                BrandNode node = nodes.get(i);
                out.printf("  %-22s %-34s %,6d products  on %s%n", specs.get(i).name(), node.origin(), node.catalog().size(), node.url());
            }
            out.println();

            List<TwinRun> runs = new ArrayList<>();
            List<String> customers = pickCustomers(history, options.customers(), options.seed());
            Map<String, List<Invoice>> byCustomer = history.invoices().stream()
                    .filter(i -> i.time().isBefore(options.today()))
                    .collect(Collectors.groupingBy(Invoice::customer, LinkedHashMap::new, Collectors.toList()));
            int n = 0;
            for (String customer : customers) {
                TwinStore store = TwinStore.open(work.resolve("twin-" + customer + ".db"));
                stores.add(store);
                Twin twin = Twin.open(store, vertx, clock, new SplittableRandom(options.seed() + (++n)), Twin.Options.defaults(), ModelPreferences.source());
                twins.add(twin);
                twin.setMandate(new Mandate(gbp("60.00"), gbp("200.00"), gbp("25.00"), 6, null));
                twin.follow(HEARTH.origin(), URI.create(hearth.url()));
                twin.follow(GIFTS.origin(), URI.create(giftsNode.url()));
                int events = 0;
                for (Invoice invoice : byCustomer.getOrDefault(customer, List.of())) {
                    for (Invoice.Line line : invoice.lines()) {
                        twin.record(Event.purchase(invoice.time(), history.catalog().get(line.sku()), line.unitPrice(), line.quantity()));
                        events++;
                    }
                }
                runs.add(new TwinRun("Customer " + customer, byCustomer.getOrDefault(customer, List.of()).size() + " invoices, " + events
                        + " purchase lines before today", twin, null, events));
            }
            TwinStore wishStore = TwinStore.open(work.resolve("twin-wishes.db"));
            stores.add(wishStore);
            Twin wishful = Twin.open(wishStore, vertx, clock, new SplittableRandom(options.seed() + 100), Twin.Options.defaults(), ModelPreferences.source());
            twins.add(wishful);
            wishful.setMandate(new Mandate(eur("20.00"), eur("60.00"), eur("6.00"), 4, null));
            wishful.setWishes(List.of("organic", "pasta", "chocolate", "tea", "juice", "no palm oil"));
            wishful.follow(GROCER.origin(), URI.create(grocer.url()));
            runs.add(new TwinRun("A new twin with wishes only", "wishes: organic, pasta, chocolate, tea, juice, no palm oil; budget EUR 20 a day, EUR 6 an item",
                    wishful, null, 0));

            List<TwinRun> done = new ArrayList<>();
            for (TwinRun run : runs) {
                out.println("Daily Me for " + run.name() + " (" + run.description() + "):");
                DailyMe me = run.twin().runDailyMe().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
                print(me);
                done.add(new TwinRun(run.name(), run.description(), run.twin(), me, run.historyEvents()));
            }

            String approvedItem = null;
            String receipt = null;
            OrderConfirmed receiptBody = null;
            for (TwinRun run : done) {
                DailyMe.Item first = run.dailyMe().items().stream().filter(i -> i.quote() != null).findFirst().orElse(null);
                if (first != null) {
                    out.println("The person behind " + run.name() + " approves \"" + first.title() + "\" from " + first.brandName() + "…");
                    DailyMe.Item ordered = run.twin().approve(first.id()).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
                    if (ordered.status() != DailyMe.Status.ORDERED) {
                        throw new IllegalStateException("the approved order was not confirmed: " + ordered.statusDetail());
                    }
                    receipt = ordered.receipt();
                    receiptBody = ParleyJson.bind(ParleyJson.readObject(java.util.Base64.getUrlDecoder().decode(receipt.split("\\.")[1])).get("body"),
                            OrderConfirmed.class);
                    approvedItem = first.title();
                    out.printf("  signed receipt (order.confirmed, verified by the twin): order %s, %s, status %s%n", receiptBody.orderId(),
                            receiptBody.total(), receiptBody.status().wire());
                    out.println("  " + receipt.substring(0, Math.min(110, receipt.length())) + "…");
                    DailyMe refreshed = run.twin().latest().orElseThrow();
                    done.set(done.indexOf(run), new TwinRun(run.name(), run.description(), run.twin(), refreshed, run.historyEvents()));
                    break;
                }
            }
            Map<String, List<StoredOrder>> orders = new LinkedHashMap<>();
            orders.put(HEARTH.name(), hearth.service().orderBook().all());
            orders.put(GIFTS.name(), giftsNode.service().orderBook().all());
            orders.put(GROCER.name(), grocer.service().orderBook().all());
            Outcome outcome = new Outcome(options.today(), done, orders, sizes, approvedItem, receipt, receiptBody,
                    (System.nanoTime() - started) / 1_000_000);
            if (options.report() != null) {
                Path parent = options.report().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(options.report(), DemoReport.html(outcome), StandardCharsets.UTF_8);
                out.println();
                out.println("Report: " + options.report().toAbsolutePath());
            }
            return outcome;
        } finally {
            for (Twin twin : twins) {
                twin.close();
            }
            for (TwinStore store : stores) {
                store.close();
            }
            for (BrandNode node : nodes) {
                node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            deleteTree(work);
        }
    }

    private void print(DailyMe me) {
        if (me.items().isEmpty()) {
            out.println("  (nothing today)");
        }
        int rank = 0;
        for (DailyMe.Item item : me.items()) {
            out.printf("  %2d. %-38s %-20s list %9s  offer %9s  now %9s  saves %8s%n", ++rank, clip(item.title() + (item.quantity() > 1 ? " ×" + item.quantity() : ""), 38),
                    clip(item.brandName(), 20), item.listPrice(), item.offeredPrice(), item.price(), item.saving());
            out.println("      why: " + clip(item.why(), 150));
        }
        for (DailyMe.Skipped s : me.skipped()) {
            out.println("  skipped " + s.brand() + ": " + s.detail());
        }
        out.println();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The customers with the most invoices before today (UK customers of the data), a seeded pick among the top 40. */
    static List<String> pickCustomers(PurchaseHistory history, int count, long seed) {
        Map<String, Integer> invoices = new HashMap<>();
        for (Invoice i : history.invoices()) {
            invoices.merge(i.customer(), 1, Integer::sum);
        }
        List<String> top = invoices.entrySet().stream()
                .filter(e -> e.getValue() >= 8 && e.getValue() <= 60)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(40).map(Map.Entry::getKey).collect(Collectors.toCollection(ArrayList::new));
        java.util.Collections.shuffle(top, new java.util.Random(seed));
        List<String> picked = top.subList(0, Math.min(count, top.size()));
        picked.sort(Comparator.naturalOrder());
        return List.copyOf(picked);
    }

    private BrandNode brand(Path work, BrandSpec spec, List<Product> products, Clock clock, Vertx vertx, long seed) throws Exception {
        Path dir = work.resolve(spec.policy().replace("-policy.json", ""));
        Files.createDirectories(dir);
        StringBuilder jsonl = new StringBuilder();
        for (Product p : products) {
            jsonl.append(ParleyJson.writeString(p)).append('\n');
        }
        Files.writeString(dir.resolve("catalog.jsonl"), jsonl);
        try (InputStream policy = Demo.class.getResourceAsStream(spec.policy())) {
            Files.write(dir.resolve("policy.json"), policy.readAllBytes());
        }
        Files.writeString(dir.resolve("brand.json"), ParleyJson.writeString(Map.of(
                "name", spec.name(), "origin", spec.origin(), "port", 0, "data_dir", "data",
                "catalog", Map.of("format", "jsonl", "path", "catalog.jsonl", "page_size", 200),
                "policy", "policy.json",
                "limits", Map.of("requests_per_second", 10000, "burst", 10000))));
        BrandConfig config = BrandConfig.load(dir.resolve("brand.json"), Map.of());
        return BrandNode.start(config, new BrandNode.Options(clock, new SplittableRandom(seed), vertx))
                .toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    }

    private static Money gbp(String amount) {
        return Money.of(amount, "GBP");
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
