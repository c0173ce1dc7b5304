package dev.parley.twin.negotiation;

import java.util.OptionalDouble;

/**
 * Where the other side of a negotiation is heading: its proposals so far, as utilities to the
 * twin at normalised times, fitted by least squares to the time-dependent family
 * {@code u(τ) = u₀ + (U − u₀)·τ^e} (Faratin, Sierra &amp; Jennings), whose {@code U} is what the
 * other side would concede at its deadline: an estimate of its reservation, in the twin's
 * utility. Opponents that concede in time are well described by it; one that has not moved yet
 * (a hardliner, or any side early on) gives no estimate.
 */
final class ConcessionFit {

    /** Exponents tried, from conceders (e below 1) to Boulware (e up to 12). */
    private static final double[] EXPONENTS = exponents();

    /** Less movement than this (in utility) is not taken as a trend. */
    private static final double MIN_MOVEMENT = 0.02;

    private ConcessionFit() {
    }

    /**
     * The utility the other side's proposals are heading for at time 1, or empty while there is
     * no trend to fit (fewer than three proposals, or no movement toward the twin).
     *
     * @param times     normalised times of the proposals in [0, 1], increasing
     * @param utilities the proposals' utilities to the twin, in the same order
     */
    static OptionalDouble limit(double[] times, double[] utilities) {
        int n = times.length;
        if (n < 3 || utilities[n - 1] - utilities[0] < MIN_MOVEMENT) {
            return OptionalDouble.empty();
        }
        double start = times[0];
        double span = 1 - start;
        if (span <= 0) {
            return OptionalDouble.empty();
        }
        double bestError = Double.POSITIVE_INFINITY;
        double bestReach = 0;
        for (double e : EXPONENTS) {
            double xy = 0;
            double xx = 0;
            for (int i = 1; i < n; i++) {
                double x = Math.pow((times[i] - start) / span, e);
                xy += x * (utilities[i] - utilities[0]);
                xx += x * x;
            }
            if (xx == 0) {
                continue;
            }
            double reach = xy / xx;
            double error = 0;
            for (int i = 1; i < n; i++) {
                double r = utilities[i] - utilities[0] - reach * Math.pow((times[i] - start) / span, e);
                error += r * r;
            }
            if (error < bestError) {
                bestError = error;
                bestReach = reach;
            }
        }
        return bestReach > 0 ? OptionalDouble.of(utilities[0] + bestReach) : OptionalDouble.empty();
    }

    private static double[] exponents() {
        double[] e = new double[40];
        for (int i = 0; i < e.length; i++) {
            // Geometric from 0.2 to 12: as fine for conceders as for Boulware opponents.
            e[i] = 0.2 * Math.pow(60, i / (e.length - 1.0));
        }
        return e;
    }
}
