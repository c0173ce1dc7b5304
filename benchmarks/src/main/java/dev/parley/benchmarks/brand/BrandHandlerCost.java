package dev.parley.benchmarks.brand;

import com.nimbusds.jose.jwk.JWK;
import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.brand.service.BrandService;
import dev.parley.brand.service.Reply;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.sign.MessageSigner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time a brand node's protocol engine spends on one {@code intent} → {@code offer.set},
 * without HTTP: {@link BrandService#handle} called on one thread with pre-signed intents (the
 * same example brand and intents as {@link BrandLoad}), next to the CPU time of one sign and one
 * full verify. Thread CPU time, so the figures hold on a machine busy with other work; run it
 * under a profiler to see where the handler's time goes.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.brand.BrandHandlerCost [REQUESTS]}
 */
public final class BrandHandlerCost {

    private BrandHandlerCost() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double[] crypto = CpuUse.cryptoMicros();
        System.out.printf("one thread: sign %.0f us, full verify %.0f us (CPU time)%n", crypto[0], crypto[1]);

        Path dir = Files.createTempDirectory("parley-brand-cost");
        Path examples = Path.of(System.getProperty("parley.examples", "examples"));
        Files.copy(examples.resolve("brand/catalog.csv"), dir.resolve("catalog.csv"));
        Files.copy(examples.resolve("brand/policy.json"), dir.resolve("policy.json"));
        Files.writeString(dir.resolve("brand.json"), """
                {"name": "Load test brand", "port": 0, "data_dir": "data",
                 "catalog": {"format": "csv", "path": "catalog.csv"}, "policy": "policy.json",
                 "limits": {"requests_per_second": 1000000, "burst": 1000000, "replay_capacity": 5000000}}""");
        BrandConfig config = BrandConfig.load(dir.resolve("brand.json"), Map.of());
        BrandNode node = BrandNode.start(config, BrandNode.Options.defaults()).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        try {
            List<String> intents = presign(node.origin(), requests * 2);
            // its own thread, so that a profile of the run can be narrowed to the handler
            Thread handler = new Thread(() -> measure(node.service(), intents, requests, crypto), "brand-handler");
            handler.start();
            handler.join();
        } finally {
            node.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }

    private static void measure(BrandService service, List<String> intents, int requests, double[] crypto) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int at = 0;
        long bytes = 0;
        for (int phase = 0; phase < 2; phase++) {
            long start = threads.getCurrentThreadCpuTime();
            bytes = 0;
            for (int i = 0; i < requests; i++) {
                Reply reply = service.handle(intents.get(at++), "127.0.0.1");
                if (reply.status() != 200) {
                    throw new IllegalStateException("the node refused an intent: " + reply.error());
                }
                bytes += reply.compact().length();
            }
            double micros = (threads.getCurrentThreadCpuTime() - start) / 1e3 / requests;
            System.out.printf("%s: %,d intents, %.0f us CPU per intent -> offer.set (%.2fx one sign + one verify), %,d bytes per answer%n",
                    phase == 0 ? "warm-up" : "measured", requests, micros, micros / (crypto[0] + crypto[1]), bytes / requests);
        }
    }

    private static List<String> presign(String origin, int count) {
        SplittableRandom random = new SplittableRandom(1);
        List<MessageSigner> twins = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            JWK key = Keys.generate(Keys.Algorithm.ED25519, null);
            twins.add(MessageSigner.forDidKey(key, Clock.systemUTC(), random.split()));
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Intent intent = Intent.of(List.of(Want.text(BrandLoad.QUERIES.get(random.nextInt(BrandLoad.QUERIES.size())), 1)), null);
            out.add(twins.get(i % twins.size()).message(MessageType.INTENT, intent).to(origin).ttl(Duration.ofMinutes(10)).sign().compact());
        }
        return out;
    }
}
