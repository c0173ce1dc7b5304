package dev.parley.brand.node;

import dev.parley.protocol.testing.MutableClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** Brand nodes for tests: a small catalog and policy in a temporary folder, loopback only. */
final class TestNodes {

    static final String CATALOG = """
            sku,title,description,brand,category,price,currency,stock,attr:vegan,attr:colour
            MUG-RED,Red enamel mug,A mug for tea and coffee,Hearth,Kitchen > Mugs,6.00,GBP,40,false,red
            MUG-BLUE,Blue enamel mug,A mug for tea and coffee,Hearth,Kitchen > Mugs,6.00,GBP,40,false,blue
            CANDLE,Soy candle,Vanilla scented soy candle (contains palm oil),Hearth,Home > Candles,10.00,GBP,100,true,white
            CAKESTAND,Regency cakestand 3 tier,Bone china cake stand,Hearth,Kitchen > Baking,12.75,GBP,10,false,pink
            TINS,Set of 3 cake tins,Pantry design cake tins,Hearth,Kitchen > Baking,4.95,GBP,3,false,green
            LAMP,Rabbit night light,Night light for children,Hearth,Home > Lighting,20.00,GBP,5,false,white
            """;

    static final String POLICY = """
            {"currency": "GBP",
             "costs": {"default_share_of_list": 0.5},
             "floors": [{"sku": "CAKESTAND", "absolute": {"amount": "9.95", "currency": "GBP"}}, {"margin_over_cost": 0.2}],
             "tiers": [{"name": "standard", "min_orders": 0, "discount": 0, "concession": 0.5},
                       {"name": "member", "min_orders": 2, "discount": 0.05, "concession": 0.8}],
             "inventory": {"scarce_below": 4, "scarce_concession": 0.3},
             "bundles": [{"id": "baking", "skus": ["CAKESTAND", "TINS"], "discount": 0.1}],
             "quantity_breaks": [{"min_quantity": 6, "discount": 0.05}],
             "negotiation": {"max_rounds": 6, "seconds": 600, "strategy": {"name": "linear"}},
             "lifetimes": {"offer_seconds": 3600, "quote_seconds": 900, "max_offers_per_intent": 10}}
            """;

    private TestNodes() {}

    /** Writes brand.json, catalog.csv and policy.json into {@code dir}; {@code extra} adds or replaces top-level settings. */
    static BrandConfig config(Path dir, String extra) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("catalog.csv"), CATALOG);
        Files.writeString(dir.resolve("policy.json"), POLICY);
        var base = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"name": "Hearth test brand", "port": 0, "data_dir": "data",
                 "catalog": {"format": "csv", "path": "catalog.csv", "page_size": 2},
                 "policy": "policy.json",
                 "limits": {"requests_per_second": 10000, "burst": 10000}}
                """);
        if (extra != null && !extra.isEmpty()) {
            base.setAll((com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree("{" + extra + "}"));
        }
        String json = base.toString();
        Files.writeString(dir.resolve("brand.json"), json);
        try {
            return BrandConfig.load(dir.resolve("brand.json"), Map.of());
        } catch (BrandConfig.InvalidConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static BrandNode start(BrandConfig config, MutableClock clock, long seed) throws Exception {
        return BrandNode.start(config, new BrandNode.Options(clock, new SplittableRandom(seed), null))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    static void stop(BrandNode node) throws Exception {
        if (node != null) {
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
