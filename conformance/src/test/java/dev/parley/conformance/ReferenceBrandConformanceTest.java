package dev.parley.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import dev.parley.protocol.message.Quote;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference brand agent, in test mode, passes every check of the kit at every level. */
class ReferenceBrandConformanceTest {

    @Test
    void referenceBrandPassesEveryCheck(@TempDir Path dir) throws Exception {
        try (ReferenceBrand brand = ReferenceBrand.start(dir, Set.of())) {
            Report report = Conformance.run(URI.create(brand.url()), Conformance.Role.BRAND, Level.FULL, Clock.systemUTC(),
                    new SplittableRandom(1), r -> { });
            System.out.println(report.text());
            assertEquals(List.of(), report.ids(Status.FAIL), report.text());
            assertEquals(List.of(), report.ids(Status.SKIPPED), report.text());
            assertEquals(Conformance.checks(Conformance.Role.BRAND).size(), report.results().size());
            assertTrue(report.passed());
        }
    }

    /** Without test mode, the test-mode checks are skipped with the reason and the short-lived quote extension is ignored. */
    @Test
    void withoutTestMode_theTestModeChecksAreSkipped_andQuotesKeepThePolicyLifetime(@TempDir Path dir) throws Exception {
        try (ReferenceBrand brand = ReferenceBrand.start(dir, Set.of(), false)) {
            Report report = Conformance.run(URI.create(brand.url()), Conformance.Role.BRAND, Level.MANDATORY, Clock.systemUTC(),
                    new SplittableRandom(4), r -> { });
            assertEquals(List.of(), report.ids(Status.FAIL), report.text());
            assertEquals(List.of("negotiation.no-quote-below-floor", "negotiation.insufficient-stock", "order.expired-quote", "test-mode.fixture"),
                    report.ids(Status.SKIPPED), report.text());
            assertTrue(report.results().stream().filter(r -> r.status() == Status.SKIPPED).allMatch(r -> r.detail().contains("test_mode")));

            Target t = new Target(URI.create(brand.url()), Clock.systemUTC(), new SplittableRandom(5));
            Quote quote = t.freshQuote(t.twinA(), 0L).body(Quote.class);
            assertTrue(quote.validUntil().isAfter(Instant.now().plusSeconds(800)), "the policy's 900 s, not 0: " + quote.validUntil());
        }
    }
}
