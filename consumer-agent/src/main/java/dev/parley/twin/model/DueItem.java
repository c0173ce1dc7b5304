package dev.parley.twin.model;

import dev.parley.protocol.message.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An item the person buys again and again, and how due it is now.
 *
 * @param typicalInterval the median interval between the days it was bought
 * @param expectedNext    the last purchase plus the typical interval
 * @param dueScore        1 on the expected day, falling towards 0 the further now is from it (in
 *                        ratio: half the interval early scores like double the interval late)
 */
public record DueItem(Sku sku, Instant lastPurchase, Duration typicalInterval, Instant expectedNext, int timesBought, double dueScore) {
    public DueItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(lastPurchase, "last_purchase");
        Objects.requireNonNull(typicalInterval, "typical_interval");
        Objects.requireNonNull(expectedNext, "expected_next");
        if (!(dueScore > 0 && dueScore <= 1)) {
            throw new IllegalArgumentException("due score must be in (0, 1]: " + dueScore);
        }
    }
}
