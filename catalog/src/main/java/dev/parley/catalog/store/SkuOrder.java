package dev.parley.catalog.store;

import dev.parley.protocol.message.Sku;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.util.IntroSorter;

/**
 * SKU order at the speed of numbers. A SKU's first {@value #KEY_CHARS} characters make a number
 * that orders as the SKUs do ({@link #key}); sorting by it compares numbers held side by side in
 * one array, where comparing the SKUs themselves follows two references per SKU to its text, and
 * on a large batch in no particular order each of those is a cache miss.
 */
public final class SkuOrder {
    /** The characters a SKU may hold ({@link Sku#SYNTAX}), in ascending order. */
    private static final String ALPHABET = "-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    /** Digits of a key: one per SKU character and one for "no more characters", which sorts first. */
    private static final int RADIX = ALPHABET.length() + 1;
    /** SKU characters in a key: the most whose digits fit in a positive long (68^10 < 2^63). */
    public static final int KEY_CHARS = 10;

    private SkuOrder() {}

    /**
     * The sort key of a SKU: its first {@value #KEY_CHARS} characters as the digits of a number in
     * base 68, each character's digit its rank in the SKU alphabet plus one, an absent character
     * 0. Keys order as their SKUs do (a prefix first); SKUs that share their first characters
     * share a key, and their order is the SKU's own.
     */
    public static long key(String sku) {
        long key = 0;
        for (int i = 0; i < KEY_CHARS; i++) {
            int digit = 0;
            if (i < sku.length()) {
                digit = ALPHABET.indexOf(sku.charAt(i)) + 1;
                if (digit == 0) {
                    throw new IllegalArgumentException("not a SKU character: " + sku.charAt(i));
                }
            }
            key = key * RADIX + digit;
        }
        return key;
    }

    /**
     * {@code items} sorted by their SKUs; items of the same SKU keep their order. The list is not
     * changed. Only the keys and the items' places are moved while sorting (moving references
     * would cost the collector's write barrier each time); the items are placed once at the end.
     */
    public static <T> T[] sorted(List<T> items, Function<T, Sku> sku, java.util.function.IntFunction<T[]> array) {
        int n = items.size();
        long[] keys = new long[n];
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(sku.apply(items.get(i)).value());
            at[i] = i;
        }
        new IntroSorter() {
            private long pivotKey;
            private int pivotAt;

            @Override
            protected void setPivot(int i) {
                pivotKey = keys[i];
                pivotAt = at[i];
            }

            @Override
            protected int comparePivot(int j) {
                return compare(pivotKey, pivotAt, keys[j], at[j]);
            }

            @Override
            protected int compare(int i, int j) {
                return compare(keys[i], at[i], keys[j], at[j]);
            }

            /** By key, then (keys tie only beyond their characters) by SKU, then by place. */
            private int compare(long keyA, int a, long keyB, int b) {
                int c = Long.compare(keyA, keyB);
                if (c == 0 && a != b) {
                    c = sku.apply(items.get(a)).compareTo(sku.apply(items.get(b)));
                }
                return c != 0 ? c : Integer.compare(a, b);
            }

            @Override
            protected void swap(int i, int j) {
                long k = keys[i];
                keys[i] = keys[j];
                keys[j] = k;
                int a = at[i];
                at[i] = at[j];
                at[j] = a;
            }
        }.sort(0, n);
        T[] sorted = array.apply(n);
        for (int i = 0; i < n; i++) {
            sorted[i] = items.get(at[i]);
        }
        return sorted;
    }
}
