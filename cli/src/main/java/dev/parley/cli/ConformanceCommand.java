package dev.parley.cli;

import dev.parley.conformance.Conformance;
import dev.parley.conformance.Level;
import dev.parley.conformance.Report;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "conformance", description = {
        "Check a live Parley agent against the specification and report every check with the section it tests.",
        "Exit code 0 only if every check of the level passes; 1 if any fails; 2 for a usage error.",
        "Checks that need known state (a floor, a stock figure, a short-lived quote) use the agent's test_mode capability (spec §8.6)."})
final class ConformanceCommand implements Callable<Integer> {
    private final Main.Io io;

    @Option(names = "--target", paramLabel = "URL", required = true, description = "The agent's base URL, e.g. http://127.0.0.1:8080.")
    String target;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "brand", description = "The agent's role: brand (default).")
    String role;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "mandatory",
            description = "mandatory (default: mandatory checks and those of declared capabilities), recommended (+ recommended), full (+ exhaustive).")
    String level;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the JSON report (one entry per check) here.")
    Path reportJson;

    @Option(names = "--report-html", paramLabel = "FILE", description = "Also write a self-contained HTML report here.")
    Path reportHtml;

    ConformanceCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        Conformance.Role parsedRole;
        Level parsedLevel;
        URI uri;
        try {
            parsedRole = Conformance.Role.parse(role);
            parsedLevel = Level.parse(level);
            uri = URI.create(target);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("--target must be an http(s) URL such as http://127.0.0.1:8080, not " + target);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        io.out().println("Parley conformance, role " + parsedRole.wire() + ", level " + parsedLevel.wire() + ", target " + uri);
        Report report = Conformance.run(uri, parsedRole, parsedLevel, io.clock(), new SecureRandom(), r -> io.out().println("  " + Report.line(r)));
        io.out().print(report.summary());
        if (reportJson != null) {
            Files.writeString(reportJson, report.json());
        }
        if (reportHtml != null) {
            Files.writeString(reportHtml, report.html());
        }
        return report.passed() ? 0 : Main.EXIT_REJECTED;
    }
}
