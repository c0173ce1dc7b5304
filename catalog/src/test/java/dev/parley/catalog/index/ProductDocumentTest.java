package dev.parley.catalog.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
}
