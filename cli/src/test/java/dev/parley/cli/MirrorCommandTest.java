package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorCommandTest {

    private static final Path DATA = Path.of(System.getProperty("parley.data", "../data"));
    private static final Path MIRROR = DATA.resolveSibling("examples").resolve("mirror");

    @TempDir
    Path dir;

    @Test
    void mirror_printsTheComparisonAndWritesASelfContainedReport() throws Exception {
        Path report = dir.resolve("report.html");
        CliTest.Run r = CliTest.run("", "mirror", "--twins", "120", "--days", "4", "--seed", "7", "--data", DATA.resolve("uci-online-retail").toString(),
                "--strategy", MIRROR.resolve("no-discount.json").toString(), MIRROR.resolve("boulware.json").toString(),
                "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("no-discount") && r.out().contains("boulware"), r.out());
        assertTrue(r.out().contains("repeat share"), "the population's calibration is shown next to the real data");
        assertTrue(r.err().contains("100%"), "a progress bar runs to the end");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html.contains("<svg") && html.contains("<polyline") && html.contains("<rect"), "charts are inline SVG");
        assertTrue(!html.contains("<script") && !html.contains("src=\"http"), "the report loads nothing");
    }

    @Test
    void mirror_badArguments_areUsageErrors() {
        assertEquals(2, CliTest.run("", "mirror", "--strategy", dir.resolve("missing.json").toString()).exit());
        assertEquals(2, CliTest.run("", "mirror", "--twins", "0", "--strategy", MIRROR.resolve("boulware.json").toString()).exit());
        assertEquals(2, CliTest.run("", "mirror", "--population", "martians", "--strategy", MIRROR.resolve("boulware.json").toString()).exit());
    }

    @Test
    void tournament_printsEveryStrategy_andIsDeterministic() {
        CliTest.Run a = CliTest.run("", "tournament", "--scenarios", "20", "--rounds", "30", "--seed", "5");
        CliTest.Run b = CliTest.run("", "tournament", "--scenarios", "20", "--rounds", "30", "--seed", "5");
        assertEquals(0, a.exit(), a.err());
        assertEquals(a.out(), b.out());
        for (String s : new String[] {"boulware", "linear", "conceder", "hardliner", "tit-for-tat", "brand-agent", "twin-agent"}) {
            assertTrue(a.out().contains(s), s);
        }
        assertEquals(2, CliTest.run("", "tournament", "--rounds", "1").exit());
    }

    @Test
    void bothCommands_haveHelp() {
        for (String command : new String[] {"mirror", "tournament"}) {
            CliTest.Run r = CliTest.run("", command, "--help");
            assertEquals(0, r.exit(), command);
            assertTrue(r.out().contains("Usage: parley " + command), command);
        }
    }
}
