package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinEvalCommandTest {
    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @TempDir
    Path dir;

    private static String row(String invoice, String code, String day, String customer) {
        return invoice + "," + code + ",ITEM " + code + ",1," + day + " 10:00:00,1.25," + customer + ".0,United Kingdom\n";
    }

    @BeforeEach
    void writeData() throws IOException {
        Path days = Files.createDirectories(dir.resolve("by-day"));
        Files.writeString(days.resolve("2011-01-03.csv"), HEADER
                + row("1", "10001", "2011-01-03", "1") + row("1", "10002", "2011-01-03", "1")
                + row("2", "10001", "2011-01-03", "2") + row("2", "10003", "2011-01-03", "2"));
        Files.writeString(days.resolve("2011-01-10.csv"), HEADER
                + row("3", "10001", "2011-01-10", "1") + row("3", "10004", "2011-01-10", "1")
                + row("4", "10003", "2011-01-10", "2")
                + row("5", "10002", "2011-01-10", "3"));
        Files.writeString(days.resolve("2011-01-12.csv"), HEADER
                + row("6", "10002", "2011-01-12", "1"));
    }

    @Test
    void twinEval_printsOneJsonObjectWithEveryModelsMetrics() {
        CliTest.Run r = CliTest.run("", "twin-eval", "--data", dir.toString(), "--train-until", "2011-01-05", "--k", "2");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(1, lines.size());
        JsonNode out = lines.get(0);
        assertEquals("2011-01-05", out.get("cut").asText());
        assertEquals(2, out.get("k").asInt());
        assertEquals(2, out.get("customers").asInt(), "customer 3 has no history before the cut");
        for (String model : List.of("twin", "p_topfreq", "gp_topfreq")) {
            JsonNode m = out.get("models").get(model);
            for (String field : List.of("recall", "ndcg", "phr")) {
                assertTrue(m.get(field).isNumber(), model + "." + field);
                assertTrue(m.get("repeat").get(field).isNumber(), model + ".repeat." + field);
                assertTrue(m.get("explore").get(field).isNumber(), model + ".explore." + field);
            }
        }
        // Customer 1 bought 10001, 10002 and comes back for 10001, 10004; customer 2 bought 10001, 10003 and comes back for 10003.
        JsonNode p = out.get("models").get("p_topfreq");
        assertEquals(0.75, p.get("recall").asDouble(), 1e-6);
        assertEquals(1.0, p.get("repeat").get("recall").asDouble(), 1e-6);
        assertEquals(0.0, p.get("explore").get("recall").asDouble(), 1e-6);
        assertTrue(out.get("twin_vs_best_baseline_recall").isNumber());
    }

    @Test
    void twinEval_missingDirectory_exitsWithAUsageError() {
        CliTest.Run r = CliTest.run("", "twin-eval", "--data", dir.resolve("missing").toString(), "--train-until", "2011-01-05");
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("--data is not a directory"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void twinEval_badDate_exitsWithAUsageError() {
        CliTest.Run r = CliTest.run("", "twin-eval", "--data", dir.toString(), "--train-until", "2011-13-01");
        assertEquals(Main.EXIT_USAGE, r.exit());
        assertTrue(r.err().contains("--train-until must be a date YYYY-MM-DD"), r.err());
        CliTest.Run outside = CliTest.run("", "twin-eval", "--data", dir.toString(), "--train-until", "2012-01-01");
        assertEquals(Main.EXIT_USAGE, outside.exit());
        assertTrue(outside.err().contains("before 2011-01-12"), outside.err());
    }

    @Test
    void twinEval_fitOn_printsWeights_thatParametersReadsBack() throws IOException {
        CliTest.Run fit = CliTest.run("", "twin-eval", "--data", dir.toString(), "--train-until", "2011-01-11", "--fit-on", "2011-01-05");
        assertEquals(0, fit.exit(), fit.err());
        JsonNode weights = fit.lines().get(0);
        assertEquals(90, weights.get("half_life_days").asInt());
        assertTrue(weights.get("weights").get("SHARE").isNumber());
        Path file = dir.resolve("weights.json");
        Files.writeString(file, fit.out());
        CliTest.Run eval = CliTest.run("", "twin-eval", "--data", dir.toString(), "--train-until", "2011-01-05", "--parameters", file.toString());
        assertEquals(0, eval.exit(), eval.err());
        Files.writeString(file, "{\"weights\":{\"NO_SUCH_FEATURE\":1}}");
        CliTest.Run bad = CliTest.run("", "twin-eval", "--data", dir.toString(), "--train-until", "2011-01-05", "--parameters", file.toString());
        assertEquals(Main.EXIT_USAGE, bad.exit());
        assertTrue(bad.err().contains("NO_SUCH_FEATURE"), bad.err());
    }
}
