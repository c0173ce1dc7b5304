package dev.parley.twin.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import dev.parley.twin.model.ModelParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NextBasketEvaluationTest {
    private static Path data(String name) {
        Path dir = Path.of(System.getProperty("parley.data", "../data"), name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("test data not found: " + dir.toAbsolutePath());
        }
        return dir;
    }

    @Test
    void twin_beatsTheBestBaselineByTenPercent_onTheRealData() {
        PurchaseHistory history = PurchaseHistory.read(data("uci-online-retail/by-day"));
        EvaluationReport r = new NextBasketEvaluation(history).run(LocalDate.of(2011, 6, 30), 10, ModelParameters.defaults());
        assertEquals(1984, r.customers(), "customers with invoices before and after the cut");
        assertEquals(r.customers(), r.twin().overall().customers());
        assertTrue(r.twinVsBestBaselineRecall() >= 1.10, "twin recall@10 / best baseline = " + r.twinVsBestBaselineRecall());
        assertTrue(r.twin().explore().recall() > 0, "the twin finds some items new to the customer");
        assertEquals(0.0, r.pTopFreq().explore().recall(), "P-TopFreq only ever predicts the customer's own items");
        assertEquals(r.pTopFreq().repeat(), r.gpTopFreq().repeat(), "filling with popular items changes only explore items");
        assertTrue(r.twin().overall().ndcg() > r.gpTopFreq().overall().ndcg());
    }

    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @Test
    void read_keepsCustomerProductRows_andSkipsCancellationsChargesAndAnonymousRows(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("2011-01-01.csv"), HEADER
                + "1001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2011-01-01 09:00:00,2.55,17850.0,United Kingdom\n"
                + "1001,85123a,WHITE HANGING HEART T-LIGHT HOLDER,2,2011-01-01 09:00:00,2.55,17850.0,United Kingdom\n"
                + "1001,POST,POSTAGE,1,2011-01-01 09:00:00,18.00,17850.0,United Kingdom\n"
                + "C1002,85123A,WHITE HANGING HEART T-LIGHT HOLDER,-1,2011-01-01 10:00:00,2.55,17850.0,United Kingdom\n"
                + "1003,22423,REGENCY CAKESTAND 3 TIER,1,2011-01-01 11:00:00,12.75,,United Kingdom\n"
                + "1004,22423,REGENCY CAKESTAND 3 TIER,0,2011-01-01 12:00:00,12.75,13047.0,United Kingdom\n");
        Files.writeString(dir.resolve("2011-01-02.csv"), HEADER
                + "1005,22423,\"REGENCY CAKESTAND 3 TIER, LARGE\",1,2011-01-02 08:30:00,12.75,13047.0,United Kingdom\n");
        PurchaseHistory h = PurchaseHistory.read(dir);
        assertEquals(2, h.invoices().size());
        Invoice first = h.invoices().get(0);
        assertEquals("1001", first.number());
        assertEquals("17850", first.customer());
        assertEquals(Instant.parse("2011-01-01T09:00:00Z"), first.time());
        assertEquals(List.of(new Invoice.Line(Sku.of("85123A"), 8, Money.of("2.55", "GBP"))), first.lines());
        assertEquals("13047", h.invoices().get(1).customer());
        assertEquals(2, h.catalog().size(), "postage is not a product");
    }

    @Test
    void read_missingDirectoryOrNoFiles_isAClearError(@TempDir Path dir) {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> PurchaseHistory.read(dir.resolve("nope")));
        assertTrue(missing.getMessage().startsWith("not a directory"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> PurchaseHistory.read(dir));
        assertTrue(empty.getMessage().startsWith("no .csv"));
    }

    private static Invoice invoice(String number, String time, String... skus) {
        return new Invoice(number, "c1", Instant.parse(time),
                java.util.Arrays.stream(skus).map(s -> new Invoice.Line(Sku.of(s), 1, Money.of("1.00", "GBP"))).toList());
    }

    @Test
    void pTopFreq_ranksByInvoiceCountThenRecencyThenCode() {
        List<Invoice> history = List.of(
                invoice("1", "2011-01-01T00:00:00Z", "a", "b", "c"),
                invoice("2", "2011-01-05T00:00:00Z", "b", "d"),
                invoice("3", "2011-01-09T00:00:00Z", "a", "e", "f"));
        assertEquals(List.of(Sku.of("a"), Sku.of("b"), Sku.of("e"), Sku.of("f"), Sku.of("d")), NextBasketEvaluation.pTopFreq(history, 5));
        assertEquals(List.of(Sku.of("a")), NextBasketEvaluation.pTopFreq(history, 1));
    }

    @Test
    void fill_addsPopularItemsNotAlreadyRanked() {
        List<Sku> filled = NextBasketEvaluation.fill(List.of(Sku.of("a")), List.of(Sku.of("a"), Sku.of("p"), Sku.of("q")), 2);
        assertEquals(List.of(Sku.of("a"), Sku.of("p")), filled);
    }
}
