package dev.parley.twin.eval;

import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One customer's invoice: the products bought together at one time (one basket). */
public record Invoice(String number, String customer, Instant time, List<Line> lines) {
    public Invoice {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(time, "time");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("invoice " + number + " has no lines");
        }
    }

    /** One product of an invoice, its units summed over the invoice's rows. */
    public record Line(Sku sku, int quantity, Money unitPrice) {
        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unit_price");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
            }
        }
    }

    /** The products of the invoice. */
    public java.util.Set<Sku> skus() {
        java.util.Set<Sku> out = new java.util.LinkedHashSet<>();
        lines.forEach(l -> out.add(l.sku()));
        return out;
    }
}
