package dev.parley.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import dev.parley.twin.model.Event;
import dev.parley.twin.model.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The learned preferences as the Daily Me weighs and explains them. */
class ModelPreferencesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static Product product(int i, SplittableRandom random) {
        return new Product(Sku.of("p" + i), null, "Item " + i, null, i % 2 == 0 ? "Acme" : "Hearth", List.of(i % 3 == 0 ? "Food" : "Home", "Shelf " + i % 4),
                Map.of("colour", AttributeValue.of(i % 5 == 0 ? "red" : "blue")), List.of(), null, Money.of((1 + random.nextInt(30)) + ".25", "GBP"),
                Availability.IN_STOCK, null);
    }

    @Test
    void weight_isTheSumOfTheShownReasonsWeights_toTheLastBit() {
        SplittableRandom random = new SplittableRandom(11);
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            products.add(product(i, random));
        }
        int weighed = 0;
        for (int person = 0; person < 30; person++) {
            List<String> history = new ArrayList<>();
            int events = random.nextInt(25);
            for (int e = 0; e < events; e++) {
                Product p = products.get(random.nextInt(products.size()));
                Instant at = NOW.minus(Duration.ofDays(1 + random.nextInt(200)));
                EventKind kind = EventKind.values()[random.nextInt(EventKind.values().length)];
                history.add(ParleyJson.writeString(kind == EventKind.PURCHASE ? Event.purchase(at, p, p.listPrice(), 1) : Event.of(kind, at, p)));
            }
            Preferences prefs = ModelPreferences.source().at(history, NOW);
            for (Product p : products) {
                double expected = Scoring.utility(Scoring.learned(p, "https://brand.example", prefs, NOW));
                assertEquals(expected, prefs.weight(p, "https://brand.example", NOW), 0.0, "person " + person + ", " + p.sku());
                weighed += expected > 0 ? 1 : 0;
            }
        }
        assertTrue(weighed > 100, "the histories must give most products some learned weight: " + weighed);
    }
}
