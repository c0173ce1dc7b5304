package dev.parley.twin.model;

import dev.parley.protocol.message.Sku;

/**
 * What the twin knows about everyone else's buying, as of the model's "now": item popularity. A
 * twin without such data uses {@link #NONE}, and {@link Factor#POPULARITY} is then 0 for every
 * item. Implementations must be thread-safe and fast (called once per scored candidate).
 */
@FunctionalInterface
public interface PopulationSignals {
    PopulationSignals NONE = sku -> ItemPopularity.NONE;

    ItemPopularity popularity(Sku sku);
}
