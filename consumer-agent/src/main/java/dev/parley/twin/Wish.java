package dev.parley.twin;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Constraint;
import dev.parley.protocol.money.Money;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thing the person said, in their own terms: something wanted ("coffee beans, about every
 * three weeks"), a requirement on everything ("vegan", "size M") or an exclusion ("no palm oil").
 * {@link #parse} reads the short forms people write; the fields can also be set directly.
 *
 * @param kind      what the statement does
 * @param text      the words as the person wrote them
 * @param query     for {@link Kind#WANT}: what to ask brands for; for {@link Kind#EXCLUDE}: the term to avoid
 * @param attributes required attribute values ({@code vegan = true}, {@code size = M})
 * @param every     for a want: how often it recurs, if it does
 * @param maxUnitPrice for a want: the most the person would pay for one unit, if said
 */
public record Wish(Kind kind, String text, String query, Map<String, Constraint> attributes, Duration every, Money maxUnitPrice) {

    public enum Kind {
        /** Something the person wants offers for. */
        WANT,
        /** A requirement every item must meet. */
        REQUIRE,
        /** A term no item may contain. */
        EXCLUDE
    }

    public Wish {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (kind != Kind.REQUIRE && (query == null || query.isBlank())) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT) + " needs words: \"" + text + "\"");
        }
    }

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("vegan", "vegan"), Map.entry("vegetarian", "vegetarian"), Map.entry("organic", "organic"),
            Map.entry("gluten free", "gluten_free"), Map.entry("gluten-free", "gluten_free"), Map.entry("fair trade", "fair_trade"),
            Map.entry("fairtrade", "fair_trade"), Map.entry("palm oil free", "palm_oil_free"));
    private static final Pattern EXCLUDE = Pattern.compile("^(?:no|without|not|avoid|never)\\s+(.+)$");
    private static final Pattern SIZE = Pattern.compile("^size\\s+([a-z0-9]{1,6})$");
    private static final Pattern EVERY = Pattern.compile("^(.+?),?\\s+(?:about\\s+|roughly\\s+|around\\s+)?every\\s+(a|one|two|three|four|five|six|[0-9]{1,3})?\\s*(day|week|month)s?$");
    private static final Pattern UNDER = Pattern.compile("^(.+?)\\s+(?:under|below|at most|max)\\s+([0-9]{1,9}(?:\\.[0-9]{1,2})?)$");

    /**
     * Reads one statement: "no X" / "without X" exclude X; a known label ("vegan", "organic",
     * "gluten free") or "size M" is a requirement; "X, about every N days|weeks|months" is a
     * recurring want; "X under 20" caps its unit price (in {@code currency}); anything else is a want.
     */
    public static Wish parse(String statement, String currency) {
        String text = Objects.requireNonNull(statement, "statement").trim();
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (lower.isEmpty()) {
            throw new IllegalArgumentException("an empty wish");
        }
        Matcher exclude = EXCLUDE.matcher(lower);
        if (exclude.matches()) {
            return new Wish(Kind.EXCLUDE, text, exclude.group(1), Map.of(), null, null);
        }
        String flag = FLAGS.get(lower);
        if (flag != null) {
            return new Wish(Kind.REQUIRE, text, null, Map.of(flag, new Constraint.Equals(AttributeValue.of(true))), null, null);
        }
        Matcher size = SIZE.matcher(lower);
        if (size.matches()) {
            return new Wish(Kind.REQUIRE, text, null, Map.of("size", new Constraint.Equals(AttributeValue.of(size.group(1).toUpperCase(Locale.ROOT)))), null, null);
        }
        String query = lower;
        Duration every = null;
        Matcher recurring = EVERY.matcher(query);
        if (recurring.matches()) {
            query = recurring.group(1).trim();
            int n = number(recurring.group(2));
            every = switch (recurring.group(3)) {
                case "day" -> Duration.ofDays(n);
                case "week" -> Duration.ofDays(7L * n);
                default -> Duration.ofDays(30L * n);
            };
        }
        Money cap = null;
        Matcher under = UNDER.matcher(query);
        if (under.matches() && currency != null) {
            query = under.group(1).trim();
            cap = Money.of(under.group(2), currency);
        }
        Map<String, Constraint> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : FLAGS.entrySet()) {
            if (query.startsWith(f.getKey() + " ")) {
                attributes.put(f.getValue(), new Constraint.Equals(AttributeValue.of(true)));
                query = query.substring(f.getKey().length() + 1);
            }
        }
        return new Wish(Kind.WANT, text, query, attributes, every, cap);
    }

    private static int number(String word) {
        if (word == null) {
            return 1;
        }
        return switch (word) {
            case "a", "one" -> 1;
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            default -> Math.max(1, Integer.parseInt(word));
        };
    }

    /** The recurrence, if this want recurs. */
    public Optional<Duration> recurrence() {
        return Optional.ofNullable(every);
    }

    /** All statements of a list that require or exclude, which apply to every item. */
    public static List<Wish> constraints(List<Wish> wishes) {
        return wishes.stream().filter(w -> w.kind() != Kind.WANT).toList();
    }
}
