package dev.parley.cli;

import dev.parley.cli.demo.Demo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = {
        "Campaignless commerce on real data, on loopback: three brand agents (catalogs from the UCI Online Retail and Open Food Facts data,",
        "a policy each), twins for real UCI customers built from their purchase histories and one twin with stated wishes only;",
        "a Daily Me for each, one approved order with its signed receipt, and an HTML report."})
final class DemoCommand implements Callable<Integer> {
    private final Main.Io io;

    @Option(names = "--twins", defaultValue = "3", paramLabel = "N", description = "How many UCI customers get a twin (default ${DEFAULT-VALUE}), plus the twin with wishes.")
    int twins;

    @Option(names = "--seed", defaultValue = "7", description = "Which customers are picked, and the twins' randomness (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", defaultValue = "parley-demo-report.html", paramLabel = "FILE", description = "Where the HTML report goes (default ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--data", paramLabel = "DIR", description = "The data folder (default: data/ of this repository).")
    Path data;

    @Option(names = "--today", defaultValue = "2011-12-01T09:00:00Z", paramLabel = "INSTANT",
            description = "The day the demo plays (histories end there; default ${DEFAULT-VALUE}).")
    Instant today;

    DemoCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        // the demo speaks for itself on standard output; the agents' own lifecycle logs would only interleave
        System.setProperty("org.slf4j.simpleLogger.log.dev.parley", "warn");
        Path folder = data != null ? data : Path.of(System.getenv().getOrDefault("PARLEY_HOME", ".")).resolve("data");
        if (!Files.isDirectory(folder.resolve("uci-online-retail/by-day")) || !Files.isRegularFile(folder.resolve("open-food-facts-sample/openfoodfacts-products-1000.tsv"))) {
            throw new UsageError("no demo data in " + folder.toAbsolutePath() + " (expected uci-online-retail/by-day and open-food-facts-sample); pass --data DIR");
        }
        if (twins < 1 || twins > 40) {
            throw new UsageError("--twins must be 1 to 40");
        }
        new Demo(new Demo.Options(folder, twins, seed, report, today), io.out()).run();
        return 0;
    }
}
