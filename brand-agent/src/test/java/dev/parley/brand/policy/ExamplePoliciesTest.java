package dev.parley.brand.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The policy files in examples/ load, and each shows the feature it is named for. */
class ExamplePoliciesTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("parley.examples", "../examples"));

    private static BrandPolicy load(String name) throws Exception {
        return PolicyFile.load(EXAMPLES.resolve(name));
    }

    @Test
    void everyExamplePolicyLoads() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(EXAMPLES.resolve("policies"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertTrue(files.size() >= 6, files.toString());
        for (Path file : files) {
            assertEquals("GBP", PolicyFile.load(file).currency(), file.toString());
        }
        assertEquals(3, load("brand/policy.json").tiers().size());
    }

    @Test
    void eachExampleShowsItsFeature() throws Exception {
        Product cakestand = PricerTest.product("22423", "12.75", List.of("Kitchen", "Baking"));
        assertEquals("9.95", new Pricer(load("policies/floors.json")).floor(cakestand).amountString());
        BrandPolicy tiers = load("policies/tiers.json");
        assertEquals("best", tiers.tierForOrders(7).name());
        assertEquals("member", tiers.tierForOrders(2).name());
        assertEquals("standard", tiers.tierForOrders(1).name());
        assertEquals("1000.00", load("policies/goals.json").goals().get(0).discountBudget().amountString());
        BrandPolicy inventory = load("policies/inventory.json");
        Pricer pricer = new Pricer(inventory);
        assertTrue(pricer.terms(cakestand, 1, inventory.baseTier(), 3, true).limit()
                .isGreaterThan(pricer.terms(cakestand, 1, inventory.baseTier(), 300, true).limit()), "scarce stock concedes less");
        assertEquals(2, load("policies/bundles.json").bundles().size());
        assertTrue(load("policies/bundles.json").bundles().get(0).skus().contains(Sku.of("22720")));
        assertEquals("0.10", load("policies/quantity-breaks.json").quantityBreak(60).orElseThrow().discount().toPlainString());
        assertFalse(load("policies/quantity-breaks.json").quantityBreak(11).isPresent());
        assertEquals("conceder", load("policies/conceder.json").negotiation().strategy().name());
    }
}
