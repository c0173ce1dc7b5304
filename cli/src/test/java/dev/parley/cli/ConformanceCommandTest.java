package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceCommandTest {

    @TempDir
    Path dir;

    private CliTest.Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // a live node signs with the real clock, so the kit checks times against it too
        int exit = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        return new CliTest.Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aConformingBrand_exitsZero_andWritesBothReports() throws Exception {
        Files.writeString(dir.resolve("catalog.csv"), """
                sku,title,description,brand,category,price,currency,stock
                MUG-RED,Red enamel mug,A mug for tea,Hearth,Kitchen > Mugs,6.00,GBP,40
                CANDLE,Soy candle,Vanilla soy candle,Hearth,Home > Candles,10.00,GBP,100
                LAMP,Rabbit night light,Night light,Hearth,Home > Lighting,20.00,GBP,5
                """);
        Files.writeString(dir.resolve("policy.json"), """
                {"currency": "GBP", "negotiation": {"max_rounds": 4, "seconds": 600}}
                """);
        Files.writeString(dir.resolve("brand.json"), """
                {"name": "Hearth", "port": 0, "data_dir": "data", "test_mode": true,
                 "catalog": {"format": "csv", "path": "catalog.csv", "page_size": 2}, "policy": "policy.json",
                 "limits": {"requests_per_second": 10000, "burst": 10000}}
                """);
        BrandNode node = BrandNode.start(BrandConfig.load(dir.resolve("brand.json"), Map.of()),
                new BrandNode.Options(Clock.systemUTC(), new SplittableRandom(3), null)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        try {
            Path json = dir.resolve("report.json");
            Path html = dir.resolve("report.html");
            CliTest.Run r = run("conformance", "--target", node.url(), "--role", "brand", "--level", "recommended",
                    "--report-json", json.toString(), "--report-html", html.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("PASS discovery.descriptor-signed (MANDATORY)"), r.out());
            assertTrue(r.out().contains("0 failed, 0 skipped") && r.out().contains("CONFORMANT at level recommended"), r.out());
            JsonNode report = new ObjectMapper().readTree(Files.readString(json));
            assertTrue(report.path("conformant").asBoolean());
            assertTrue(report.path("checks").size() > 40);
            for (JsonNode check : report.path("checks")) {
                assertEquals("PASS", check.path("status").asText(), check.toString());
                assertTrue(check.path("section").asText().startsWith("§") && !check.path("id").asText().isEmpty() && check.has("tier")
                        && check.has("detail"), check.toString());
            }
            String page = Files.readString(html);
            assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("Conformant at level recommended"), page);
            assertTrue(!page.contains("<script") && !page.contains("<link") && !page.contains("src="), "a self-contained page");
        } finally {
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnreachableTarget_failsWithExitOne() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliTest.Run r = run("conformance", "--target", "http://127.0.0.1:" + port, "--role", "brand");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("FAIL discovery.descriptor-served (MANDATORY)  [breaks §2.1, §8.1]"), r.out());
        assertTrue(r.out().contains("NOT CONFORMANT at level mandatory"), r.out());
    }

    @Test
    void wrongOptions_areUsageErrors() {
        assertEquals(2, run("conformance", "--target", "http://127.0.0.1:1", "--level", "most").exit());
        assertEquals(2, run("conformance", "--target", "http://127.0.0.1:1", "--role", "twin").exit());
        assertEquals(2, run("conformance", "--target", "ftp://example").exit());
        assertEquals(2, run("conformance").exit());
        CliTest.Run help = run("conformance", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Usage: parley conformance"), help.out());
    }
}
