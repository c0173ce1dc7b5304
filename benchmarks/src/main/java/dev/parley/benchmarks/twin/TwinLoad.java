package dev.parley.benchmarks.twin;

import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.money.Money;
import dev.parley.twin.DailyMe;
import dev.parley.twin.Mandate;
import dev.parley.twin.ModelPreferences;
import dev.parley.twin.Twin;
import dev.parley.twin.brand.BrandDirectory;
import dev.parley.twin.model.Event;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The twin under load against real brand agent nodes on loopback, all in one process on the same
 * cores. 20 brands, each its own node and keys, each carrying about three quarters of the example
 * brand's 40 products at its own prices (so brands overlap and compete, as real shops do). Then:
 *
 * <ol>
 *   <li>one person's twin on its own (its own catalog mirrors): the first Daily Me (discovery and
 *       full catalog sync of every brand), then repeated Daily Me runs after the sync, and again
 *       with a catalog delta sync on every run;</li>
 *   <li>a consumer app hosting many twins in one process: one shared {@link BrandDirectory} (one
 *       mirror and one connection pool per brand) and N distinct twins — each its own store, keys,
 *       wishes and purchase history — running their Daily Me at the same time.</li>
 * </ol>
 *
 * <p>It prints the messages the brands received per twin (from their metrics), so the figure can
 * be judged by how much work it asks of the brands, not only by time.
 *
 * <p>{@code java -Dparley.examples=examples -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.twin.TwinLoad [BRANDS] [TWINS] [NEGOTIATIONS] [ROUNDS]}
 * (NEGOTIATIONS: the shortlist items each twin negotiates per run, default 1; ROUNDS: how many
 * batches are measured after the first, default 1 — later rounds show the cost once the JIT has
 * settled, as in an app that has been running for a while).
 */
public final class TwinLoad {

    private static final Instant NOW = Instant.now();

    public static void main(String[] args) throws Exception {
        int brands = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int twins = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int negotiations = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Path examples = Path.of(System.getProperty("parley.examples", "examples"));
        Path work = Files.createTempDirectory("parley-twin-load");
        System.out.printf("machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        Vertx vertx = Vertx.vertx();
        List<String> catalog = Files.readAllLines(examples.resolve("brand/catalog.csv"));
        SplittableRandom shops = new SplittableRandom(7);
        List<BrandNode> nodes = new ArrayList<>();
        for (int b = 0; b < brands; b++) {
            Path dir = work.resolve("brand-" + b);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("catalog.csv"), String.join("\n", assortment(catalog, shops)) + "\n");
            Files.copy(examples.resolve("brand/policy.json"), dir.resolve("policy.json"));
            Files.writeString(dir.resolve("brand.json"), """
                    {"name": "Brand %d", "port": 0, "data_dir": "data", "catalog": {"format": "csv", "path": "catalog.csv"},
                     "policy": "policy.json", "limits": {"requests_per_second": 1000000, "burst": 1000000, "replay_capacity": 5000000}}""".formatted(b));
            nodes.add(BrandNode.start(BrandConfig.load(dir.resolve("brand.json"), Map.of()), new BrandNode.Options(Clock.systemUTC(), new SecureRandom(), vertx))
                    .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES));
        }
        List<Product> products = new ArrayList<>();
        nodes.forEach(n -> products.addAll(n.catalog().all()));
        System.out.printf("%d brand nodes on 127.0.0.1, %d products in all (each brand ~3/4 of the example's 40, at its own prices)%n", brands,
                products.size());
        Twin.Options options = new Twin.Options(Duration.ofSeconds(10), 10, negotiations, new BigDecimal("0.85"), Duration.ofSeconds(60),
                Duration.ofMinutes(1));

        // 1. one person's twin on its own
        SplittableRandom people = new SplittableRandom(42);
        Twin one = person(Twin.open(TwinStore.open(work.resolve("one.db")), vertx, Clock.systemUTC(), new SecureRandom(), options,
                ModelPreferences.source()), nodes, products, people);
        long syncStart = System.nanoTime();
        DailyMe first = await(one.runDailyMe());
        System.out.printf("first Daily Me (discovery and full catalog sync of %d brands): %.0f ms, %d items, %d skipped%n", brands,
                (System.nanoTime() - syncStart) / 1e6, first.items().size(), first.skipped().size());
        Map<String, Long> before = posted(nodes);
        long[] times = repeat(one, 20);
        System.out.printf("Daily Me across %d brands after sync (20 runs, %d negotiation(s)): median %.0f ms, p90 %.0f ms, max %.0f ms (target < 300 ms); "
                        + "brand messages per run: %s%n", brands, negotiations, times[10] / 1e6, times[18] / 1e6, times[19] / 1e6,
                perTwin(before, posted(nodes), 20));
        Twin syncing = person(Twin.open(TwinStore.open(work.resolve("syncing.db")), vertx, Clock.systemUTC(), new SecureRandom(),
                new Twin.Options(Duration.ofSeconds(10), 10, negotiations, new BigDecimal("0.85"), Duration.ofSeconds(60), Duration.ZERO),
                ModelPreferences.source()), nodes, products, new SplittableRandom(42));
        await(syncing.runDailyMe());
        long[] synced = repeat(syncing, 20);
        System.out.printf("same, with a catalog delta sync of all %d brands in every run: median %.0f ms, p90 %.0f ms%n", brands, synced[10] / 1e6,
                synced[18] / 1e6);

