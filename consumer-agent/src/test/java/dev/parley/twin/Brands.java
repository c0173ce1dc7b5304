package dev.parley.twin;

import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** Real brand agent nodes on loopback for twin tests. */
final class Brands {

    static final String HOMEWARE = """
            sku,title,description,brand,category,price,currency,stock,attr:vegan,attr:colour
            MUG-RED,Red enamel mug,A mug for tea and coffee,Hearth,Kitchen > Mugs,6.00,GBP,40,false,red
            CANDLE,Soy candle,Vanilla scented soy candle with palm oil,Hearth,Home > Candles,10.00,GBP,100,true,white
            BEESWAX,Beeswax candle,Hand poured beeswax candle,Hearth,Home > Candles,12.00,GBP,2,false,yellow
            LAMP,Rabbit night light,Night light for children,Hearth,Home > Lighting,20.00,GBP,5,false,white
            """;

    static final String KITCHEN = """
            sku,title,description,brand,category,price,currency,stock,attr:vegan,attr:colour
            K-MUG,Red enamel mug,Enamel mug,Cookery,Kitchen > Mugs,7.50,GBP,10,false,red
            K-TIN,Set of 3 cake tins,Pantry design,Cookery,Kitchen > Baking,4.95,GBP,30,false,green
            K-BEANS,Coffee beans 500g,Whole coffee beans medium roast,Cookery,Grocery > Coffee,8.00,GBP,50,true,brown
            """;

    static final String POLICY = """
            {"currency": "GBP", "costs": {"default_share_of_list": 0.5}, "floors": [{"margin_over_cost": 0.2}],
             "negotiation": {"max_rounds": 6, "seconds": 600, "strategy": {"name": "linear"}},
             "lifetimes": {"offer_seconds": 3600, "quote_seconds": 3600, "max_offers_per_intent": 20}}
            """;

    private Brands() {}

    static BrandNode start(Path dir, String name, String catalog, Clock clock, long seed, Vertx vertx) throws Exception {
        return start(dir, name, catalog, POLICY, clock, seed, vertx);
    }

    static BrandNode start(Path dir, String name, String catalog, String policy, Clock clock, long seed, Vertx vertx) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("catalog.csv"), catalog);
        Files.writeString(dir.resolve("policy.json"), policy);
        Files.writeString(dir.resolve("brand.json"), """
                {"name": "%s", "port": 0, "data_dir": "data", "catalog": {"format": "csv", "path": "catalog.csv"},
                 "policy": "policy.json", "limits": {"requests_per_second": 10000, "burst": 10000}}""".formatted(name));
        BrandConfig config = BrandConfig.load(dir.resolve("brand.json"), Map.of());
        return BrandNode.start(config, new BrandNode.Options(clock, new SplittableRandom(seed), vertx))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    static void stop(BrandNode node) throws Exception {
        if (node != null) {
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
