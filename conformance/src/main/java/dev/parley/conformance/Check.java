package dev.parley.conformance;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One conformance check: an id ({@code discovery.descriptor-signed}), its tier, the section of
 * spec/PROTOCOL.md it tests, what it checks, and the probe that runs it against a target.
 */
public record Check(String id, Tier tier, String section, String description, boolean exhaustive, Probe probe) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

    /**
     * Runs the check. Returns a short note on what passed; throws {@link Failure} for a
     * violation and {@link Skip} when the check cannot run against this target.
     */
    @FunctionalInterface
    public interface Probe {
        String run(Target target) throws Exception;
    }

    public Check {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(probe, "probe");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a check id is dotted lowercase words, not " + id);
        }
        if (section == null || !section.startsWith("§")) {
            throw new IllegalArgumentException("check " + id + " must cite a section of the specification (§…)");
        }
        Objects.requireNonNull(description, "description");
    }

    /** A violation of the specification, with what was seen. */
    public static final class Failure extends Exception {
        public Failure(String detail) {
            super(detail, null, false, false);
        }
    }

    /** The check cannot run against this target, and why. */
    public static final class Skip extends Exception {
        public Skip(String reason) {
            super(reason, null, false, false);
        }
    }
}
