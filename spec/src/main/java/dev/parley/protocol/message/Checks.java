package dev.parley.protocol.message;

import dev.parley.protocol.Syntax;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** Validation shared by the body records' compact constructors; messages name the wire field. */
final class Checks {
    static final Predicate<String> ID = Syntax::id;
    static final Predicate<String> IDEMPOTENCY_KEY = Syntax::idempotencyKey;
    static final Predicate<String> DID_KEY = Syntax::didKey;
    static final Predicate<String> CURRENCY = Syntax::currency;

    private Checks() {}

    static String id(String field, String value) {
        return matching(field, value, ID);
    }

    static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    static String matching(String field, String value, Predicate<String> syntax) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!syntax.test(value)) {
            throw new IllegalArgumentException(field + " is not valid: \"" + abbreviate(value) + "\"");
        }
        return value;
    }

    static String text(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(field + " must be 1 to " + max + " characters");
        }
        return value;
    }

    static String optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
        return value;
    }

    static <T> List<T> list(String field, List<T> values, int min, int max) {
        List<T> copy = values == null ? List.of() : List.copyOf(values);
        if (copy.size() < min || copy.size() > max) {
            throw new IllegalArgumentException(field + " must hold " + min + " to " + max + " entries, not " + copy.size());
        }
        return copy;
    }

    static <K, V> Map<K, V> map(Map<K, V> values) {
        return values == null ? Map.of() : Map.copyOf(values);
    }

    static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ": " + value);
        }
        return value;
    }

    static Integer optionalAtLeast(String field, Integer value, int min) {
        return value == null ? null : atLeast(field, value, min);
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
