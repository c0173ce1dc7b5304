package dev.parley.benchmarks.brand;

import com.nimbusds.jose.jwk.JWK;
import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.sign.MessageSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** The brand node the brand benchmarks load (the example brand, limits out of the way) and the intents they send it. */
final class LoadBrand {

    /** What the load's twins ask for: words that match part of the example catalog. */
    static final List<String> QUERIES = List.of("bag", "heart", "christmas", "hot water bottle", "cake", "light",
            "jumbo bag red", "wooden", "paper chain", "kneeling pad");

    private LoadBrand() {}

    /** Starts the example brand in a fresh directory; {@code workers}, when set, gives it threads of its own. */
    static BrandNode start(String directoryPrefix, Integer workers) throws Exception {
        Path dir = Files.createTempDirectory(directoryPrefix);
        Path examples = Path.of(System.getProperty("parley.examples", "examples"));
        Files.copy(examples.resolve("brand/catalog.csv"), dir.resolve("catalog.csv"));
        Files.copy(examples.resolve("brand/policy.json"), dir.resolve("policy.json"));
        Files.writeString(dir.resolve("brand.json"), """
                {"name": "Load test brand", "port": 0, "data_dir": "data",
                 "catalog": {"format": "csv", "path": "catalog.csv"}, "policy": "policy.json",
                 "limits": {"requests_per_second": 1000000, "burst": 1000000, "replay_capacity": 5000000%s}}""".formatted(
                workers == null ? "" : ", \"workers\": " + workers));
        BrandConfig config = BrandConfig.load(dir.resolve("brand.json"), Map.of());
        return BrandNode.start(config, BrandNode.Options.defaults()).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    }

    /** {@code count} distinct signed intents to {@code origin}, from 50 twins, reproducible for a seed. */
    static List<String> intents(String origin, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<MessageSigner> twins = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            JWK key = Keys.generate(Keys.Algorithm.ED25519, null);
            twins.add(MessageSigner.forDidKey(key, Clock.systemUTC(), random.split()));
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Intent intent = Intent.of(List.of(Want.text(QUERIES.get(random.nextInt(QUERIES.size())), 1)), null);
            out.add(twins.get(i % twins.size()).message(MessageType.INTENT, intent).to(origin).ttl(Duration.ofMinutes(10)).sign().compact());
        }
        return out;
    }
}
