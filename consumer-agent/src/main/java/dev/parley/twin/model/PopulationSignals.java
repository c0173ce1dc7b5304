package dev.parley.twin.model;

import dev.parley.protocol.message.Sku;

/**
 * What the twin knows about other shoppers' buying, for this person, as of the model's "now". A
 * twin without such data uses {@link #NONE}: {@link Factor#POPULARITY} and
 * {@link Factor#NEIGHBOURS} are then 0 for every item. Implementations must be thread-safe and
 * fast (called once per scored candidate).
 */
@FunctionalInterface
public interface PopulationSignals {
    PopulationSignals NONE = sku -> CrowdSignals.NONE;

    CrowdSignals signals(Sku sku);
}
