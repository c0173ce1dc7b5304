package dev.parley.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.service.Fault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference brand agent with one deliberate fault each fails exactly the checks that cover
 * that fault, and the report names them with their sections.
 */
class FaultDetectionTest {

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.ACCEPT_REPLAY, List.of("hostile.replay")),
                Arguments.of(Fault.ACCEPT_EXPIRED_QUOTE, List.of("order.expired-quote")),
                Arguments.of(Fault.QUOTE_BELOW_FLOOR, List.of("negotiation.no-quote-below-floor")),
                // hostile.replay shows a replay made nothing by retrying the order: with this fault the retry itself charges again
                Arguments.of(Fault.DOUBLE_CHARGE_RETRY, List.of("order.idempotent-retry", "hostile.replay")),
                Arguments.of(Fault.UNSTABLE_PAGING, List.of("catalog.paging-stable", "catalog.signed-once")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void oneFaultFailsExactlyItsChecks(Fault fault, List<String> expected, @TempDir Path dir) throws Exception {
        Report report = run(dir, fault);
        assertEquals(expected, report.ids(Status.FAIL), report.text());
        assertEquals(List.of(), report.ids(Status.SKIPPED), report.text());
        assertFalse(report.passed());
        for (String id : expected) {
            Result r = report.results().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertTrue(report.text().contains(id + " breaks " + r.section()), report.text());
            assertTrue(report.json().contains("\"id\" : \"" + id + "\""), report.json());
        }
    }

    /** Unsigned errors fail every check that looks at an error, and no check that does not. */
    @Test
    void unsignedErrorsFailEveryCheckThatMeetsAnError(@TempDir Path dir) throws Exception {
        Report report = run(dir, Fault.UNSIGNED_ERRORS);
        List<String> withoutErrors = List.of("discovery.descriptor-served", "discovery.descriptor-signed", "discovery.origin-matches",
                "discovery.jwks", "discovery.capabilities", "discovery.jwks-cache", "messages.answer-signed", "catalog.page-signed",
                "catalog.etag", "catalog.delta", "catalog.signed-once", "catalog.full-traversal", "intent.offer-set",
                "negotiation.limits-declared", "quote.valid", "order.place-confirmed", "order.idempotent-retry", "test-mode.fixture",
                "hostile.nothing-changed");
        assertEquals(withoutErrors, report.ids(Status.PASS), report.text());
        assertTrue(report.ids(Status.FAIL).containsAll(List.of("errors.signed-registry", "hostile.tampered", "hostile.alg-none",
                "order.idempotency-conflict", "negotiation.closed-thread")), report.text());
        for (Result r : report.results()) {
            if (r.status() == Status.FAIL) {
                assertTrue(r.detail().contains("not a verified message"), r.id() + ": " + r.detail());
            }
        }
    }

    private static Report run(Path dir, Fault fault) throws Exception {
        try (ReferenceBrand brand = ReferenceBrand.start(dir, Set.of(fault))) {
            return Conformance.run(URI.create(brand.url()), Conformance.Role.BRAND, Level.FULL, Clock.systemUTC(), new SplittableRandom(2), r -> { });
        }
    }
}
