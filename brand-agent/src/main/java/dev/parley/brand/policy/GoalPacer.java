package dev.parley.brand.policy;

import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * Paces a goal's discount budget over its period (UTC calendar weeks, months, quarters or
 * years): at a given instant a tier may have spent at most the budget times the elapsed share of
 * the period.
 */
public final class GoalPacer {

    private final BrandPolicy policy;

    public GoalPacer(BrandPolicy policy) {
        this.policy = policy;
    }

    /** The goal set for a tier, if any. */
    public Optional<BrandPolicy.Goal> goalOf(String tier) {
        return policy.goals().stream().filter(g -> g.tier().equals(tier)).findFirst();
    }

    /** The first instant of the period containing {@code now}. */
    public static Instant periodStart(BrandPolicy.Period period, Instant now) {
        LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (period) {
            case WEEK -> day.with(java.time.DayOfWeek.MONDAY);
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1);
            case YEAR -> day.with(TemporalAdjusters.firstDayOfYear());
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period containing {@code now}. */
    public static Instant periodEnd(BrandPolicy.Period period, Instant now) {
        LocalDate start = periodStart(period, now).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate end = switch (period) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
        return end.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The share of the period elapsed at {@code now}, in [0, 1]. */
    public static BigDecimal elapsed(BrandPolicy.Period period, Instant now) {
        Instant start = periodStart(period, now);
        long total = Duration.between(start, periodEnd(period, now)).toSeconds();
        long done = Duration.between(start, now).toSeconds();
        return BigDecimal.valueOf(done).divide(BigDecimal.valueOf(total), MathContext.DECIMAL64);
    }

    /** The most a tier's goal lets it have spent on discounts by {@code now} in this period. */
    public Money allowedSpend(BrandPolicy.Goal goal, Instant now) {
        return goal.discountBudget().times(elapsed(goal.period(), now), RoundingMode.DOWN);
    }

    /**
     * Whether a tier may still grant its own terms at {@code now}, given what it has spent in the
     * current period. A tier without a goal always may.
     */
    public boolean withinPace(String tier, Money spentThisPeriod, Instant now) {
        return goalOf(tier).map(goal -> spentThisPeriod.compareTo(allowedSpend(goal, now)) < 0).orElse(true);
    }

    /** The key under which a tier's spend and revenue of the period containing {@code now} are counted. */
    public String periodKey(String tier, Instant now) {
        BrandPolicy.Period period = goalOf(tier).map(BrandPolicy.Goal::period).orElse(BrandPolicy.Period.QUARTER);
        return tier + "@" + periodStart(period, now);
    }
}
