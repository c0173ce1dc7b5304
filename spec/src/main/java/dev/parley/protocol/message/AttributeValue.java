package dev.parley.protocol.message;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A typed product attribute value: on the wire a JSON string, boolean, number or array of
 * strings ({@code "vegan": true}, {@code "size": "M"}, {@code "weight_g": 250},
 * {@code "labels": ["organic","fair-trade"]}). Numbers are exact decimals; money is never an
 * attribute (prices have their own fields).
 */
public sealed interface AttributeValue {

    record Text(String value) implements AttributeValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    record Flag(boolean value) implements AttributeValue {}

    /** A number, normalized so that equal values are equal records ({@code 120} and {@code 1.2E+2}). */
    record Number(BigDecimal value) implements AttributeValue {
        public Number {
            Objects.requireNonNull(value, "value");
            value = value.stripTrailingZeros();
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
        }
    }

    record TextList(List<String> values) implements AttributeValue {
        public TextList {
            values = List.copyOf(values);
        }
    }

    static AttributeValue of(String value) {
        return new Text(value);
    }

    static AttributeValue of(boolean value) {
        return new Flag(value);
    }

    static AttributeValue of(BigDecimal value) {
        return new Number(value);
    }

    static AttributeValue of(List<String> values) {
        return new TextList(values);
    }

    /** Whether this value equals {@code text} (a text value) or contains it (a list value). */
    default boolean matches(String text) {
        if (this instanceof Text t) {
            return t.value().equalsIgnoreCase(text);
        }
        if (this instanceof TextList l) {
            return l.values().stream().anyMatch(v -> v.equalsIgnoreCase(text));
        }
        if (this instanceof Flag f) {
            return Boolean.toString(f.value()).equalsIgnoreCase(text);
        }
        return ((Number) this).value().compareTo(parseOrNull(text)) == 0;
    }

    private static BigDecimal parseOrNull(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return BigDecimal.valueOf(Long.MIN_VALUE);
        }
    }
}
