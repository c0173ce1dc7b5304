package dev.parley.mirror.tournament;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.policy.PolicyFile;
import dev.parley.mirror.TestData;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TournamentTest {

    static List<Strategy> pool() throws Exception {
        return List.of(TimeDependent.boulware(), TimeDependent.linear(), TimeDependent.conceder(), TimeDependent.hardliner(),
                new TitForTat(), new BrandAgentStrategy(PolicyFile.load(TestData.examples().resolve("mirror/boulware.json"))),
                new TwinAgentStrategy(new BigDecimal("0.5")));
    }

    @Test
    void everyScenarioHasAZoneOfAgreementAndMixesSingleAndMultiIssue() {
        List<Scenario> scenarios = Scenario.generate(200, new SplittableRandom(3));
        assertTrue(scenarios.stream().allMatch(Scenario::hasZoneOfAgreement));
        assertEquals(100, scenarios.stream().filter(Scenario::multiIssue).count());
        assertTrue(scenarios.stream().allMatch(s -> s.bestNashProduct() > 0));
    }

    @Test
    void theTournamentIsDeterministicAndEveryDealIsIndividuallyRational() throws Exception {
        Tournament t = new Tournament(pool());
        Tournament.Report a = t.run(60, 40, 7);
        Tournament.Report b = new Tournament(pool()).run(60, 40, 7);
        assertEquals(a, b, "the same seed gives the same report");
        for (Tournament.Row row : a.rows()) {
            assertEquals(0, row.irrational(), row.strategy() + " made a deal below its reservation");
            assertTrue(row.negotiations() > 0);
        }
        for (Tournament.Game g : a.games()) {
            assertTrue(g.nashRatio() <= 1 + 1e-9, "no deal beats the best Nash product: " + g);
            assertTrue(g.rounds() <= 40);
        }
        // 7 strategies: 49 ordered pairs less brand-brand and twin-twin.
        assertEquals(60 * 47, a.games().size());
        assertTrue(a.games().stream().anyMatch(g -> g.seller().equals("brand-agent") && g.buyer().equals("twin-agent") && g.deal() != null));
        assertTrue(a.row("hardliner").agreementRate() < a.row("conceder").agreementRate(), "a hardliner closes fewer deals than a conceder");
        assertTrue(a.row("hardliner").advantage() > a.row("conceder").advantage(), "but takes more of each");
    }

    /**
     * The agents' own strategies against the field, seeded: they agree about as often as the
     * time-dependent tactics (which lose only to the hardliner, as they do), claim more of the zone
     * of agreement than any of them, stay near the Pareto frontier, and never deal below a floor
     * or above a budget. The figures are floors under what they reach here (agreement, advantage,
     * Nash ratio: 0.919/0.622/0.623 for the brand, 0.929/0.586/0.625 for the twin); issue 8's
     * targets (0.93/0.70/0.72) are out of reach for any strategy in this pool
     * ({@link TournamentBoundTest}).
     */
    @Test
    void theAgentsStrategies_agreeAndClaimMoreOfTheZoneThanTheTimeDependentTactics() throws Exception {
        Tournament.Report r = new Tournament(pool()).run(60, 40, 7);
        for (String agent : List.of("brand-agent", "twin-agent")) {
            Tournament.Row row = r.row(agent);
            assertEquals(0, row.irrational(), agent);
            assertTrue(row.agreementRate() >= 0.91, agent + " agreement " + row.agreementRate());
            assertTrue(row.advantage() >= 0.58, agent + " advantage " + row.advantage());
            assertTrue(row.nashRatio() >= 0.61, agent + " nash " + row.nashRatio());
            for (String tactic : List.of("boulware", "linear", "conceder")) {
                assertTrue(row.advantage() > r.row(tactic).advantage(), agent + " claims more than " + tactic);
            }
        }
    }

    @Test
    void rolesRotateExceptForTheAgentsOwn() throws Exception {
        List<Strategy> p = pool();
        Strategy boulware = p.get(0);
        Strategy brand = p.get(5);
        Strategy twin = p.get(6);
        assertEquals(Role.SELLER, Tournament.roleOfFirst(boulware, p.get(1), 1));
        assertEquals(Role.BUYER, Tournament.roleOfFirst(boulware, p.get(1), 2));
        assertEquals(Role.BUYER, Tournament.roleOfFirst(boulware, brand, 1));
        assertEquals(Role.SELLER, Tournament.roleOfFirst(boulware, twin, 2));
        assertEquals(Role.SELLER, Tournament.roleOfFirst(brand, twin, 2));
        assertEquals(null, Tournament.roleOfFirst(brand, brand, 1));
    }
}
