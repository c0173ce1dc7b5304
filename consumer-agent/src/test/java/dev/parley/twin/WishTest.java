package dev.parley.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Constraint;
import dev.parley.protocol.money.Money;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WishTest {

    @Test
    void shortFormsPeopleWrite_areRead() {
        Wish vegan = Wish.parse("Vegan", "GBP");
        assertEquals(Wish.Kind.REQUIRE, vegan.kind());
        assertEquals(Map.of("vegan", new Constraint.Equals(AttributeValue.of(true))), vegan.attributes());
        assertEquals(Map.of("size", new Constraint.Equals(AttributeValue.of("M"))), Wish.parse("size m", "GBP").attributes());
        Wish palm = Wish.parse("no palm oil", "GBP");
        assertEquals(Wish.Kind.EXCLUDE, palm.kind());
        assertEquals("palm oil", palm.query());
        assertEquals("plastic", Wish.parse("without plastic", "GBP").query());
        Wish coffee = Wish.parse("coffee beans, about every three weeks", "GBP");
        assertEquals(Wish.Kind.WANT, coffee.kind());
        assertEquals("coffee beans", coffee.query());
        assertEquals(Duration.ofDays(21), coffee.every());
        assertEquals(Duration.ofDays(10), Wish.parse("bread every 10 days", "GBP").every());
        Wish capped = Wish.parse("vegan chocolate under 3.50", "GBP");
        assertEquals("chocolate", capped.query());
        assertEquals(Money.of("3.50", "GBP"), capped.maxUnitPrice());
        assertEquals(Map.of("vegan", new Constraint.Equals(AttributeValue.of(true))), capped.attributes());
        Wish plain = Wish.parse("  red   mug ", "GBP");
        assertEquals("red mug", plain.query());
        assertNull(plain.every());
        assertEquals("  red   mug ".trim(), plain.text());
        assertThrows(IllegalArgumentException.class, () -> Wish.parse("   ", "GBP"));
    }
}
