package dev.parley.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Eligibility;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import dev.parley.twin.brand.BrandCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which brands a Daily Me asks, decided on their public catalogs. */
class IntentPlanTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Mandate MANDATE = new Mandate(gbp("30.00"), gbp("100.00"), gbp("15.00"), 4, null);
    private static final Want MUG = Want.text("red mug", 1);
    private static final Want CANDLE = Want.text("candle", 1);

    private static Money gbp(String amount) {
        return Money.of(amount, "GBP");
    }

    private static Product product(String sku, String title, String description, String price) {
        return new Product(Sku.of(sku), null, title, description, "Any", List.of("Home"), Map.of(), List.of(), null, gbp(price),
                Availability.IN_STOCK, 10L);
    }

    private static IntentPlan.BrandWants brand(String origin, List<Want> wants, Product... products) {
        return brand(origin, wants, false, List.of(), products);
    }

    private static IntentPlan.BrandWants brand(String origin, List<Want> wants, boolean credentialed, List<Offer> offers, Product... products) {
        return new IntentPlan.BrandWants(BrandCatalog.of(origin, null, 1, List.of(products), offers), wants, credentialed);
    }

    private static Map<String, List<Want>> plan(List<Wish> wishes, IntentPlan.BrandWants... brands) {
        return IntentPlan.plan(List.of(brands), Preferences.NONE, wishes, MANDATE, NOW, 10);
    }

    private static List<Wish> wishes(String... statements) {
        return java.util.Arrays.stream(statements).map(s -> Wish.parse(s, "GBP")).toList();
    }

    @Test
    void theSameProductAtTwoBrands_isAskedOnlyOfTheOneSellingItBest() {
        Map<String, List<Want>> plan = plan(wishes("red mug"),
                brand("https://dear.example", List.of(MUG), product("M1", "Red enamel mug", null, "7.50")),
                brand("https://cheap.example", List.of(MUG), product("M2", "Red enamel mug", null, "6.00")));
        assertEquals(Map.of("https://cheap.example", List.of(MUG)), plan);
    }

    @Test
    void aPublicOfferCounts_asTheBrandsPrice() {
        Offer sale = new Offer("sale-1", List.of(new PricedLine(Sku.of("M1"), 1, gbp("5.00"), gbp("7.50"))), gbp("5.00"), null,
                NOW.plusSeconds(3600), Eligibility.publicOffer(), null, null, null, List.of());
        Map<String, List<Want>> plan = plan(wishes("red mug"),
                brand("https://sale.example", List.of(MUG), false, List.of(sale), product("M1", "Red enamel mug", null, "7.50")),
                brand("https://cheap.example", List.of(MUG), product("M2", "Red enamel mug", null, "6.00")));
        assertEquals(List.of("https://sale.example"), List.copyOf(plan.keySet()));
    }

    @Test
    void aBrandSellingWhatNoOtherDoes_isAskedToo_forThatWantOnly() {
        Map<String, List<Want>> plan = plan(wishes("red mug", "candle"),
                brand("https://mugs.example", List.of(MUG, CANDLE), product("M1", "Red enamel mug", null, "6.00")),
                brand("https://candles.example", List.of(MUG, CANDLE), product("C2", "Beeswax candle", null, "12.00")));
        assertEquals(Map.of("https://mugs.example", List.of(MUG), "https://candles.example", List.of(CANDLE)), plan);
    }

    @Test
    void aBrandThatAddsNothing_isNotAsked() {
        Map<String, List<Want>> plan = plan(wishes("red mug", "candle"),
                brand("https://mugs.example", List.of(MUG, CANDLE), product("M1", "Red enamel mug", null, "6.00")),
                brand("https://both.example", List.of(MUG, CANDLE), product("M2", "Red enamel mug", null, "6.00"),
                        product("C2", "Beeswax candle", null, "12.00")));
        assertEquals(Map.of("https://both.example", List.of(MUG, CANDLE)), plan, "one brand sells both at the same prices");
    }

    @Test
    void aBrandOnlyALittleCheaper_isNotAsked_whenAnotherAskedBrandSellsIt() {
        Map<String, List<Want>> plan = plan(wishes("red mug", "candle"),
                brand("https://both.example", List.of(MUG, CANDLE), product("M1", "Red enamel mug", null, "7.00"),
                        product("C1", "Beeswax candle", null, "12.00")),
                brand("https://pennies.example", List.of(MUG, CANDLE), product("M2", "Red enamel mug", null, "6.00")));
        assertEquals(Map.of("https://both.example", List.of(MUG, CANDLE)), plan);
    }

    @Test
    void aBrandMuchCheaper_isAskedForThatProduct_evenWhenAnAskedBrandSellsIt() {
        Map<String, List<Want>> plan = plan(wishes("red mug", "candle"),
                brand("https://both.example", List.of(MUG, CANDLE), product("M1", "Red enamel mug", null, "8.00"),
                        product("C1", "Beeswax candle", null, "12.00")),
                brand("https://cheap.example", List.of(MUG, CANDLE), product("M2", "Red enamel mug", null, "6.00")));
        assertEquals(Map.of("https://both.example", List.of(CANDLE), "https://cheap.example", List.of(MUG)), plan,
                "2.00 less, 13 % of the 15.00 per-item budget, is worth a message");
    }

    @Test
    void aBrandWhoseOnlyMatchIsExcluded_isNotAsked() {
        Map<String, List<Want>> plan = plan(wishes("candle", "no palm oil"),
                brand("https://palm.example", List.of(CANDLE), product("C1", "Soy candle", "with palm oil", "10.00")),
                brand("https://bees.example", List.of(CANDLE), product("C2", "Beeswax candle", null, "12.00")));
        assertEquals(List.of("https://bees.example"), List.copyOf(plan.keySet()));
    }

    @Test
    void aBrandThatIssuedACredential_isAlwaysAskedForItsMatches() {
        Map<String, List<Want>> plan = plan(wishes("red mug"),
                brand("https://member.example", List.of(MUG), true, List.of(), product("M1", "Red enamel mug", null, "8.00")),
                brand("https://cheap.example", List.of(MUG), product("M2", "Red enamel mug", null, "6.00")));
        assertTrue(plan.containsKey("https://member.example"), "a tier price is not public: " + plan);
        assertTrue(plan.containsKey("https://cheap.example"), "the best public price is still asked: " + plan);
    }

    @Test
    void nothingOverThePerItemBudget_andNothingUnmatched_isAskedFor() {
        Map<String, List<Want>> plan = plan(wishes("red mug", "candle"),
                brand("https://dear.example", List.of(MUG, CANDLE), product("M1", "Red enamel mug", null, "16.00"),
                        product("L1", "Night light", null, "5.00")));
        assertEquals(Map.of(), plan);
    }

    @Test
    void amongEqualBrands_theFirstInTheGivenOrderIsAsked() {
        IntentPlan.BrandWants a = brand("https://a.example", List.of(MUG), product("M1", "Red enamel mug", null, "6.00"));
        IntentPlan.BrandWants b = brand("https://b.example", List.of(MUG), product("M2", "Red enamel mug", null, "6.00"));
        assertEquals(List.of("https://a.example"), List.copyOf(plan(wishes("red mug"), a, b).keySet()));
        assertEquals(List.of("https://b.example"), List.copyOf(plan(wishes("red mug"), b, a).keySet()));
    }
}
