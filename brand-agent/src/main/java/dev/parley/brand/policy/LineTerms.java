package dev.parley.brand.policy;

import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.util.List;
import java.util.Objects;

/**
 * What the brand will do on one line of an offer: the list price, the unit price it offers, the
 * lowest unit price it may concede to in negotiation ({@code limit}, never below {@code floor}),
 * the hard floor, and the incentives that shaped the offer, in words a twin can show its person.
 */
public record LineTerms(Sku sku, int quantity, Money listPrice, Money offerPrice, Money limit, Money floor, List<String> incentives) {

    public LineTerms {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        if (floor.isGreaterThan(limit) || limit.isGreaterThan(offerPrice)) {
            throw new IllegalArgumentException("terms of " + sku + " must satisfy floor <= limit <= offer price: " + floor + ", " + limit + ", " + offerPrice);
        }
        incentives = List.copyOf(incentives);
    }

    /** The line as offered. */
    public PricedLine offered() {
        return new PricedLine(sku, quantity, offerPrice, listPrice);
    }

    /** The same terms for another quantity of the same product. */
    public LineTerms withQuantity(int newQuantity) {
        return new LineTerms(sku, newQuantity, listPrice, offerPrice, limit, floor, incentives);
    }
}
