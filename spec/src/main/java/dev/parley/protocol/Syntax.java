package dev.parley.protocol;

/**
 * The character-class syntaxes that every message checks, several times per message: identifiers,
 * idempotency keys, did:key identifiers and currency codes. Each is what its regular expression in
 * the schemas and spec/PROTOCOL.md says ({@link #ID_REGEX} and the others), checked by a scan of the characters:
 * a regular expression's matcher costs several times as much, and these checks run on every
 * message a node answers.
 */
public final class Syntax {
    /** The syntax of a message, thread or offer id. */
    public static final String ID_REGEX = "[A-Za-z0-9._:-]{1,128}";
    /** The syntax of an idempotency key. */
    public static final String IDEMPOTENCY_KEY_REGEX = "[A-Za-z0-9._:-]{8,128}";
    /** The syntax of a did:key identifier for an Ed25519 key (base58btc after the {@code z}). */
    public static final String DID_KEY_REGEX = "did:key:z[1-9A-HJ-NP-Za-km-z]{40,60}";
    /** The syntax of an ISO 4217 currency code. */
    public static final String CURRENCY_REGEX = "[A-Z]{3}";

    private static final String DID_KEY_PREFIX = "did:key:z";
    private static final boolean[] ID_CHARS = chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");
    private static final boolean[] BASE58_CHARS = chars("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

    private Syntax() {}

    /** Whether {@code s} matches {@link #ID_REGEX}. */
    public static boolean id(String s) {
        return s != null && allIn(s, 0, ID_CHARS, 1, 128);
    }

    /** Whether {@code s} matches {@link #IDEMPOTENCY_KEY_REGEX}. */
    public static boolean idempotencyKey(String s) {
        return s != null && allIn(s, 0, ID_CHARS, 8, 128);
    }

    /** Whether {@code s} matches {@link #DID_KEY_REGEX}. */
    public static boolean didKey(String s) {
        return s != null && s.startsWith(DID_KEY_PREFIX) && allIn(s, DID_KEY_PREFIX.length(), BASE58_CHARS, 40, 60);
    }

    /** Whether {@code s} matches {@link #CURRENCY_REGEX}. */
    public static boolean currency(String s) {
        if (s == null || s.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** Whether the characters of {@code s} from {@code from} on are between {@code min} and {@code max} of the class. */
    private static boolean allIn(String s, int from, boolean[] allowed, int min, int max) {
        int length = s.length() - from;
        if (length < min || length > max) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= allowed.length || !allowed[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] chars(String members) {
        boolean[] table = new boolean[128];
        for (int i = 0; i < members.length(); i++) {
            table[members.charAt(i)] = true;
        }
        return table;
    }
}
