package dev.parley.catalog.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UciOnlineRetailImporterTest {
    private static ImportResult result;

    @BeforeAll
    static void importRealData() {
        result = new UciOnlineRetailImporter(ImportProgress.NONE).importFrom(Data.dir("uci-online-retail/by-day"));
        System.out.println(result.report().summary());
    }

    @Test
    void realData_givesAboutFourThousandPricedProducts_andAccountsForEveryRow() {
        ImportReport report = result.report();
        assertEquals(541_909, report.read(), "every invoice line of the data set is read");
        assertEquals(report.read(), report.used() + report.skipped(), "nothing is dropped silently");
        assertTrue(result.products().size() > 3_600 && result.products().size() < 4_200, "products: " + result.products().size());
        assertEquals(result.products().size(), report.imported());
        Map<String, Long> skipped = report.skippedByReason();
        assertTrue(skipped.get("cancellation") > 9_000, skipped.toString());
        assertTrue(skipped.get("non-product code") > 1_000, skipped.toString());
        assertTrue(skipped.containsKey("non-positive price"), skipped.toString());
        assertTrue(report.problems().stream().allMatch(p -> p.location().matches("\\d{4}-\\d{2}-\\d{2}\\.csv\\.gz:\\d+")),
                "every problem names its file and row");
    }

    @Test
    void sampleProduct_hasTheModalPrice_mostFrequentDescription_andADerivedCategory() {
        Map<Sku, Product> bySku = result.products().stream().collect(Collectors.toMap(Product::sku, Function.identity()));
        Product heart = bySku.get(Sku.of("85123A"));
        assertEquals("White Hanging Heart T-Light Holder", heart.title());
        assertEquals(Money.of("2.95", "GBP"), heart.listPrice());
        assertEquals(List.of("Home", "Candles & Lighting"), heart.category());
        assertEquals(AttributeValue.of(List.of("white")), heart.attributes().get("colour"));
        assertTrue(!bySku.containsKey(Sku.of("POST")) && !bySku.containsKey(Sku.of("M")) && !bySku.containsKey(Sku.of("DOT")));
        assertTrue(result.products().stream().allMatch(p -> p.listPrice().amount().signum() > 0));
    }

    @Test
    void badRows_areReportedWithRowNumberAndReason_andTheImportContinues(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("sample.csv");
        Files.writeString(csv, """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
                C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom
                536370,POST,POSTAGE,3,2010-12-01 08:45:00,18.0,12583.0,France
                536371,22423,REGENCY CAKESTAND 3 TIER,two,2010-12-01 09:00:00,12.75,13748.0,United Kingdom
                536372,22423,,4,2010-12-01 09:00:00,12.75,13748.0,United Kingdom
                536373,22423,REGENCY CAKESTAND 3 TIER,4,2010-12-01 09:00:00,0,13748.0,United Kingdom
                536374,22423,REGENCY CAKESTAND 3 TIER,4,2010-12-01 09:00:00
                536375,22423,REGENCY CAKESTAND 3 TIER,4,2010-12-01 09:00:00,12.75,13748.0,United Kingdom
                """);
        ImportResult r = new UciOnlineRetailImporter(ImportProgress.NONE).importFrom(csv);
        assertEquals(8, r.report().read());
        assertEquals(2, r.report().used());
        assertEquals(2, r.products().size());
        assertEquals(List.of("sample.csv:3", "sample.csv:4", "sample.csv:5", "sample.csv:6", "sample.csv:7", "sample.csv:8"),
                r.report().problems().stream().map(ImportReport.Problem::location).toList());
        assertEquals(Map.of("cancellation", 1L, "non-product code", 1L, "malformed row", 2L, "missing description", 1L, "non-positive price", 1L),
                r.report().skippedByReason());
    }
}
