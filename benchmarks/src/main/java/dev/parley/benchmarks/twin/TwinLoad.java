package dev.parley.benchmarks.twin;

import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.money.Money;
import dev.parley.twin.DailyMe;
import dev.parley.twin.Mandate;
import dev.parley.twin.Preferences;
import dev.parley.twin.Twin;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The twin under load against real brand agent nodes on loopback, all in one process on the same
 * cores: 20 brands (the example brand's 40 products and policy, each its own node and keys), then
 * (1) one twin's Daily Me across all 20 after its catalogs are synced, repeated, and (2) a batch
 * of twins running their Daily Me concurrently.
 *
 * <p>{@code java -Dparley.examples=examples -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.twin.TwinLoad [BRANDS] [TWINS] [NEGOTIATIONS_PER_BRAND]}
 */
public final class TwinLoad {

    public static void main(String[] args) throws Exception {
        int brands = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int twins = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int negotiations = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path examples = Path.of(System.getProperty("parley.examples", "examples"));
        Path work = Files.createTempDirectory("parley-twin-load");
        System.out.printf("machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        Vertx vertx = Vertx.vertx();
        List<BrandNode> nodes = new ArrayList<>();
        for (int b = 0; b < brands; b++) {
            Path dir = work.resolve("brand-" + b);
            Files.createDirectories(dir);
            Files.copy(examples.resolve("brand/catalog.csv"), dir.resolve("catalog.csv"));
            Files.copy(examples.resolve("brand/policy.json"), dir.resolve("policy.json"));
            Files.writeString(dir.resolve("brand.json"), """
                    {"name": "Brand %d", "port": 0, "data_dir": "data", "catalog": {"format": "csv", "path": "catalog.csv"},
                     "policy": "policy.json", "limits": {"requests_per_second": 1000000, "burst": 1000000, "replay_capacity": 5000000}}""".formatted(b));
            nodes.add(BrandNode.start(BrandConfig.load(dir.resolve("brand.json"), Map.of()), new BrandNode.Options(Clock.systemUTC(), new SecureRandom(), vertx))
                    .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES));
        }
        System.out.printf("%d brand nodes on 127.0.0.1, %d products each%n", brands, nodes.get(0).catalog().size());
        Twin.Options options = new Twin.Options(java.time.Duration.ofSeconds(10), 10, negotiations, new java.math.BigDecimal("0.85"),
                java.time.Duration.ofSeconds(60));

        Twin one = twin(vertx, work.resolve("one.db"), nodes, options);
        long syncStart = System.nanoTime();
        DailyMe first = await(one.runDailyMe());
        System.out.printf("first Daily Me (discovery and full catalog sync of %d brands): %.0f ms, %d items, %d skipped%n", brands,
                (System.nanoTime() - syncStart) / 1e6, first.items().size(), first.skipped().size());
        int repeats = 20;
        long[] times = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            DailyMe me = await(one.runDailyMe());
            times[i] = System.nanoTime() - t;
            if (!me.skipped().isEmpty()) {
                System.out.println("  skipped: " + me.skipped());
            }
        }
        Arrays.sort(times);
        System.out.printf("Daily Me across %d brands after sync (%d runs, %d negotiation(s) per brand): median %.0f ms, p90 %.0f ms, max %.0f ms (target < 300 ms)%n",
                brands, repeats, negotiations, times[repeats / 2] / 1e6, times[(int) (repeats * 0.9)] / 1e6, times[repeats - 1] / 1e6);

        List<Twin> batch = new ArrayList<>();
        for (int i = 0; i < twins; i++) {
            batch.add(twin(vertx, work.resolve("twin-" + i + ".db"), nodes, options));
        }
        List<Future<DailyMe>> warm = new ArrayList<>();
        for (Twin t : batch) {
            warm.add(t.runDailyMe());
        }
        Future.join(warm).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        long batchStart = System.nanoTime();
        List<Future<DailyMe>> runs = new ArrayList<>();
        for (Twin t : batch) {
            runs.add(t.runDailyMe());
        }
        Future.join(runs).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - batchStart) / 1e9;
        long skipped = runs.stream().mapToLong(f -> f.result().skipped().size()).sum();
        System.out.printf("batch: %d twins' Daily Me across %d brands in %.1f s = %.1f twins/s (target >= 100), %d brand skips%n",
                twins, brands, seconds, twins / seconds, skipped);
        for (BrandNode node : nodes) {
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static Twin twin(Vertx vertx, Path file, List<BrandNode> nodes, Twin.Options options) {
        Twin twin = Twin.open(TwinStore.open(file), vertx, Clock.systemUTC(), new SecureRandom(), options, (history, now) -> Preferences.NONE);
        twin.setMandate(new Mandate(Money.of("50.00", "GBP"), Money.of("200.00", "GBP"), Money.of("20.00", "GBP"), 4, null));
        twin.setWishes(List.of("hot water bottle", "jumbo bag"));
        for (BrandNode node : nodes) {
            twin.follow(node.origin(), URI.create(node.url()));
        }
        return twin;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
}
