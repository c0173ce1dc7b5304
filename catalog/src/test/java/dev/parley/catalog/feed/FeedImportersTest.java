package dev.parley.catalog.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedImportersTest {
    @TempDir
    Path dir;

    private static Path resource(String name) throws Exception {
        return Path.of(FeedImportersTest.class.getResource("/" + name).toURI());
    }

    private static Map<Sku, Product> bySku(ImportResult r) {
        return r.products().stream().collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    @Test
    void openFoodFacts_realSample_importsBrandsCategoriesLabelsAndNutriScore() {
        ImportResult r = new OpenFoodFactsImporter(ImportProgress.NONE, OpenFoodFactsImporter.referencePricing())
                .importFrom(Data.dir("open-food-facts-sample").resolve("openfoodfacts-products-1000.tsv"));
        ImportReport report = r.report();
        assertEquals(1000, report.read());
        assertEquals(report.read(), report.used() + report.skipped());
        assertEquals(54, report.skippedByReason().get("missing product name"));
        assertEquals(946 - report.skippedByReason().getOrDefault("duplicate barcode", 0L)
                - report.skippedByReason().getOrDefault("invalid barcode", 0L), r.products().size());
        Map<Sku, Product> products = bySku(r);
        Product first = products.get(Sku.of("00000000000000225"));
        assertEquals("jeunes pousses", first.title());
        assertEquals("endives", first.brand());
        assertEquals("Plant-based foods and beverages", first.category().get(0));
        assertEquals(AttributeValue.of("reference"), first.attributes().get("price_source"));
        assertEquals("EUR", first.listPrice().currency().getCurrencyCode());
        assertTrue(r.products().stream().anyMatch(p -> AttributeValue.of(true).equals(p.attributes().get("vegan"))), "some products are vegan");
        assertTrue(r.products().stream().anyMatch(p -> p.attributes().containsKey("nutriscore")), "Nutri-Score kept");
        assertTrue(r.products().stream().allMatch(p -> !p.attributes().containsKey("nutriscore")
                || ((AttributeValue.Text) p.attributes().get("nutriscore")).value().matches("[a-e]")));
        Product again = bySku(new OpenFoodFactsImporter(ImportProgress.NONE, OpenFoodFactsImporter.referencePricing())
                .importFrom(Data.dir("open-food-facts-sample").resolve("openfoodfacts-products-1000.tsv"))).get(first.sku());
        assertEquals(first.listPrice(), again.listPrice(), "reference prices are deterministic");
    }

    @Test
    void csv_withDefaultMapping_typesAttributes_andReportsBadRows() throws Exception {
        Path csv = dir.resolve("feed.csv");
        Files.writeString(csv, """
                sku,title,description,brand,category,price,currency,stock,attr:vegan,attr:size,attr:weight_g,attr:labels
                TEE-M,Organic tee,Soft cotton,Acme,Apparel > Shirts,19.90,EUR,12,true,M,180,organic|fair-trade
                TEE-L,Organic tee,Soft cotton,Acme,Apparel > Shirts,19.90,EUR,0,true,L,190,
                BAD,No price,,,,,EUR,,,,,
                BAD2,Too precise,,,,1.123456,EUR,,,,,
                TEE-M,Duplicate,,,,1.00,EUR,,,,,
                short,row
                """);
        ImportResult r = new CsvImporter(CsvImporter.Mapping.defaults(), ImportProgress.NONE).importFrom(csv);
        assertEquals(6, r.report().read());
        assertEquals(2, r.products().size());
        Product m = r.products().get(0);
        assertEquals(List.of("Apparel", "Shirts"), m.category());
        assertEquals(Money.of("19.90", "EUR"), m.listPrice());
        assertEquals(AttributeValue.of(true), m.attributes().get("vegan"));
        assertEquals(AttributeValue.of("M"), m.attributes().get("size"));
        assertEquals(AttributeValue.of(new BigDecimal("180")), m.attributes().get("weight_g"));
        assertEquals(AttributeValue.of(List.of("organic", "fair-trade")), m.attributes().get("labels"));
        assertEquals(Availability.OUT_OF_STOCK, r.products().get(1).availability());
        assertEquals(Map.of("invalid product", 2L, "duplicate sku", 1L, "malformed row", 1L), r.report().skippedByReason());
        assertEquals(List.of("feed.csv:4", "feed.csv:5", "feed.csv:6", "feed.csv:7"),
                r.report().problems().stream().map(ImportReport.Problem::location).toList());
    }

    @Test
    void csv_missingRequiredColumn_isReported_notImported() throws Exception {
        Path csv = dir.resolve("nope.csv");
        Files.writeString(csv, "id,name\n1,x\n");
        ImportResult r = new CsvImporter(CsvImporter.Mapping.defaults(), ImportProgress.NONE).importFrom(csv);
        assertEquals(0, r.products().size());
        assertEquals(Map.of("missing required column", 1L), r.report().skippedByReason());
    }

    @Test
    void jsonLines_roundTripsWireProducts_andReportsBadLines() throws Exception {
        Product p = new Product(Sku.of("A1"), null, "Alpha", null, null, List.of("X"), Map.of(), List.of(), null,
                Money.of("3.50", "GBP"), Availability.IN_STOCK, 5L);
        Path file = dir.resolve("feed.jsonl");
        Files.writeString(file, ParleyJson.writeString(p) + "\n\n{not json\n{\"sku\":\"B1\",\"title\":\"Beta\",\"list_price\":3.5,\"availability\":\"in_stock\"}\n"
                + ParleyJson.writeString(p) + "\n");
        ImportResult r = new JsonLinesImporter(ImportProgress.NONE).importFrom(file);
        assertEquals(List.of(p), r.products());
        assertEquals(4, r.report().read());
        assertEquals(Map.of("not a JSON object", 1L, "invalid product", 1L, "duplicate sku", 1L), r.report().skippedByReason());
        assertEquals("feed.jsonl:3", r.report().problems().get(0).location());
    }

    @Test
    void acpFeed_upsertExample_becomesOneProductPerVariant() throws Exception {
        JsonNode examples = ParleyJson.readTree(Files.readAllBytes(resource("acp/examples.feed.json")));
        byte[] upsert = ParleyJson.writeBytes(examples.get("upsert_products_request_single_product"));
        ImportResult r = new AcpFeedImporter(ImportProgress.NONE).importFrom("upsert", upsert);
        assertEquals(1, r.products().size());
        Product tee = r.products().get(0);
        assertEquals(Sku.of("sku124-red-m"), tee.sku());
        assertEquals("Classic Tee - Red / Medium", tee.title());
        assertEquals("00012345600029", tee.gtin());
        assertEquals(Money.of("19.99", "USD"), tee.listPrice());
        assertEquals(Availability.OUT_OF_STOCK, tee.availability());
        assertEquals(AttributeValue.of("Red"), tee.attributes().get("color"));
        assertEquals(AttributeValue.of("Medium"), tee.attributes().get("size"));
        assertEquals("Example Merchant", tee.brand());
        ImportResult listing = new AcpFeedImporter(ImportProgress.NONE).importFrom("get_products",
                ParleyJson.writeBytes(examples.get("get_products_response")));
        assertEquals(Map.of("invalid variant", 1L), listing.report().skippedByReason(), "a variant without price is reported");
    }

    @Test
    void schemaOrg_examples_importPricedProducts_andReportTheRest() throws Exception {
        ImportResult r = new SchemaOrgImporter(ImportProgress.NONE).importFrom(resource("schema-org"));
        ImportReport report = r.report();
        assertEquals(report.read(), report.used() + report.skipped());
        Product microwave = r.products().stream().filter(p -> p.title().startsWith("Kenmore")).findFirst().orElseThrow();
        assertEquals(Money.of("55.00", "USD"), microwave.listPrice());
        assertTrue(microwave.sku().value().startsWith("so-"));
        Product monitor = r.products().stream().filter(p -> p.title().startsWith("Dell UltraSharp")).findFirst().orElseThrow();
        assertEquals(Money.of("1250", "USD"), monitor.listPrice(), "AggregateOffer lowPrice");
        assertTrue(report.skippedByReason().get("no price") >= 5, report.summary());
        assertTrue(r.products().size() >= 5, report.summary());
    }

    @Test
    void progressLines_arePrintedPeriodically_withTheRate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        ImportProgress progress = ImportProgress.lines(new PrintStream(out, true, StandardCharsets.UTF_8), clock, Duration.ofSeconds(2));
        for (long rows = 1; rows <= 10_240; rows++) {
            if (rows % 1024 == 0) {
                now[0] = now[0].plusSeconds(1);
            }
            progress.rowsRead(rows);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("2,048 rows read"), lines.get(0));
    }
}
