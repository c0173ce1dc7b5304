package dev.parley.catalog.feed;

import dev.parley.protocol.message.AttributeValue;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns feed text into typed attribute values and attribute names. */
final class Attributes {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,8})?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private Attributes() {}

    /** "true"/"false" → flag, a plain decimal → number, anything else → text. */
    static AttributeValue typed(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return AttributeValue.of(Boolean.parseBoolean(t.toLowerCase(Locale.ROOT)));
        }
        if (NUMBER.matcher(t).matches()) {
            return AttributeValue.of(new BigDecimal(t));
        }
        return AttributeValue.of(Text.clip(t, 500));
    }

    /** "Color" → "color", "Pack Size" → "pack_size"; null when nothing usable remains. */
    static String name(String label) {
        String n = label.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.:-]+", "_").replaceAll("^_+|_+$", "");
        return NAME.matcher(n).matches() ? n : null;
    }
}
