package dev.parley.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The check registry, levels and reports, without a target. */
class RegistryTest {

    private static final List<Check> CHECKS = Conformance.checks(Conformance.Role.BRAND);

    @Test
    void checkIdsAreUnique_andEverySectionCitedExistsInTheSpecification() throws IOException {
        Set<String> ids = new HashSet<>();
        String spec = Files.readString(Path.of(System.getProperty("parley.protocol", "../spec/PROTOCOL.md")));
        Set<String> headings = new HashSet<>();
        Matcher h = Pattern.compile("(?m)^#{2,3} ([0-9]+(\\.[0-9]+)?)\\.? ").matcher(spec);
        while (h.find()) {
            headings.add(h.group(1));
        }
        for (Check check : CHECKS) {
            assertTrue(ids.add(check.id()), "duplicate id " + check.id());
            Matcher s = Pattern.compile("§([0-9]+(\\.[0-9]+)?)").matcher(check.section());
            int cited = 0;
            while (s.find()) {
                cited++;
                assertTrue(headings.contains(s.group(1)), check.id() + " cites §" + s.group(1) + ", which PROTOCOL.md does not have");
            }
            assertTrue(cited > 0, check.id());
        }
        assertTrue(ids.size() >= 45, "checks: " + ids.size());
    }

    @Test
    void theHostileFamiliesOfTheVectorsAreAllCovered() {
        Set<String> ids = new HashSet<>(CHECKS.stream().map(Check::id).toList());
        for (String family : List.of("tampered", "wrong-key", "alg-none", "alg-hmac", "expired", "future", "wrong-audience", "replay",
                "schema-unknown-member", "schema-money-number", "too-large", "deep-nesting", "duplicate-keys")) {
            assertTrue(ids.contains("hostile." + family), family);
        }
    }

    @Test
    void levelsInclude_mandatoryAndCapabilityChecks_recommendedOnesFromRecommended_exhaustiveOnlyInFull() {
        Check.Probe none = t -> "";
        Check mandatory = new Check("a.mandatory", Tier.MANDATORY, "§1", "m", false, none);
        Check capability = new Check("a.capability", Tier.capability("orders"), "§1", "c", false, none);
        Check recommended = new Check("a.recommended", Tier.RECOMMENDED, "§1", "r", false, none);
        Check exhaustive = new Check("a.exhaustive", Tier.MANDATORY, "§1", "e", true, none);
        assertEquals(List.of(true, true, false, false), List.of(Level.MANDATORY.includes(mandatory), Level.MANDATORY.includes(capability),
                Level.MANDATORY.includes(recommended), Level.MANDATORY.includes(exhaustive)));
        assertEquals(List.of(true, true, true, false), List.of(Level.RECOMMENDED.includes(mandatory), Level.RECOMMENDED.includes(capability),
                Level.RECOMMENDED.includes(recommended), Level.RECOMMENDED.includes(exhaustive)));
        assertTrue(CHECKS.stream().allMatch(Level.FULL::includes));
        assertEquals(Level.FULL, Level.parse("Full"));
        assertThrows(IllegalArgumentException.class, () -> Level.parse("most"));
        assertEquals("CAPABILITY:orders", Tier.capability("orders").label());
    }

    @Test
    void aCheckMustCiteASection_andHaveADottedId() {
        assertThrows(IllegalArgumentException.class, () -> new Check("a.b", Tier.MANDATORY, "4.1", "x", false, t -> ""));
        assertThrows(IllegalArgumentException.class, () -> new Check("nodot", Tier.MANDATORY, "§4.1", "x", false, t -> ""));
        assertThrows(IllegalArgumentException.class, () -> new Tier(Tier.Kind.CAPABILITY, null));
    }

    @Test
    void reportsNameEachFailureWithItsSection_andEscapeHtml() {
        Report report = new Report("http://127.0.0.1:1", Conformance.Role.BRAND, Level.MANDATORY, Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofMillis(12), List.of(
                new Result("hostile.replay", Tier.MANDATORY, "§4.1 step 10", "replays are refused", Status.FAIL, "got HTTP 200 <order.confirmed>"),
                new Result("discovery.jwks", Tier.MANDATORY, "§2.1", "jwks", Status.PASS, "1 key"),
                new Result("order.expired-quote", Tier.capability("orders"), "§11", "expired", Status.SKIPPED, "no test_mode")));
        assertFalse(report.passed());
        assertTrue(report.text().contains("FAIL hostile.replay (MANDATORY)  [breaks §4.1 step 10]: got HTTP 200 <order.confirmed>"), report.text());
        assertTrue(report.text().contains("hostile.replay breaks §4.1 step 10"), report.text());
        assertTrue(report.text().endsWith("1 passed, 1 failed, 1 skipped in 12 ms: NOT CONFORMANT at level mandatory\n"), report.text());
        String json = report.json();
        assertTrue(json.contains("\"id\" : \"order.expired-quote\"") && json.contains("\"tier\" : \"CAPABILITY:orders\"")
                && json.contains("\"status\" : \"SKIPPED\"") && json.contains("\"section\" : \"§11\""), json);
        String html = report.html();
        assertTrue(html.contains("got HTTP 200 &lt;order.confirmed&gt;") && !html.contains("<order.confirmed>"), html);
        assertTrue(html.contains("Not conformant at level mandatory"), html);
        assertTrue(html.contains("<li><code>hostile.replay</code> breaks <strong>§4.1 step 10</strong>"), html);
    }
}
