package dev.parley.twin.eval;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The outcome of one next-basket evaluation: the cut date, k, the number of customers evaluated,
 * and the metrics of the twin's model and of the two baselines on the same split.
 */
public record EvaluationReport(LocalDate cut, int k, int customers, ModelMetrics twin, ModelMetrics pTopFreq, ModelMetrics gpTopFreq) {
    public EvaluationReport {
        Objects.requireNonNull(cut, "cut");
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(pTopFreq, "p_topfreq");
        Objects.requireNonNull(gpTopFreq, "gp_topfreq");
    }

    /** The twin's recall@k divided by the better baseline's; NaN when both baselines have recall 0. */
    public double twinVsBestBaselineRecall() {
        double best = Math.max(pTopFreq.overall().recall(), gpTopFreq.overall().recall());
        return best == 0 ? Double.NaN : twin.overall().recall() / best;
    }
}
