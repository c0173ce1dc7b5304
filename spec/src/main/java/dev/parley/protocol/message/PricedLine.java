package dev.parley.protocol.message;

import dev.parley.protocol.money.Money;
import java.util.Objects;

/**
 * A quantity of one product at a unit price, as offers, proposals and quotes carry it;
 * {@code listPrice} is the undiscounted unit price, when the sender discloses it.
 */
public record PricedLine(Sku sku, int quantity, Money unitPrice, Money listPrice) {
    public PricedLine {
        Objects.requireNonNull(sku, "sku");
        Checks.atLeast("quantity", quantity, 1);
        Objects.requireNonNull(unitPrice, "unit_price");
        if (listPrice != null && !listPrice.currency().equals(unitPrice.currency())) {
            throw new IllegalArgumentException("list_price and unit_price of " + sku + " differ in currency");
        }
    }

    /** The line's total: unit price times quantity. */
    public Money total() {
        return unitPrice.times(quantity);
    }
}