        // 2. an app hosting many twins: one shared directory
        BrandDirectory directory = BrandDirectory.create(vertx, Clock.systemUTC(), new BrandDirectory.Options(Duration.ofSeconds(10), Duration.ofMinutes(1), 16),
                TwinStore.open(work.resolve("directory.db")));
        List<Twin> batch = new ArrayList<>();
        for (int i = 0; i < twins; i++) {
            batch.add(person(Twin.open(TwinStore.open(work.resolve("twin-" + i + ".db")), directory, vertx, Clock.systemUTC(), new SecureRandom(), options,
                    ModelPreferences.source()), nodes, products, people));
        }
        // a first round makes each twin's keys for its brands and warms the code; each measured round is an ordinary day
        runAll(batch);
        for (int round = 1; round <= rounds; round++) {
            batchRound(batch, nodes, round, rounds);
        }
        for (BrandNode node : nodes) {
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** One measured round of the batch: every twin's Daily Me at once, with what it cost. */
    private static void batchRound(List<Twin> batch, List<BrandNode> nodes, int round, int rounds) throws Exception {
        int twins = batch.size();
        Map<String, Long> start = posted(nodes);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        CpuSplit split = CpuSplit.start();
        long cpuStart = os.getProcessCpuTime();
        Instant startedAt = Instant.now();
        long batchStart = System.nanoTime();
        List<Future<DailyMe>> runs = runAll(batch);
        double seconds = (System.nanoTime() - batchStart) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        String where = split.end(cpu, twins);
        long skipped = runs.stream().mapToLong(f -> f.result().skipped().size()).sum();
        double items = runs.stream().mapToInt(f -> f.result().items().size()).average().orElse(0);
        double quoted = runs.stream().mapToLong(f -> f.result().items().stream().filter(i -> i.quote() != null).count()).average().orElse(0);
        double offerSetBytes = runs.stream().flatMap(f -> f.result().items().stream()).mapToInt(i -> i.offerSet().length()).average().orElse(0);
        System.out.printf("batch%s: %d distinct twins' Daily Me across %d brands at once in %.2f s = %.1f twins/s (target >= 100); "
                        + "%.1f items and %.1f quotes per Daily Me, %d brand skips; brand messages per twin: %s; "
                        + "process CPU %.1f s (%.1f ms per twin, brands included; %.2f of the %d cores busy; load average %.1f)%n",
                rounds > 1 ? " round " + round + "/" + rounds : "", twins, nodes.size(), seconds, twins / seconds, items, quoted, skipped,
                perTwin(start, posted(nodes), twins), cpu, cpu * 1000 / twins, cpu / seconds, Runtime.getRuntime().availableProcessors(),
                os.getSystemLoadAverage());
        System.out.printf("  CPU per twin by thread (ms): %s; signed offer set behind an item: %.0f bytes; round from %s to %s%n", where, offerSetBytes,
                startedAt, Instant.now());
    }

    /** One brand's assortment: each product of the example catalog with probability 3/4, its price moved by up to ±15 %. */
    private static List<String> assortment(List<String> catalog, SplittableRandom random) {
        List<String> lines = new ArrayList<>();
        lines.add(catalog.get(0));
        List<String> header = Arrays.asList(catalog.get(0).split(",", -1));
        int price = header.indexOf("price");
        for (String line : catalog.subList(1, catalog.size())) {
            if (line.isBlank() || random.nextInt(4) == 0) {
                continue;
            }
            String[] cells = line.split(",", -1);
            BigDecimal factor = BigDecimal.valueOf(85 + random.nextInt(31)).movePointLeft(2);
            cells[price] = new BigDecimal(cells[price]).multiply(factor).setScale(2, RoundingMode.HALF_UP).toPlainString();
            lines.add(String.join(",", cells));
        }
        return lines;
    }

    /** A person: a mandate, one to three wishes in their own words, a few purchases of the last months, and every brand followed. */
    private static Twin person(Twin twin, List<BrandNode> nodes, List<Product> products, SplittableRandom random) {
        twin.setMandate(new Mandate(Money.of("50.00", "GBP"), Money.of("200.00", "GBP"), Money.of("20.00", "GBP"), 4, null));
        List<String> wishes = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int w = 0; w < count; w++) {
            List<String> words = Arrays.stream(products.get(random.nextInt(products.size())).title().toLowerCase(Locale.ROOT).split("[^a-z]+"))
                    .filter(word -> word.length() > 3).toList();
            if (!words.isEmpty()) {
                int from = random.nextInt(words.size());
                wishes.add(String.join(" ", words.subList(from, Math.min(words.size(), from + 2))));
            }
        }
        if (random.nextInt(3) == 0) {
            wishes.add("no christmas");
        }
        twin.setWishes(wishes);
        int purchases = random.nextInt(6);
        for (int p = 0; p < purchases; p++) {
            Product bought = products.get(random.nextInt(products.size()));
            twin.record(Event.purchase(NOW.minus(Duration.ofDays(3 + random.nextInt(120))), bought, bought.listPrice(), 1));
        }
        for (BrandNode node : nodes) {
            twin.follow(node.origin(), URI.create(node.url()));
        }
        return twin;
    }

