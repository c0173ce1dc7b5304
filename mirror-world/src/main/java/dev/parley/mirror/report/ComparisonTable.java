package dev.parley.mirror.report;

import dev.parley.mirror.population.BasketStats;
import dev.parley.mirror.world.StrategyResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plain-text comparison of a Mirror World run: one row per strategy, and the population's calibration. */
public final class ComparisonTable {

    private ComparisonTable() {}

    public static String render(List<StrategyResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-16s %14s %14s %7s %9s %8s %9s %14s %7s %7s  %s%n",
                "strategy", "revenue", "margin", "conv", "units", "avg disc", "negotiat", "surplus", "agree", "rounds", "goal"));
        for (StrategyResult r : results) {
            out.append(String.format(Locale.ROOT, "%-16s %14s %14s %7.3f %9d %7.2f%% %9d %14s %7.3f %7.2f  %s%n",
                    r.name(), r.revenue().amountString(), money(r.margin()), r.conversion(), r.units(), 100 * r.averageDiscount(),
                    r.negotiations(), money(r.surplus()), r.agreementRate(), r.meanRounds(), goals(r)));
        }
        return out.toString();
    }

    /** The calibration lines: the synthetic population's buying next to the real customers'. */
    public static String calibration(BasketStats real, BasketStats synthetic) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-22s %10s %10s%n", "", "real", "twins"));
        out.append(String.format(Locale.ROOT, "%-22s %10.4f %10.4f%n", "repeat share", real.repeatShare(), synthetic.repeatShare()));
        out.append(String.format(Locale.ROOT, "%-22s %10.2f %10.2f%n", "basket size mean", real.meanBasketSize(), synthetic.meanBasketSize()));
        for (Map.Entry<String, Double> e : real.sizeShares().entrySet()) {
            out.append(String.format(Locale.ROOT, "%-22s %10.4f %10.4f%n", "  baskets of " + e.getKey(), e.getValue(),
                    synthetic.sizeShares().getOrDefault(e.getKey(), 0.0)));
        }
        return out.toString();
    }

    static String goals(StrategyResult r) {
        if (r.goals().isEmpty()) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        for (StrategyResult.GoalResult g : r.goals()) {
            BigDecimal u = g.uplift();
            s.append(g.tier()).append(" +").append(g.targetUplift().movePointRight(2).stripTrailingZeros().toPlainString()).append("%: ")
                    .append(u == null ? "no baseline" : (u.signum() >= 0 ? "+" : "") + u.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%")
                    .append(g.met() ? " met" : " missed").append(' ');
        }
        return s.toString().trim();
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
