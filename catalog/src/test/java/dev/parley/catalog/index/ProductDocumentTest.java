package dev.parley.catalog.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.message.Sku;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProductDocumentTest {
    private static int compare(String a, String b) {
        return Arrays.compare(ProductDocument.titleKey(a), ProductDocument.titleKey(b));
    }

    @Test
    void titleKey_ordersAsTheLowerCasedUtf8Bytes() {
        assertTrue(compare("apple", "banana") < 0);
        assertTrue(compare("Banana", "apple") > 0, "case is ignored");
        assertTrue(compare("mug", "mug set") < 0, "a prefix sorts first");
        assertTrue(compare("zebra", "ábaco") < 0, "non-ASCII letters sort after ASCII, by code point");
        assertTrue(compare("a\u00ff", "a\u0100") < 0, "bytes compare unsigned");
    }

    @Test
    void titleKey_keepsTheFirst24Bytes() {
        assertTrue(compare("twenty-three characters", "twenty-three characterz") < 0, "the 23rd byte still counts");
        assertArrayEquals(ProductDocument.titleKey("twenty-four characters!! and more"),
                ProductDocument.titleKey("Twenty-four characters!! and less"));
    }

    @Test
    void skuKey_ordersAsTheSkus_prefixFirst_tiesBeyondTenCharacters() {
        assertTrue(ProductDocument.skuKey("A") < ProductDocument.skuKey("A-"), "a prefix sorts first");
        assertTrue(ProductDocument.skuKey("-") < ProductDocument.skuKey("0"));
        assertTrue(ProductDocument.skuKey("Z9") < ProductDocument.skuKey("Z_"));
        assertTrue(ProductDocument.skuKey("Z_") < ProductDocument.skuKey("a"));
        assertTrue(ProductDocument.skuKey("zzzzzzzzzz") > 0, "the largest key is still positive");
        assertEquals(ProductDocument.skuKey("SKU-000123-red"), ProductDocument.skuKey("SKU-000123-blue"), "only the first ten characters count");
        assertTrue(ProductDocument.skuKey("SKU-000123") < ProductDocument.skuKey("SKU-000124"), "the tenth character counts");
    }

    @Test
    void skuKey_neverContradictsSkuOrder_onRandomSkus() {
        String alphabet = "-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
        SplittableRandom random = new SplittableRandom(11);
        String first = "09AZaz";
        java.util.TreeSet<String> distinct = new java.util.TreeSet<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sku = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
            // few characters per position, so that many SKUs share prefixes of every length
            int length = random.nextInt(14);
            for (int c = 0; c < length; c++) {
                sku.append(alphabet.charAt(random.nextInt(4) * 20));
            }
            distinct.add(Sku.of(sku.toString()).value());
        }
        List<String> skus = new ArrayList<>(distinct);
        for (int i = 1; i < skus.size(); i++) {
            String a = skus.get(i - 1);
            String b = skus.get(i);
            long ka = ProductDocument.skuKey(a);
            long kb = ProductDocument.skuKey(b);
            assertTrue(ka <= kb, a + " sorts before " + b);
            boolean sharePrefix = a.regionMatches(0, b, 0, ProductDocument.SKU_KEY_CHARS) && a.length() >= ProductDocument.SKU_KEY_CHARS
                    && b.length() >= ProductDocument.SKU_KEY_CHARS;
            assertEquals(sharePrefix, ka == kb, a + " and " + b);
        }
    }
}
