package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyntaxTest {
    /** Characters around and inside every class: letters base58 leaves out, separators, non-ASCII look-alikes. */
    private static final String ALPHABET = "0123456789ABHIJKLNOPZabklmnoz._:-/ +@\u0000\u00e9\u0130\u212a\uff21";

    /** Random strings near the syntax's edges agree with its regular expression, as does every edge case given. */
    private static void agreesWithItsRegex(String regex, Predicate<String> check, String prefix, String members, int maxLength, String... cases) {
        Pattern pattern = Pattern.compile(regex);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(random.nextInt(4) == 0 ? "" : prefix);
            int length = random.nextInt(maxLength + 3);
            // half of them of the class's members only, so that the lengths are tested too
            String from = random.nextBoolean() ? members : ALPHABET;
            for (int c = 0; c < length; c++) {
                s.append(from.charAt(random.nextInt(from.length())));
            }
            String text = s.toString();
            assertEquals(pattern.matcher(text).matches(), check.test(text), () -> regex + " on \"" + text + "\"");
        }
        for (String text : cases) {
            assertEquals(pattern.matcher(text).matches(), check.test(text), () -> regex + " on \"" + text + "\"");
        }
        assertFalse(check.test(null));
    }

    @Test
    void id_isItsRegex() {
        agreesWithItsRegex(Syntax.ID_REGEX, Syntax::id, "", "aZ09._:-", 130, "", "a", "x".repeat(128), "x".repeat(129), "msg:1.2_3-4", "a b", "\u00e9");
    }

    @Test
    void idempotencyKey_isItsRegex() {
        agreesWithItsRegex(Syntax.IDEMPOTENCY_KEY_REGEX, Syntax::idempotencyKey, "", "aZ09._:-", 130, "1234567", "12345678", "k".repeat(128), "k".repeat(129));
    }

    @Test
    void didKey_isItsRegex() {
        String key = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        agreesWithItsRegex(Syntax.DID_KEY_REGEX, Syntax::didKey, "did:key:z", "19AHJNPZakmz", 62, "did:key:" + key, "did:key:" + key.replace('a', 'l'),
                "did:key:" + key.replace('a', '0'), "did:key:" + key.replace('a', 'O'), "did:key:" + key.replace('a', 'I'),
                "did:key:z" + "1".repeat(39), "did:key:z" + "1".repeat(40), "did:key:z" + "1".repeat(60), "did:key:z" + "1".repeat(61),
                "DID:key:" + key, "did:web:" + key.substring(1));
        assertTrue(Syntax.didKey("did:key:" + key));
    }

    @Test
    void currency_isItsRegex() {
        agreesWithItsRegex(Syntax.CURRENCY_REGEX, Syntax::currency, "", "AMZ", 4, "EUR", "eur", "EU", "EURO", "E1R", "\uff25UR");
    }

    @Test
    void theRegexesAreThoseOfTheSchemas() throws Exception {
        String common = schema("common");
        for (String regex : new String[] {Syntax.ID_REGEX, Syntax.DID_KEY_REGEX, Syntax.CURRENCY_REGEX}) {
            assertTrue(common.contains(anchored(regex)), () -> regex + " is not in common.schema.json");
        }
        assertTrue(schema("order.place").contains(anchored(Syntax.IDEMPOTENCY_KEY_REGEX)));
    }

    /** A regex as the schemas' JSON writes it: anchored, backslashes escaped. */
    private static String anchored(String regex) {
        return ("^" + regex + "$").replace("\\", "\\\\");
    }

    private static String schema(String name) throws java.io.IOException {
        try (var in = SyntaxTest.class.getResourceAsStream("/dev/parley/schemas/" + name + ".schema.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
