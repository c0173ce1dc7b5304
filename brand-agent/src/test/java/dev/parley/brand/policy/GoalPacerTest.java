package dev.parley.brand.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.money.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoalPacerTest {

    @Test
    void budget_isPacedOverTheQuarter() throws Exception {
        BrandPolicy p = PricerTest.policy("""
                {"currency": "GBP", "tiers": [{"name": "standard", "min_orders": 0}, {"name": "best", "min_orders": 3, "discount": 0.1}],
                 "goals": [{"tier": "best", "revenue_uplift": 0.2, "period": "quarter",
                            "baseline_revenue": {"amount": "10000.00", "currency": "GBP"}, "discount_share": 0.5}]}""");
        GoalPacer pacer = new GoalPacer(p);
        BrandPolicy.Goal goal = pacer.goalOf("best").orElseThrow();
        assertEquals(Money.of("1000.00", "GBP"), goal.discountBudget(), "10,000 × 20% × 50%");
        assertEquals(Money.of("12000.00", "GBP"), goal.targetRevenue());
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        assertEquals(start, GoalPacer.periodStart(BrandPolicy.Period.QUARTER, Instant.parse("2026-11-23T10:00:00Z")));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), GoalPacer.periodEnd(BrandPolicy.Period.QUARTER, start));
        Instant mid = Instant.parse("2026-11-15T12:00:00Z");
        Money allowed = pacer.allowedSpend(goal, mid);
        assertTrue(allowed.isGreaterThan(Money.of("490.00", "GBP")) && allowed.isLessThan(Money.of("510.00", "GBP")), allowed.toString());
        assertTrue(pacer.withinPace("best", Money.of("100.00", "GBP"), mid));
        assertFalse(pacer.withinPace("best", Money.of("600.00", "GBP"), mid), "ahead of pace");
        assertTrue(pacer.withinPace("standard", Money.of("1000000.00", "GBP"), mid), "no goal, no pacing");
        assertEquals("best@2026-10-01T00:00:00Z", pacer.periodKey("best", mid));
    }
}
