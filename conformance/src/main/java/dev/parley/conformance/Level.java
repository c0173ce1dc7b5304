package dev.parley.conformance;

import java.util.Locale;

/**
 * Which checks a run includes. {@code mandatory}: the mandatory checks and the checks of every
 * capability the agent declares. {@code recommended}: those and the recommended checks.
 * {@code full}: everything, including the exhaustive checks (every page of the catalog, which
 * can take long on a large one).
 */
public enum Level {
    MANDATORY, RECOMMENDED, FULL;

    public boolean includes(Check check) {
        if (check.exhaustive() && this != FULL) {
            return false;
        }
        return check.tier().kind() != Tier.Kind.RECOMMENDED || this != MANDATORY;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level parse(String text) {
        for (Level level : values()) {
            if (level.wire().equalsIgnoreCase(text)) {
                return level;
            }
        }
        throw new IllegalArgumentException("level must be mandatory, recommended or full, not \"" + text + "\"");
    }
}
