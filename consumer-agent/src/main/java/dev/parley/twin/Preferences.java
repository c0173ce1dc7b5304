package dev.parley.twin;

import dev.parley.protocol.message.Product;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the twin has learned about its person, as the Daily Me uses it: the named factors that
 * make a product relevant now (each a contribution to its utility), and the needs it predicts.
 */
public interface Preferences {

    /** A predicted need: a product due again at a brand, or a category the person is drawn to. */
    record Need(String brand, dev.parley.protocol.message.Sku sku, String query, List<String> category, String reason) {}

    /** Named contributions to a product's utility now; empty when nothing speaks for it. */
    Map<String, Double> factors(Product product, String brand, Instant now);

    /** The needs to ask brands about now, most pressing first. */
    List<Need> needs(Instant now, int max);

    /** No history: nothing learned yet. */
    Preferences NONE = new Preferences() {
        @Override
        public Map<String, Double> factors(Product product, String brand, Instant now) {
            return Map.of();
        }

        @Override
        public List<Need> needs(Instant now, int max) {
            return List.of();
        }
    };
}
