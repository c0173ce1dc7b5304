package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's whole flow on the real data, as `./parley demo` runs it (with one UCI twin to keep it short). */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void theDemo_runsBrandsAndTwinsOnRealData_approvesAnOrder_andWritesItsReport() throws Exception {
        Path report = dir.resolve("report.html");
        CliTest.Run r = CliTest.run("", "demo", "--twins", "1", "--data", System.getProperty("parley.data", "../data"), "--report", report.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        String out = r.out();
        assertTrue(out.contains("Hearth & Home") && out.contains("Merry & Bright Gifts") && out.contains("Green Basket"), out);
        assertEquals(2, out.lines().filter(l -> l.startsWith("Daily Me for ")).count(), "one UCI customer and the twin with wishes: " + out);
        assertTrue(out.lines().anyMatch(l -> l.trim().startsWith("why: ") && (l.contains(" of your 50 baskets") || l.contains("last bought ") || l.contains("you buy this about every"))), "a history twin's reasons come from its history: " + out);
        assertTrue(out.contains("you asked for"), "the wish twin's reasons come from its wishes: " + out);
        assertTrue(out.contains("signed receipt (order.confirmed, verified by the twin)"), out);
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!doctype html>") && html.contains("The approved order") && html.contains("<details><summary>negotiation"), html);
        assertTrue(!html.contains("<script") && !html.contains("<link") && !html.contains(" src="), "self-contained: no scripts, no external assets");
    }

    @Test
    void demoHelp_listsItsOptions_andMissingDataIsAClearError() {
        CliTest.Run help = CliTest.run("", "demo", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--twins") && help.out().contains("--seed") && help.out().contains("--report"), help.out());
        CliTest.Run missing = CliTest.run("", "demo", "--data", dir.resolve("nothing").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no demo data"), missing.err());
    }
}
