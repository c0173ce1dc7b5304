package dev.parley.twin.model;

import java.util.Objects;

/**
 * One named part of a score: its signed value and the evidence behind it in words a person can
 * read ("bought about every 21 days; last time 19 days ago").
 *
 * @param factor a {@link Factor} name, or a caller's own name for factors the model does not know
 */
public record Contribution(String factor, double value, String evidence) {
    public Contribution {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(evidence, "evidence");
        if (factor.isBlank()) {
            throw new IllegalArgumentException("factor must not be blank");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("contribution of " + factor + " must be finite: " + value);
        }
    }
}
