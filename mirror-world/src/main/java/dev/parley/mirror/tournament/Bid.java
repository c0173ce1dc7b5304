package dev.parley.mirror.tournament;

import dev.parley.protocol.money.Money;
import java.util.Objects;

/** An outcome proposed: a price (for the whole deal) and the index of the quantity and delivery options. */
public record Bid(Money price, int quantity, int delivery) {
    public Bid {
        Objects.requireNonNull(price, "price");
        if (quantity < 0 || delivery < 0) {
            throw new IllegalArgumentException("option indices must not be negative");
        }
    }
}
