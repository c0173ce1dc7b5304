package dev.parley.catalog.feed;

import java.util.Locale;

/** Small text helpers shared by the importers. */
final class Text {
    private Text() {}

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** "WHITE HANGING HEART T-LIGHT HOLDER" → "White Hanging Heart T-Light Holder". */
    static String titleCase(String upper) {
        StringBuilder b = new StringBuilder(upper.length());
        boolean start = true;
        for (char c : upper.trim().toLowerCase(Locale.ROOT).toCharArray()) {
            b.append(start ? Character.toUpperCase(c) : c);
            start = !Character.isLetterOrDigit(c) && c != '\'';
        }
        return b.toString().replaceAll("\\s+", " ");
    }

    /** An http(s) URL, or null when the text is not one. */
    static java.net.URI uri(String text) {
        if (text == null || !(text.startsWith("https://") || text.startsWith("http://")) || text.length() > 2048) {
            return null;
        }
        try {
            return java.net.URI.create(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
