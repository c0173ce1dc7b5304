package dev.parley.conformance;

import java.util.Objects;

/**
 * How binding a check is: {@code MANDATORY} for every agent of its role, {@code CAPABILITY:<name>}
 * only for agents that declare that capability (and then as binding as a mandatory check), and
 * {@code RECOMMENDED} for what the specification says SHOULD be done.
 */
public record Tier(Kind kind, String capability) {

    public enum Kind { MANDATORY, CAPABILITY, RECOMMENDED }

    public static final Tier MANDATORY = new Tier(Kind.MANDATORY, null);
    public static final Tier RECOMMENDED = new Tier(Kind.RECOMMENDED, null);

    public Tier {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.CAPABILITY) != (capability != null)) {
            throw new IllegalArgumentException("a capability tier, and only it, names a capability");
        }
    }

    public static Tier capability(String name) {
        return new Tier(Kind.CAPABILITY, name);
    }

    /** {@code MANDATORY}, {@code CAPABILITY:negotiation} or {@code RECOMMENDED}. */
    public String label() {
        return kind == Kind.CAPABILITY ? "CAPABILITY:" + capability : kind.name();
    }

    @Override
    public String toString() {
        return label();
    }
}
