package dev.parley.catalog.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
    void titleKey_ofAnAsciiStartIsTheKeyOfTheWholeLowerCasedTitle() {
        SplittableRandom random = new SplittableRandom(11);
        // ASCII with upper case, digits, punctuation and control characters; then, past the key, anything
        String tails = "\u00c9\u0130\u03a3\u00df\ud83d\ude00 Z";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder title = new StringBuilder();
            int length = random.nextInt(40);
            for (int c = 0; c < length; c++) {
                title.append((char) random.nextInt(0x80));
            }
            if (random.nextBoolean()) {
                title.append(tails, random.nextInt(tails.length()), tails.length());
            }
            String t = title.toString();
            assertArrayEquals(ProductDocument.utf8TitleKey(t), ProductDocument.titleKey(t), () -> "title " + t.codePoints().boxed().toList());
        }
        // a non-ASCII character inside the key takes the general way, and its case is folded there too
        assertArrayEquals(ProductDocument.utf8TitleKey("\u00c9clair"), ProductDocument.titleKey("\u00c9clair"));
        assertArrayEquals(ProductDocument.titleKey("\u00e9clair"), ProductDocument.titleKey("\u00c9clair"));
    }
}
