package dev.parley.brand.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.orders.Inventory;
import dev.parley.brand.orders.Ledger;
import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.PolicyFile;
import dev.parley.brand.shared.LocalSharedState;
import dev.parley.catalog.index.CatalogIndex;
import dev.parley.catalog.store.CatalogStore;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoMarketerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final String ANN = "did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th";
    private static final String BOB = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private CatalogStore catalog;
    private CatalogIndex index;
    private LocalSharedState shared;
    private CoMarketer co;

    private static Product mug(String price, long stock) {
        return new Product(Sku.of("MUG"), null, "Enamel mug", null, "Hearth", List.of("Kitchen"), Map.of(), List.of(), null,
                Money.of(price, "GBP"), Availability.IN_STOCK, stock);
    }

    @BeforeEach
    void start() throws Exception {
        BrandPolicy policy = PolicyFile.parse("""
                {"currency": "GBP", "costs": {"default_share_of_list": 0.5}, "floors": [{"margin_over_cost": 0.2}],
                 "tiers": [{"name": "standard", "min_orders": 0, "concession": 0.5},
                           {"name": "best", "min_orders": 5, "discount": 0.10, "concession": 1.0}],
                 "inventory": {"scarce_below": 10, "scarce_concession": 0.5}}""".getBytes(StandardCharsets.UTF_8), "test");
        catalog = CatalogStore.inMemory();
        catalog.upsertAll(List.of(mug("10.00", 100)));
        index = CatalogIndex.following(catalog);
        shared = new LocalSharedState(clock);
        Inventory inventory = new Inventory(shared, sku -> catalog.get(sku).map(Product::stock).orElse(0L));
        AtomicInteger ids = new AtomicInteger();
        co = new CoMarketer(policy, catalog, index, inventory, new Ledger(shared), () -> "off-" + ids.incrementAndGet());
    }

    @AfterEach
    void stop() {
        index.close();
        catalog.close();
    }

    private Offer offerFor(String twin, BrandPolicy.Tier tier) {
        List<Offer> offers = co.offers(twin, Intent.of(List.of(Want.sku(Sku.of("MUG"), 1)), null), tier, NOW);
        assertEquals(1, offers.size());
        return offers.get(0);
    }

    @Test
    void intentsAreAnsweredAtOnce_onlyWhileTheSearchIsSmall_andTheIndexNeedsNoRefresh() {
        index.search(dev.parley.catalog.index.CatalogQuery.builder().build());
        assertTrue(co.answersAtOnce(50), "one product, fifty wants");
        List<Product> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(new Product(Sku.of("CUP-" + i), null, "Cup " + i, null, "Hearth", List.of("Kitchen"), Map.of(), List.of(), null,
                    Money.of("3.00", "GBP"), Availability.IN_STOCK, 10L));
        }
        catalog.upsertAll(many);
        assertFalse(co.answersAtOnce(1), "changes the index has not shown yet: the next search refreshes it first");
        index.search(dev.parley.catalog.index.CatalogQuery.builder().build());
        assertTrue(co.answersAtOnce(49), "1,001 products x 49 wants is within the limit");
        assertFalse(co.answersAtOnce(50), "1,001 products x 50 wants is a search to hand on");
    }

    @Test
    void twoTwinsOfOneTier_getTheSamePrices_inOffersOfTheirOwn() {
        Offer ann = offerFor(ANN, co.policy().baseTier());
        Offer bob = offerFor(BOB, co.policy().baseTier());
        assertEquals(ann.items(), bob.items());
        assertEquals(ann.total(), bob.total());
        assertNotEquals(ann.offerId(), bob.offerId());
        assertEquals(ANN, ann.eligibility().twin());
        assertEquals(BOB, bob.eligibility().twin());
    }

    @Test
    void anotherTier_isPricedByItsOwnTerms() {
        Offer standard = offerFor(ANN, co.policy().baseTier());
        Offer best = offerFor(ANN, co.policy().tier("best"));
        assertEquals(Money.of("10.00", "GBP"), standard.items().get(0).unitPrice());
        assertEquals(Money.of("9.00", "GBP"), best.items().get(0).unitPrice(), "10% off for tier best");
        assertTrue(best.incentives().stream().anyMatch(i -> i.contains("best")), best.incentives().toString());
        assertFalse(standard.incentives().stream().anyMatch(i -> i.contains("best")), standard.incentives().toString());
    }

    @Test
    void aCatalogChange_isPricedAfresh() {
        assertEquals(Money.of("10.00", "GBP"), offerFor(ANN, co.policy().baseTier()).items().get(0).unitPrice());
        catalog.upsertAll(List.of(mug("12.00", 100)));
        PricedLine line = offerFor(ANN, co.policy().baseTier()).items().get(0);
        assertEquals(Money.of("12.00", "GBP"), line.unitPrice());
        assertEquals(Money.of("12.00", "GBP"), line.listPrice());
    }

    @Test
    void scarceStock_narrowsTheNegotiationRoom_ofLaterOffers() {
        BrandPolicy.Tier tier = co.policy().baseTier();
        assertTrue(offerFor(ANN, tier).negotiable());
        PricedLine offered = offerFor(ANN, tier).items().get(0);
        Money roomWhilePlenty = co.negotiationTerms(offered, 1, tier, NOW).limit();
        assertTrue(co.inventory().reserve(List.of(new PricedLine(Sku.of("MUG"), 95, Money.of("10.00", "GBP"), Money.of("10.00", "GBP")))));
        Offer scarce = offerFor(BOB, tier);
        assertEquals(5, scarce.eligibility().maxQuantity(), "only the units left may be promised");
        assertTrue(co.negotiationTerms(scarce.items().get(0), 1, tier, NOW).limit().isGreaterThan(roomWhilePlenty),
                "scarce stock concedes less");
    }
}