    private static long[] repeat(Twin twin, int runs) throws Exception {
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            DailyMe me = await(twin.runDailyMe());
            times[i] = System.nanoTime() - t;
            if (!me.skipped().isEmpty()) {
                System.out.println("  skipped: " + me.skipped());
            }
        }
        Arrays.sort(times);
        return times;
    }

    private static List<Future<DailyMe>> runAll(List<Twin> twins) throws Exception {
        List<Future<DailyMe>> runs = new ArrayList<>();
        for (Twin t : twins) {
            runs.add(t.runDailyMe());
        }
        Future.join(runs).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        return runs;
    }

    /**
     * Where the batch's CPU went, by kind of thread: event loops (HTTP of twins and brands, the
     * twins' negotiation steps), Vert.x workers (the brands' message handlers, the twins' storage),
     * the twins' compute pool (verifying answers, planning, scoring), others, and the rest of the
     * process (garbage collection and the JIT, which are not Java threads).
     */
    private record CpuSplit(ThreadMXBean threads, Map<Long, Long> before, long gcAtStart, long jitAtStart) {

        static CpuSplit start() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return new CpuSplit(threads, cpuByThread(threads), gcMillis(), jitMillis());
        }

        String end(double processSeconds, int twins) {
            Map<String, Double> byKind = new TreeMap<>();
            double java = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long now = threads.getThreadCpuTime(info.getThreadId());
                if (now < 0) {
                    continue;
                }
                double ms = (now - before.getOrDefault(info.getThreadId(), 0L)) / 1e6;
                String name = info.getThreadName();
                String kind = name.startsWith("vert.x-eventloop") ? "event loops (HTTP, twins' negotiation steps)"
                        : name.startsWith("vert.x-worker") ? "workers (brands' handlers, twins' storage)"
                        : name.startsWith("parley-twin-compute") ? "twins' compute pool (verification, planning)"
                        : name.startsWith("vert.x-internal-blocking") ? "internal blocking" : "other threads";
                byKind.merge(kind, ms, Double::sum);
                java += ms;
            }
            StringBuilder out = new StringBuilder();
            byKind.forEach((kind, ms) -> out.append(String.format(Locale.ROOT, "%s %.1f, ", kind, ms / twins)));
            return out.append(String.format(Locale.ROOT, "not Java threads (GC, JIT) %.1f; GC pauses %d ms, JIT %d ms in the batch",
                    (processSeconds * 1000 - java) / twins, gcMillis() - gcAtStart, jitMillis() - jitAtStart)).toString();
        }

        private static Map<Long, Long> cpuByThread(ThreadMXBean threads) {
            Map<Long, Long> cpu = new HashMap<>();
            for (long id : threads.getAllThreadIds()) {
                long t = threads.getThreadCpuTime(id);
                if (t >= 0) {
                    cpu.put(id, t);
                }
            }
            return cpu;
        }

        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        }

        private static long jitMillis() {
            return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        }
    }

    private static final Pattern REQUESTS = Pattern.compile("^parley_requests_seconds_count\\{[^}]*type=\"([a-z.]+)\"[^}]*} ([0-9.E]+)$", Pattern.MULTILINE);

    /** Messages posted to all brands so far, by type, from the nodes' metrics. */
    private static Map<String, Long> posted(List<BrandNode> nodes) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Map<String, Long> counts = new TreeMap<>();
        for (BrandNode node : nodes) {
            String body = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = REQUESTS.matcher(body);
            while (m.find()) {
                counts.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
            }
        }
        return counts;
    }

    private static String perTwin(Map<String, Long> before, Map<String, Long> after, int twins) {
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (n > 0) {
                out.append(String.format(Locale.ROOT, "%s %.2f, ", e.getKey(), (double) n / twins));
                total += n;
            }
        }
        return out.append(String.format(Locale.ROOT, "total %.2f", (double) total / twins)).toString();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
}
