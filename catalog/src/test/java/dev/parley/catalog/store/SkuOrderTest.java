package dev.parley.catalog.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.message.Sku;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SkuOrderTest {
    private static final String ALPHABET = "-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    @Test
    void key_ordersAsTheSkus_prefixFirst_tiesBeyondTenCharacters() {
        assertTrue(SkuOrder.key("A") < SkuOrder.key("A-"), "a prefix sorts first");
        assertTrue(SkuOrder.key("-") < SkuOrder.key("0"));
        assertTrue(SkuOrder.key("Z9") < SkuOrder.key("Z_"));
        assertTrue(SkuOrder.key("Z_") < SkuOrder.key("a"));
        assertTrue(SkuOrder.key("zzzzzzzzzz") > 0, "the largest key is still positive");
        assertEquals(SkuOrder.key("SKU-000123-red"), SkuOrder.key("SKU-000123-blue"), "only the first ten characters count");
        assertTrue(SkuOrder.key("SKU-000123") < SkuOrder.key("SKU-000124"), "the tenth character counts");
        assertThrows(IllegalArgumentException.class, () -> SkuOrder.key("A B"));
    }

    @Test
    void key_neverContradictsSkuOrder_onRandomSkus() {
        List<String> skus = new ArrayList<>(new java.util.TreeSet<>(randomSkus(new SplittableRandom(11), 20_000)));
        for (int i = 1; i < skus.size(); i++) {
            String a = skus.get(i - 1);
            String b = skus.get(i);
            long ka = SkuOrder.key(a);
            long kb = SkuOrder.key(b);
            assertTrue(ka <= kb, a + " sorts before " + b);
            boolean sharePrefix = a.regionMatches(0, b, 0, SkuOrder.KEY_CHARS) && a.length() >= SkuOrder.KEY_CHARS
                    && b.length() >= SkuOrder.KEY_CHARS;
            assertEquals(sharePrefix, ka == kb, a + " and " + b);
        }
    }

    @Test
    void sorted_equalsAStableSortBySku_withRepeatedSkusInTheirOrder() {
        record Item(Sku sku, int n) {}
        SplittableRandom random = new SplittableRandom(5);
        // few distinct SKUs, many sharing their first ten characters, each given several times
        List<String> skus = randomSkus(random, 2_000);
        List<Item> items = new ArrayList<>();
        for (int n = 0; n < 10_000; n++) {
            items.add(new Item(Sku.of(skus.get(random.nextInt(skus.size()))), n));
        }
        List<Item> expected = new ArrayList<>(items);
        expected.sort(Comparator.comparing(Item::sku));
        List<Item> before = List.copyOf(items);
        assertArrayEquals(expected.toArray(), SkuOrder.sorted(items, Item::sku, Item[]::new));
        assertEquals(before, items, "the list is not changed");
        assertEquals(0, SkuOrder.sorted(List.<Item>of(), Item::sku, Item[]::new).length);
    }

    /** SKUs with few characters per position, so that many share prefixes of every length. */
    private static List<String> randomSkus(SplittableRandom random, int count) {
        String first = "09AZaz";
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder sku = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
            int length = random.nextInt(14);
            for (int c = 0; c < length; c++) {
                sku.append(ALPHABET.charAt(random.nextInt(4) * 20));
            }
            skus.add(Sku.of(sku.toString()).value());
        }
        return skus;
    }
}
