package dev.parley.cli;

import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.PolicyFile;
import dev.parley.mirror.tournament.BrandAgentStrategy;
import dev.parley.mirror.tournament.TimeDependent;
import dev.parley.mirror.tournament.TitForTat;
import dev.parley.mirror.tournament.Tournament;
import dev.parley.mirror.tournament.TwinAgentStrategy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tournament", description = {
        "Run a negotiation tournament: stacked alternating offers between every ordered pair of Boulware, Linear, Conceder,",
        "Hardliner, tit-for-tat, the brand agent's strategy and the twin's, over random single- and multi-issue scenarios",
        "(price, quantity, delivery) that all have a zone of agreement; print each strategy's figures."})
final class TournamentCommand implements Callable<Integer> {
    private final Main.Io io;

    @Option(names = "--scenarios", defaultValue = "300", paramLabel = "N", description = "Scenarios (default ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(names = "--rounds", defaultValue = "100", paramLabel = "N", description = "The deadline in proposals (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "N", description = "The seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--brand-policy", paramLabel = "FILE",
            description = "The brand policy whose concession curve the brand agent uses (default: Boulware, beta 0.2).")
    Path brandPolicy;

    TournamentCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (scenarios < 1 || scenarios > 100_000) {
            throw new UsageError("--scenarios must be 1 to 100000: " + scenarios);
        }
        if (rounds < 2 || rounds > 1000) {
            throw new UsageError("--rounds must be 2 to 1000: " + rounds);
        }
        BrandPolicy policy;
        try {
            policy = brandPolicy == null ? PolicyFile.parse("{\"currency\":\"EUR\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "default")
                    : PolicyFile.load(brandPolicy);
        } catch (PolicyFile.InvalidPolicyException e) {
            throw new UsageError("--brand-policy: " + e.getMessage());
        }
        Tournament tournament = new Tournament(List.of(TimeDependent.boulware(), TimeDependent.linear(), TimeDependent.conceder(),
                TimeDependent.hardliner(), new TitForTat(), new BrandAgentStrategy(policy), new TwinAgentStrategy(new BigDecimal("0.5"))));
        Tournament.Report report = tournament.run(scenarios, rounds, seed);
        io.out().printf(Locale.ROOT, "Tournament: %d scenarios (half multi-issue), deadline %d proposals, seed %d, %d negotiations%n",
                scenarios, rounds, seed, report.games().size());
        io.out().printf(Locale.ROOT, "%-12s %6s %9s %9s %9s %9s %9s %7s %s%n", "strategy", "games", "agreement", "advantage", "gain",
                "utility", "nash", "rounds", "below reservation");
        for (Tournament.Row r : report.rows()) {
            io.out().printf(Locale.ROOT, "%-12s %6d %9.3f %9.3f %9.3f %9.3f %9.3f %7.1f %d%n", r.strategy(), r.negotiations(), r.agreementRate(),
                    r.advantage(), r.gain(), r.utility(), r.nashRatio(), r.rounds(), r.irrational());
        }
        io.out().println("advantage (share of what the zone of agreement held for the side), gain ((u - reservation) / (1 - reservation))");
        io.out().println("and nash are means over deals; utility is over all negotiations (reservation when no deal).");
        return 0;
    }
}
