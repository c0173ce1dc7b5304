package dev.parley.cli;

import dev.parley.brand.policy.PolicyFile;
import dev.parley.mirror.population.BasketStats;
import dev.parley.mirror.population.Market;
import dev.parley.mirror.population.Person;
import dev.parley.mirror.population.SyntheticPopulation;
import dev.parley.mirror.population.UciPopulation;
import dev.parley.mirror.population.UserModel;
import dev.parley.mirror.report.ComparisonTable;
import dev.parley.mirror.report.HtmlReport;
import dev.parley.mirror.world.MirrorWorld;
import dev.parley.mirror.world.Strategy;
import dev.parley.mirror.world.StrategyResult;
import dev.parley.twin.eval.PurchaseHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mirror", description = {
        "Simulate twins meeting brand strategies day after day (the Mirror World) through the agents' own decision code,",
        "and compare the strategies: revenue, margin, conversion, units, discount, consumer surplus, negotiation, goals.",
        "Twins are synthetic people calibrated on the UCI Online Retail data, or its real customers."})
final class MirrorCommand implements Callable<Integer> {
    private final Main.Io io;

    @Option(names = "--twins", defaultValue = "10000", paramLabel = "N", description = "Simulated twins (default ${DEFAULT-VALUE}).")
    int twins;

    @Option(names = "--days", defaultValue = "30", paramLabel = "N", description = "Simulated days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "N", description = "The seed of every random draw (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--strategy", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Brand policy files to compare; the first is the baseline goals are measured against.")
    List<Path> strategies;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a self-contained HTML report with charts here.")
    Path report;

    @Option(names = "--population", defaultValue = "synthetic", paramLabel = "KIND",
            description = "synthetic (drawn from the calibrated user model) or uci (the real customers, at most their number) (default ${DEFAULT-VALUE}).")
    String population;

    @Option(names = "--data", defaultValue = "data/uci-online-retail", paramLabel = "DIR",
            description = "The UCI Online Retail directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--signing", description = "Sign and verify every simulated message (slower; the outcomes are identical).")
    boolean signing;

    @Option(names = "--threads", paramLabel = "N", description = "Strategies simulated at once (default: the processors).")
    Integer threads;

    MirrorCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (twins < 1 || twins > 1_000_000) {
            throw new UsageError("--twins must be 1 to 1000000: " + twins);
        }
        if (days < 1 || days > 3660) {
            throw new UsageError("--days must be 1 to 3660: " + days);
        }
        if (!population.equals("synthetic") && !population.equals("uci")) {
            throw new UsageError("--population must be synthetic or uci: " + population);
        }
        if (threads != null && (threads < 1 || threads > 256)) {
            throw new UsageError("--threads must be 1 to 256: " + threads);
        }
        List<Strategy> loaded = new ArrayList<>();
        for (Path file : strategies) {
            try {
                loaded.add(Strategy.load(file));
            } catch (PolicyFile.InvalidPolicyException e) {
                throw new UsageError("--strategy: " + e.getMessage());
            }
        }
        Path days0 = Files.isDirectory(data.resolve("by-day")) ? data.resolve("by-day") : data;
        if (!Files.isDirectory(days0)) {
            throw new UsageError("--data is not a directory: " + data);
        }
        long t0 = System.nanoTime();
        Market market;
        try {
            market = Market.of(PurchaseHistory.read(days0));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--data: " + e.getMessage());
        }
        UserModel model = UserModel.calibrated();
        io.err().println("parley mirror: read " + market.history().invoices().size() + " real invoices; drawing " + twins + " " + population + " twins");
        List<Person> people = population.equals("uci") ? UciPopulation.of(market, model, twins)
                : new SyntheticPopulation(market, model).generate(twins, seed, market.end(),
                        (int) Duration.between(market.history().invoices().get(0).time(), market.end()).toDays());
        BasketStats real = BasketStats.ofInvoices(market.history().invoices());
        BasketStats drawn = BasketStats.ofPeople(people);
        MirrorWorld.Settings settings = new MirrorWorld.Settings(days, seed, signing, 6, new java.math.BigDecimal("0.8"),
                threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors()));
        MirrorWorld world = new MirrorWorld(market, model, people, settings);
        int total = days * loaded.size();
        AtomicInteger done = new AtomicInteger();
        long t1 = System.nanoTime();
        List<StrategyResult> results = world.run(loaded, (strategy, day) -> progress(done.incrementAndGet(), total, t1));
        long t2 = System.nanoTime();
        io.err().println();
        String header = String.format(Locale.ROOT, "Mirror World: %d %s twins (%d simulated), %d days from %s, seed %d, signing %s; %d strategies",
                twins, population, people.size(), days, world.start().toString().substring(0, 10), seed, signing ? "on" : "off", loaded.size());
        io.out().println(header);
        io.out().print(ComparisonTable.render(results));
        io.out().println();
        io.out().println("Population against the real customers (their histories before the simulation):");
        io.out().print(ComparisonTable.calibration(real, drawn));
        io.out().printf(Locale.ROOT, "Set-up %.1f s, simulation %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        if (report != null) {
            try {
                Files.writeString(report, HtmlReport.render("Mirror World", header, results, real, drawn), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageError("--report: cannot write " + report + ": " + e.getMessage());
            }
            io.out().println("Report: " + report);
        }
        return 0;
    }

    private synchronized void progress(int done, int total, long since) {
        int width = 30;
        int filled = (int) ((long) done * width / total);
        double elapsed = (System.nanoTime() - since) / 1e9;
        io.err().printf(Locale.ROOT, "\r[%s%s] %3d%%  %d/%d strategy-days  %.0f s", "#".repeat(filled), " ".repeat(width - filled),
                done * 100 / total, done, total, elapsed);
        io.err().flush();
    }
}
