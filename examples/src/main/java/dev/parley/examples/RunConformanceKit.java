package dev.parley.examples;

import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.conformance.Conformance;
import dev.parley.conformance.Level;
import dev.parley.conformance.Report;
import dev.parley.conformance.Status;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the conformance kit against a brand node, as an implementer runs it against their own:
 * here the example brand, started with the test-mode capability so that the checks needing known
 * state run too. The command-line equivalent is
 * {@code ./parley conformance --target http://127.0.0.1:8080 --role brand}.
 *
 * <pre>java -cp ... dev.parley.examples.RunConformanceKit [mandatory|recommended|full]</pre>
 */
public final class RunConformanceKit {

    private RunConformanceKit() {}

    public static void main(String[] args) throws Exception {
        Level level = Level.parse(args.length > 0 ? args[0] : "mandatory");
        Path data = Files.createTempDirectory("parley-conformance-example");
        BrandConfig config = BrandConfig.load(Path.of("examples/brand/brand.json"),
                Map.of("PARLEY_PORT", "0", "PARLEY_DATA_DIR", data.toString(), "PARLEY_TEST_MODE", "true"));
        BrandNode node = BrandNode.start(config, BrandNode.Options.defaults()).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        try {
            Report report = Conformance.run(URI.create(node.url()), Conformance.Role.BRAND, level, Clock.systemUTC(), new SecureRandom(),
                    result -> System.out.println(Report.line(result)));
            System.out.printf("%s: %d passed, %d failed, %d skipped at level %s%n", report.passed() ? "CONFORMANT" : "NOT CONFORMANT",
                    report.count(Status.PASS), report.count(Status.FAIL), report.count(Status.SKIPPED), level);
        } finally {
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
