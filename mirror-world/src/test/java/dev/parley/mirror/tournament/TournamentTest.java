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
     * of agreement than any of them, and never deal below a floor or above a budget. The figures
     * are floors under what they reach here (agreement, advantage, Nash ratio: 0.919/0.577/0.644 for
     * the brand, 0.929/0.568/0.659 for the twin); issue 8's targets (0.93/0.70/0.72) are out of
     * reach for any strategy in this pool ({@link TournamentBoundTest}).
     */
    @Test
    void theAgentsStrategies_agreeAndClaimMoreOfTheZoneThanTheTimeDependentTactics() throws Exception {
        Tournament.Report r = new Tournament(pool()).run(60, 40, 7);
        for (String agent : List.of("brand-agent", "twin-agent")) {
            Tournament.Row row = r.row(agent);
            assertEquals(0, row.irrational(), agent);
            assertTrue(row.agreementRate() >= 0.91, agent + " agreement " + row.agreementRate());
            assertTrue(row.advantage() >= 0.56, agent + " advantage " + row.advantage());
            assertTrue(row.nashRatio() >= 0.63, agent + " nash " + row.nashRatio());
            for (String tactic : List.of("boulware", "linear", "conceder")) {
                assertTrue(row.advantage() > r.row(tactic).advantage(), agent + " claims more than " + tactic);
            }
        }
    }

    /**
     * Against a conceder the agents take their claim of the zone they estimate as soon as it is
     * offered (AC-target) instead of holding out until the conceder has given everything: a share
     * near 0.85 would leave a Nash ratio near 0.5.
     */
    @Test
    void theAgents_doNotSqueezeAConceder_toItsLimit() throws Exception {
        Tournament.Report r = new Tournament(pool()).run(60, 40, 7);
        List<Scenario> scenarios = Scenario.generate(60, new SplittableRandom(7));
        for (String agent : List.of("brand-agent", "twin-agent")) {
            double advantage = 0;
            double nash = 0;
            int deals = 0;
            for (Tournament.Game g : r.games()) {
                boolean seller = g.seller().equals(agent);
                String opponent = seller ? g.buyer() : g.buyer().equals(agent) ? g.seller() : null;
                if (g.deal() == null || !"conceder".equals(opponent)) {
                    continue;
                }
                Scenario s = scenarios.get(g.scenario() - 1);
                Role role = seller ? Role.SELLER : Role.BUYER;
                double reservation = s.side(role).reservation();
                double zone = s.bestDeal(role) - reservation;
                advantage += zone < 1e-12 ? 1 : ((seller ? g.sellerUtility() : g.buyerUtility()) - reservation) / zone;
                nash += g.nashRatio();
                deals++;
            }
            assertTrue(deals >= 100, agent + " dealt with the conceder " + deals + " times");
            assertTrue(advantage / deals < 0.80, agent + " claimed " + advantage / deals + " of the zone from the conceder");
            assertTrue(advantage / deals > 0.65, agent + " still claimed most of it: " + advantage / deals);
            assertTrue(nash / deals > 0.63, agent + " Nash ratio with the conceder " + nash / deals);
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
