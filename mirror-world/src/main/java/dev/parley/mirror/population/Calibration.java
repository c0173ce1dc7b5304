package dev.parley.mirror.population;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleUnaryOperator;

/**
 * Fits the user model's intercept (which drives basket size) and habit (which drives the repeat
 * share) so a synthetic population's histories look like the real customers': alternating
 * bisections, each evaluation a synthetic population drawn with the same seed over the real
 * data's span (common random numbers, so the fitted curves are smooth).
 *
 * @param model    the fitted user model
 * @param real     the real customers' basket statistics
 * @param synthetic the statistics of a synthetic population drawn with the fitted model
 */
public record Calibration(UserModel model, BasketStats real, BasketStats synthetic) {

    private static final int ROUNDS = 3;
    private static final int STEPS = 14;

    /** The targets: repeat share within ±0.02, mean basket size within ±10% of the real ones. */
    public boolean withinTargets() {
        return Math.abs(synthetic.repeatShare() - real.repeatShare()) <= 0.02
                && Math.abs(synthetic.meanBasketSize() - real.meanBasketSize()) <= 0.10 * real.meanBasketSize();
    }

    /** Calibrates {@code start}'s intercept and habit on {@code people} synthetic people. */
    public static Calibration fit(Market market, UserModel start, int people, long seed) {
        BasketStats real = BasketStats.ofInvoices(market.history().invoices());
        Instant end = market.end();
        int days = (int) Math.max(1, Duration.between(market.history().invoices().get(0).time(), end).toDays());
        UserModel model = start;
        for (int round = 0; round < ROUNDS; round++) {
            UserModel current = model;
            double intercept = bisect(-8, 6, x -> stats(market, current.withIntercept(x), people, seed, end, days).meanBasketSize()
                    - real.meanBasketSize());
            model = model.withIntercept(intercept);
            UserModel withIntercept = model;
            double habit = bisect(-4, 10, x -> stats(market, withIntercept.withHabit(x), people, seed, end, days).repeatShare()
                    - real.repeatShare());
            model = model.withHabit(habit);
        }
        return new Calibration(model, real, stats(market, model, people, seed, end, days));
    }

    private static BasketStats stats(Market market, UserModel model, int people, long seed, Instant end, int days) {
        return BasketStats.ofPeople(new SyntheticPopulation(market, model).generate(people, seed, end, days));
    }

    /** The root of an increasing function on [lo, hi] (or the end nearer to it). */
    private static double bisect(double lo, double hi, DoubleUnaryOperator f) {
        for (int i = 0; i < STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (f.applyAsDouble(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
