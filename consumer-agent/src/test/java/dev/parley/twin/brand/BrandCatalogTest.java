package dev.parley.twin.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Eligibility;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A brand's catalog as the twins of a process read it. */
class BrandCatalogTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static Money gbp(String amount) {
        return Money.of(amount, "GBP");
    }

    private static Product product(String sku, String gtin, String title, String price, String... category) {
        return new Product(Sku.of(sku), gtin, title, "a description", "Any", List.of(category), Map.of(), List.of(), null, gbp(price),
                Availability.IN_STOCK, 10L);
    }

    private static Offer publicOffer(String id, String sku, int quantity, String price, Eligibility eligibility, Instant until) {
        return new Offer(id, List.of(new PricedLine(Sku.of(sku), quantity, gbp(price), null)), gbp(price).times(quantity), null, until, eligibility,
                null, null, null, List.of());
    }

    @Test
    void productKey_isTheGtinWithoutLeadingZerosElseTheTitlesLettersAndDigits() {
        List<String> titles = List.of("Red  Harmonica In Box", "  Paper Chain Kit 50'S Christmas ", "JUMBO bag--red!!", "Café au lait, 250 g",
                "ÆØÅ øl", "--", "", "a", "x  y", "Ünïcödé 𝄞 music", "tab\tand\nnewline", "12 PENCILS TALL TUBE");
        for (String title : titles) {
            String reference = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
            assertEquals(reference, BrandCatalog.productKey(null, title), title);
        }
        assertEquals("gtin 4006381333931", BrandCatalog.productKey("0004006381333931", "ignored"));
        assertEquals("gtin ", BrandCatalog.productKey("0000", "ignored"));
        Product box = product("21915", null, "Red  Harmonica In Box", "1.25", "Gifts");
        BrandCatalog catalog = BrandCatalog.of("https://a.example", null, 1, List.of(box), List.of());
        assertEquals("red harmonica in box", catalog.productKey(box));
        assertEquals(BrandCatalog.fullText(box), catalog.fullTextOf(box));
    }

    @Test
    void matching_givesTheSameProductsEveryTime_andForAnEqualWant() {
        BrandCatalog catalog = BrandCatalog.of("https://a.example", null, 1, List.of(
                product("1", null, "Red enamel mug", "7.50", "Home", "Kitchen"),
                product("2", null, "Blue enamel mugs", "6.00", "Home", "Kitchen"),
                product("3", null, "Scented candles", "4.00", "Home", "Decorations")), List.of());
        List<Product> first = catalog.matching(Want.text("enamel mug", 1));
        assertEquals(List.of("1", "2"), first.stream().map(p -> p.sku().value()).toList());
        assertSame(first, catalog.matching(Want.text("enamel mug", 1)), "an equal want is answered from memory");
        assertEquals(List.of("3"), catalog.matching(Want.text("candle", 1)).stream().map(p -> p.sku().value()).toList());
        assertEquals(List.of(), catalog.matching(Want.text("teapot", 1)));
    }

    @Test
    void publicUnitPrice_isTheLowestValidPublicSingleUnitOffer_elseTheListPrice() {
        Product mug = product("M1", null, "Red mug", "7.50", "Home");
        Instant later = NOW.plusSeconds(3600);
        BrandCatalog catalog = BrandCatalog.of("https://a.example", null, 1, List.of(mug), List.of(
                publicOffer("sale", "M1", 1, "6.00", Eligibility.publicOffer(), later),
                publicOffer("expired", "M1", 1, "4.00", Eligibility.publicOffer(), NOW.minusSeconds(1)),
                publicOffer("pair", "M1", 2, "3.00", Eligibility.publicOffer(), later),
                publicOffer("members", "M1", 1, "3.50", new Eligibility(Eligibility.Audience.PUBLIC, null, "member", null, null), later),
                publicOffer("bulk", "M1", 1, "3.75", new Eligibility(Eligibility.Audience.PUBLIC, null, null, 6, null), later),
                publicOffer("other", "X9", 1, "1.00", Eligibility.publicOffer(), later)));
        assertEquals(gbp("6.00"), catalog.publicUnitPrice(mug, NOW));
        assertEquals(gbp("7.50"), catalog.publicUnitPrice(mug, later), "the sale has ended");
    }
}
