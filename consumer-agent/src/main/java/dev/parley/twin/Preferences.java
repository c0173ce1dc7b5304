package dev.parley.twin;

import dev.parley.protocol.message.Product;
import java.time.Instant;
import java.util.List;

/**
 * What the twin has learned about its person, as the Daily Me uses it: the named factors that
 * make a product relevant now (each a contribution to its utility), and the needs it predicts.
 */
public interface Preferences {

    /** A predicted need: a product due again at a brand, or a category the person is drawn to. */
    record Need(String brand, dev.parley.protocol.message.Sku sku, String query, List<String> category, String reason) {}

    /**
     * What speaks for a product now, each reason with the weight it adds to the item's utility
     * and its evidence in words; empty when nothing does.
     */
    List<DailyMe.Reason> reasons(Product product, String brand, Instant now);

    /**
     * What the learned reasons for a product add to its utility: the sum, in their order, of the
     * weights of its {@link #reasons} that an explanation shows (above
     * {@value Scoring#SHOWN_WEIGHT}). For weighing many candidates before any is explained;
     * implementations may compute it without putting reasons in words, with the same result.
     */
    default double weight(Product product, String brand, Instant now) {
        return Scoring.utility(Scoring.learned(product, brand, this, now));
    }

    /** The needs to ask brands about now, most pressing first. */
    List<Need> needs(Instant now, int max);

    /** No history: nothing learned yet. */
    Preferences NONE = new Preferences() {
        @Override
        public List<DailyMe.Reason> reasons(Product product, String brand, Instant now) {
            return List.of();
        }

        @Override
        public List<Need> needs(Instant now, int max) {
            return List.of();
        }
    };
}
