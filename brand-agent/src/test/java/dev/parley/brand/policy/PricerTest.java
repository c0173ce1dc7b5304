package dev.parley.brand.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricerTest {

    static Product product(String sku, String price, List<String> category) {
        return new Product(Sku.of(sku), null, "Product " + sku, null, "Hearth", category, Map.of(), List.of(), null,
                Money.of(price, "GBP"), Availability.IN_STOCK, 100L);
    }

    static BrandPolicy policy(String json) throws PolicyFile.InvalidPolicyException {
        return PolicyFile.parse(json.getBytes(StandardCharsets.UTF_8), "test");
    }

    private static Money gbp(String amount) {
        return Money.of(amount, "GBP");
    }

    @Test
    void floors_followTheFirstMatchingRule_andNeverExceedTheListPrice() throws Exception {
        Pricer pricer = new Pricer(policy("""
                {"currency": "GBP",
                 "costs": {"default_share_of_list": 0.5, "by_sku": {"CAKE": {"amount": "7.40", "currency": "GBP"}},
                           "by_category": {"Seasonal > Christmas": 0.4}},
                 "floors": [{"sku": "CAKE", "absolute": {"amount": "9.95", "currency": "GBP"}},
                            {"category": ["Seasonal"], "percent_of_list": 0.7},
                            {"margin_over_cost": 0.2}]}"""));
        assertEquals(gbp("9.95"), pricer.floor(product("CAKE", "12.75", List.of("Kitchen"))));
        assertEquals(gbp("2.07"), pricer.floor(product("XMAS", "2.95", List.of("Seasonal", "Christmas"))), "70% of 2.95 = 2.065, rounded up");
        assertEquals(gbp("1.18"), pricer.cost(product("XMAS", "2.95", List.of("Seasonal", "Christmas"))), "category cost share");
        assertEquals(gbp("3.00"), pricer.floor(product("MUG", "5.00", List.of("Kitchen"))), "cost 2.50 + 20%");
        assertEquals(gbp("9.00"), pricer.floor(product("CAKE", "9.00", List.of("Kitchen"))), "a floor above the list price is capped at it");
    }

    @Test
    void tierDiscount_andQuantityBreak_shapeTheOffer_butNeverGoBelowTheFloor() throws Exception {
        BrandPolicy p = policy("""
                {"currency": "GBP", "costs": {"default_share_of_list": 0.8}, "floors": [{"margin_over_cost": 0.1}],
                 "tiers": [{"name": "standard", "min_orders": 0, "concession": 0.5},
                           {"name": "best", "min_orders": 5, "discount": 0.10, "concession": 1.0}],
                 "quantity_breaks": [{"min_quantity": 12, "discount": 0.05}]}""");
        Pricer pricer = new Pricer(p);
        Product mug = product("MUG", "10.00", List.of("Kitchen"));
        LineTerms standard = pricer.terms(mug, 1, p.baseTier(), 100, true);
        assertEquals(gbp("10.00"), standard.offerPrice());
        assertEquals(gbp("8.80"), standard.floor());
        assertEquals(gbp("9.40"), standard.limit(), "half the room between 10.00 and 8.80");
        LineTerms best = pricer.terms(mug, 12, p.tier("best"), 100, true);
        assertEquals(gbp("8.80"), best.offerPrice(), "10.00 × 0.90 × 0.95 = 8.55 is below the floor 8.80");
        assertEquals(best.floor(), best.limit());
        assertEquals(2, best.incentives().size(), "tier and quantity break are both explained: " + best.incentives());
        LineTerms paced = pricer.terms(mug, 1, p.tier("best"), 100, false);
        assertEquals(gbp("10.00"), paced.offerPrice(), "a tier behind its goal's pace gets the base tier's terms");
    }

    @Test
    void scarceStock_concedesLess() throws Exception {
        BrandPolicy p = policy("""
                {"currency": "GBP", "costs": {"default_share_of_list": 0.5}, "floors": [{"margin_over_cost": 0}],
                 "inventory": {"scarce_below": 10, "scarce_concession": 0.2}}""");
        Pricer pricer = new Pricer(p);
        Product lamp = product("LAMP", "20.00", List.of("Home"));
        Money plenty = pricer.terms(lamp, 1, p.baseTier(), 100, true).limit();
        Money scarce = pricer.terms(lamp, 1, p.baseTier(), 3, true).limit();
        assertEquals(gbp("15.00"), plenty, "half of the 10.00 room");
        assertEquals(gbp("19.00"), scarce, "a fifth of that concession");
    }

    @Test
    void bundles_discountTheirLines_withinFloors() throws Exception {
        BrandPolicy p = policy("""
                {"currency": "GBP", "costs": {"default_share_of_list": 0.5}, "floors": [{"margin_over_cost": 0.5}],
                 "bundles": [{"id": "set", "skus": ["A", "B"], "discount": 0.2}]}""");
        Pricer pricer = new Pricer(p);
        Map<Sku, Product> products = Map.of(Sku.of("A"), product("A", "10.00", List.of()), Sku.of("B"), product("B", "4.00", List.of()));
        List<Pricer.BundleTerms> bundles = pricer.bundlesWith(Sku.of("A"), products, p.baseTier(), sku -> 50, true);
        assertEquals(1, bundles.size());
        List<LineTerms> lines = bundles.get(0).lines();
        assertEquals(gbp("8.00"), lines.get(0).offerPrice());
        assertEquals(gbp("3.20"), lines.get(1).offerPrice());
        assertTrue(lines.stream().allMatch(l -> !l.limit().isLessThan(l.floor()) && !l.limit().isGreaterThan(l.offerPrice())));
        assertEquals(List.of(), pricer.bundlesWith(Sku.of("C"), products, p.baseTier(), sku -> 50, true));
    }

    @Test
    void policyErrors_nameTheFieldAndTheReason() {
        var missingKind = assertThrows(PolicyFile.InvalidPolicyException.class,
                () -> policy("{\"currency\": \"GBP\", \"floors\": [{\"sku\": \"A\"}]}"));
        assertTrue(missingKind.getMessage().contains("floors[0]") && missingKind.getMessage().contains("exactly one of"), missingKind.getMessage());
        var typo = assertThrows(PolicyFile.InvalidPolicyException.class, () -> policy("{\"currency\": \"GBP\", \"tierz\": []}"));
        assertTrue(typo.getMessage().contains("tierz"), typo.getMessage());
        var ratio = assertThrows(PolicyFile.InvalidPolicyException.class,
                () -> policy("{\"currency\": \"GBP\", \"quantity_breaks\": [{\"min_quantity\": 5, \"discount\": 1.5}]}"));
        assertTrue(ratio.getMessage().contains("between 0 and 1"), ratio.getMessage());
        var order = assertThrows(PolicyFile.InvalidPolicyException.class, () -> policy("""
                {"currency": "GBP", "tiers": [{"name": "a", "min_orders": 0}, {"name": "b", "min_orders": 0}]}"""));
        assertTrue(order.getMessage().contains("increasing min_orders"), order.getMessage());
        var goal = assertThrows(PolicyFile.InvalidPolicyException.class, () -> policy("""
                {"currency": "GBP", "goals": [{"tier": "vip", "revenue_uplift": 0.2,
                  "baseline_revenue": {"amount": "100.00", "currency": "GBP"}}]}"""));
        assertTrue(goal.getMessage().contains("unknown tier"), goal.getMessage());
        var json = assertThrows(PolicyFile.InvalidPolicyException.class, () -> policy("{\"currency\": "));
        assertTrue(json.getMessage().contains("not valid JSON"), json.getMessage());
        var strategy = assertThrows(PolicyFile.InvalidPolicyException.class, () -> policy("""
                {"currency": "GBP", "negotiation": {"max_rounds": 4, "seconds": 60, "strategy": {"name": "stubborn"}}}"""));
        assertTrue(strategy.getMessage().contains("unknown concession strategy"), strategy.getMessage());
    }
}
