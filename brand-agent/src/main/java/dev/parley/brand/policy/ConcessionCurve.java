package dev.parley.brand.policy;

import java.util.Locale;

/**
 * A time-dependent concession tactic (Faratin, Sierra &amp; Jennings 1998): at normalised time
 * {@code t} in [0, 1] a negotiator has given up {@code t^(1/beta)} of the room between its
 * opening and its limit. {@code beta < 1} concedes little until near the deadline (Boulware),
 * {@code beta = 1} concedes linearly, {@code beta > 1} concedes early (Conceder); a hardliner
 * never concedes.
 *
 * @param name  boulware, linear, conceder or hardliner
 * @param beta  the curve's exponent; defaults to 0.2, 1, 3 and 0 for the four names
 */
public record ConcessionCurve(String name, Double beta) {

    public ConcessionCurve {
        name = name == null ? "boulware" : name.toLowerCase(Locale.ROOT);
        double fallback = switch (name) {
            case "boulware" -> 0.2;
            case "linear" -> 1.0;
            case "conceder" -> 3.0;
            case "hardliner" -> 0.0;
            default -> throw new IllegalArgumentException("unknown concession strategy \"" + name + "\"; use boulware, linear, conceder or hardliner");
        };
        beta = beta == null ? fallback : beta;
        if (name.equals("hardliner") ? beta != 0.0 : !(beta > 0.0 && beta <= 100.0)) {
            throw new IllegalArgumentException("beta of " + name + " must be " + (name.equals("hardliner") ? "0" : "in (0, 100]") + ", not " + beta);
        }
    }

    public static ConcessionCurve boulware() {
        return new ConcessionCurve("boulware", null);
    }

    public static ConcessionCurve linear() {
        return new ConcessionCurve("linear", null);
    }

    public static ConcessionCurve conceder() {
        return new ConcessionCurve("conceder", null);
    }

    public static ConcessionCurve hardliner() {
        return new ConcessionCurve("hardliner", null);
    }

    /** The share of the room conceded at normalised time {@code t} (clamped to [0, 1]). */
    public double conceded(double t) {
        double clamped = Math.max(0.0, Math.min(1.0, t));
        if (beta == 0.0) {
            return 0.0;
        }
        return Math.pow(clamped, 1.0 / beta);
    }
}
