package dev.parley.twin.model;

import dev.parley.protocol.message.Sku;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How much the person is expected to want one product now: a total (higher is better, comparable
 * between candidates scored by the same model) and the contributions it is the exact sum of.
 * Scores are unitless utilities, not money.
 */
public record Score(Sku sku, double total, List<Contribution> contributions) {
    public Score {
        Objects.requireNonNull(sku, "sku");
        contributions = List.copyOf(contributions);
        double sum = sum(contributions);
        if (!Double.isFinite(total) || Math.abs(total - sum) > 1e-9 * Math.max(1.0, Math.abs(sum))) {
            throw new IllegalArgumentException("total " + total + " is not the sum of its contributions " + sum + " (sku " + sku + ")");
        }
    }

    /** A score whose total is the sum of {@code contributions}. */
    public static Score of(Sku sku, List<Contribution> contributions) {
        return new Score(sku, sum(contributions), contributions);
    }

    /** The summed value of the contributions named {@code factor}, 0 when there is none. */
    public double value(String factor) {
        return contributions.stream().filter(c -> c.factor().equals(factor)).mapToDouble(Contribution::value).sum();
    }

    /** The summed value of the contributions of {@code factor}, 0 when there is none. */
    public double value(Factor factor) {
        return value(factor.name());
    }

    /** This score with more contributions added (a stated wish, a negotiated saving, …). */
    public Score plus(List<Contribution> extra) {
        List<Contribution> all = new java.util.ArrayList<>(contributions);
        all.addAll(extra);
        return of(sku, all);
    }

    /** The contributions ordered by how much they moved the total, largest first: what an explanation leads with. */
    public List<Contribution> strongest() {
        return contributions.stream().sorted(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.value()))).toList();
    }

    private static double sum(List<Contribution> contributions) {
        double s = 0;
        for (Contribution c : contributions) {
            s += c.value();
        }
        return s;
    }
}
