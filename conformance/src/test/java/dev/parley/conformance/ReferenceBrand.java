package dev.parley.conformance;

import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.brand.service.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** The reference brand agent on loopback, in test mode, with a small catalog and policy; optionally with faults. */
final class ReferenceBrand implements AutoCloseable {

    static final String CATALOG = """
            sku,title,description,brand,category,price,currency,stock,attr:vegan,attr:colour
            MUG-RED,Red enamel mug,A mug for tea and coffee,Hearth,Kitchen > Mugs,6.00,GBP,40,false,red
            MUG-BLUE,Blue enamel mug,A mug for tea and coffee,Hearth,Kitchen > Mugs,6.00,GBP,40,false,blue
            CANDLE,Soy candle,Vanilla scented soy candle,Hearth,Home > Candles,10.00,GBP,100,true,white
            CAKESTAND,Regency cakestand 3 tier,Bone china cake stand,Hearth,Kitchen > Baking,12.75,GBP,10,false,pink
            TINS,Set of 3 cake tins,Pantry design cake tins,Hearth,Kitchen > Baking,4.95,GBP,3,false,green
            LAMP,Rabbit night light,Night light for children,Hearth,Home > Lighting,20.00,GBP,5,false,white
            """;

    static final String POLICY = """
            {"currency": "GBP",
             "costs": {"default_share_of_list": 0.5},
             "floors": [{"margin_over_cost": 0.2}],
             "negotiation": {"max_rounds": 6, "seconds": 600, "strategy": {"name": "linear"}},
             "lifetimes": {"offer_seconds": 3600, "quote_seconds": 900, "max_offers_per_intent": 10}}
            """;

    private final BrandNode node;

    private ReferenceBrand(BrandNode node) {
        this.node = node;
    }

    static ReferenceBrand start(Path dir, Set<Fault> faults) throws Exception {
        return start(dir, faults, true);
    }

    static ReferenceBrand start(Path dir, Set<Fault> faults, boolean testMode) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("catalog.csv"), CATALOG);
        Files.writeString(dir.resolve("policy.json"), POLICY);
        Files.writeString(dir.resolve("brand.json"), """
                {"name": "Hearth conformance brand", "port": 0, "data_dir": "data", "test_mode": %s,
                 "catalog": {"format": "csv", "path": "catalog.csv", "page_size": 2},
                 "policy": "policy.json",
                 "limits": {"requests_per_second": 10000, "burst": 10000}}
                """.formatted(testMode));
        BrandConfig config = load(dir.resolve("brand.json"));
        BrandNode.Options options = new BrandNode.Options(Clock.systemUTC(), new SplittableRandom(7), null).withFaults(faults);
        return new ReferenceBrand(BrandNode.start(config, options).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    }

    private static BrandConfig load(Path file) throws IOException {
        try {
            return BrandConfig.load(file, Map.of());
        } catch (BrandConfig.InvalidConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    String url() {
        return node.url();
    }

    @Override
    public void close() throws Exception {
        node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
