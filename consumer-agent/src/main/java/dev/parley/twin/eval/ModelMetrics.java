package dev.parley.twin.eval;

import java.util.Objects;

/**
 * One model's metrics over all target items, over repeat items (bought by the customer before
 * the cut) and over explore items (never bought by the customer before).
 */
public record ModelMetrics(Metric overall, Metric repeat, Metric explore) {
    public ModelMetrics {
        Objects.requireNonNull(overall, "overall");
        Objects.requireNonNull(repeat, "repeat");
        Objects.requireNonNull(explore, "explore");
    }
}
