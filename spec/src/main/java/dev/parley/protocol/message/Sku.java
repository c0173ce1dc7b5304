package dev.parley.protocol.message;

import java.util.Objects;
import java.util.regex.Pattern;

/** A brand's stock-keeping unit: 1–64 characters of letters, digits and {@code ._:/-}. */
public record Sku(String value) implements Comparable<Sku> {
    public static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}");

    public Sku {
        Objects.requireNonNull(value, "sku");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid sku: \"" + value + "\"");
        }
    }

    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
