package dev.parley.examples;

import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.money.Money;
import dev.parley.twin.DailyMe;
import dev.parley.twin.Mandate;
import dev.parley.twin.ModelPreferences;
import dev.parley.twin.Twin;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Embeds a twin in an app: open its store, give it the person's mandate and wishes, follow a
 * brand, run the Daily Me, show it, and order the first item the person approves.
 *
 * <p>The brand here is the example brand of examples/brand/, started in the same process so the
 * program runs anywhere; a real app follows brands by their URL.
 *
 * <pre>java -cp ... dev.parley.examples.EmbedTwin</pre>
 */
public final class EmbedTwin {

    private EmbedTwin() {}

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        Path data = Files.createTempDirectory("parley-twin-example");
        BrandNode brand = BrandNode.start(BrandConfig.load(Path.of("examples/brand/brand.json"),
                        Map.of("PARLEY_PORT", "0", "PARLEY_DATA_DIR", data.resolve("brand").toString())),
                new BrandNode.Options(Clock.systemUTC(), new SecureRandom(), vertx)).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        try (TwinStore store = TwinStore.open(data.resolve("twin.db"));
             Twin twin = Twin.open(store, vertx, Clock.systemUTC(), new SecureRandom(), Twin.Options.defaults(), ModelPreferences.source())) {

            // 1. what the person allows and wants, in their own words
            twin.setMandate(new Mandate(Money.of("25.00", "GBP"), Money.of("80.00", "GBP"), Money.of("15.00", "GBP"), 6, null));
            twin.setWishes(List.of("hot water bottle", "cake", "no christmas"));
            // 2. the brands it may talk to (a separate did:key is made for each)
            twin.follow(brand.origin(), URI.create(brand.url()));

            // 3. today's Daily Me: synced, asked, negotiated, ranked, explained
            DailyMe me = twin.runDailyMe().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
            System.out.println("Daily Me with " + me.items().size() + " items:");
            for (DailyMe.Item item : me.items()) {
                System.out.printf("  %-40s %s (list %s) — %s%n", item.title(), item.total(), item.listPrice(), item.why());
            }

            // 4. the person approves the first item: the twin orders it with the brand's quote
            DailyMe.Item approved = twin.approve(me.items().get(0).id()).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
            System.out.println("approved " + approved.title() + ": " + approved.status() + " (" + approved.statusDetail() + ")");
        } finally {
            brand.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
