package dev.parley.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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
}
