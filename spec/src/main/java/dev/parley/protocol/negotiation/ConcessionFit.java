package dev.parley.protocol.negotiation;

import java.util.OptionalDouble;

/**
 * Where the other side of a negotiation is heading: its proposals so far, as utilities to this
 * side at normalised times, fitted by least squares to the time-dependent family
 * {@code u(τ) = u₀ + (U − u₀)·τ^e} (Faratin, Sierra &amp; Jennings), whose {@code U} is what the
 * other side would concede at its deadline: an estimate of its reservation, in this side's
 * utility. Opponents that concede in time are well described by it; one that has not moved yet
 * (a hardliner, or any side early on) gives no estimate.
 * Used by both agents' negotiators (the brand's and the twin's).
 */
public final class ConcessionFit {

    /** Exponents tried, from conceders (e below 1) to Boulware (e up to 12). */
    private static final double[] EXPONENTS = exponents();

    /** Less movement than this (in utility) is not taken as a trend. */
    private static final double MIN_MOVEMENT = 0.02;

    private ConcessionFit() {
    }

    /**
     * The utility the other side's proposals are heading for at time 1, or empty while there is
     * no trend to fit (fewer than three proposals, or no movement toward this side).
     *
     * @param times     normalised times of the proposals in [0, 1], increasing
     * @param utilities the proposals' utilities to this side, in the same order
     */
    public static OptionalDouble limit(double[] times, double[] utilities) {
        int n = times.length;
        if (n < 3 || utilities[n - 1] - utilities[0] < MIN_MOVEMENT) {
            return OptionalDouble.empty();
        }
        if (times[0] >= 1) {
            return OptionalDouble.empty();
        }
        // Logarithms of the scaled times, so that each power is one exp; the first proposal is the origin.
        double[] logs = new double[n];
        double[] gains = new double[n];
        for (int i = 1; i < n; i++) {
            double x = (times[i] - times[0]) / (1 - times[0]);
            logs[i] = x > 0 ? Math.log(x) : Double.NEGATIVE_INFINITY;
            gains[i] = utilities[i] - utilities[0];
        }
        int bestIndex = 0;
        double bestError = Double.POSITIVE_INFINITY;
        for (int i = 0; i < EXPONENTS.length; i++) {
            double error = error(logs, gains, EXPONENTS[i]);
            if (error < bestError) {
                bestError = error;
                bestIndex = i;
            }
        }
        // Refine between the neighbours of the best exponent of the grid (golden-section search on its logarithm).
        double lo = Math.log(EXPONENTS[Math.max(0, bestIndex - 1)]);
        double hi = Math.log(EXPONENTS[Math.min(EXPONENTS.length - 1, bestIndex + 1)]);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 30; i++) {
            double a = hi - g * (hi - lo);
            double b = lo + g * (hi - lo);
            if (error(logs, gains, Math.exp(a)) <= error(logs, gains, Math.exp(b))) {
                hi = b;
            } else {
                lo = a;
            }
        }
        double reach = reach(logs, gains, Math.exp((lo + hi) / 2));
        return reach > 0 ? OptionalDouble.of(utilities[0] + reach) : OptionalDouble.empty();
    }

    /** The least-squares reach {@code U − u₀} for exponent {@code e}. */
    private static double reach(double[] logs, double[] gains, double e) {
        double xy = 0;
        double xx = 0;
        for (int i = 1; i < logs.length; i++) {
            double x = Math.exp(e * logs[i]);
            xy += x * gains[i];
            xx += x * x;
        }
        return xx == 0 ? 0 : xy / xx;
    }

    private static double error(double[] logs, double[] gains, double e) {
        double reach = reach(logs, gains, e);
        double error = 0;
        for (int i = 1; i < logs.length; i++) {
            double r = gains[i] - reach * Math.exp(e * logs[i]);
            error += r * r;
        }
        return error;
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
