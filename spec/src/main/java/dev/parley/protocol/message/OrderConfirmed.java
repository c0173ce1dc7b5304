package dev.parley.protocol.message;

import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The brand's signed receipt for an order. */
public record OrderConfirmed(
        String orderId,
        String quoteId,
        String twin,
        String idempotencyKey,
        List<PricedLine> items,
        Money total,
        OrderStatus status,
        Instant placedAt,
        String credential) {

    public OrderConfirmed {
        Checks.id("order_id", orderId);
        Checks.id("quote_id", quoteId);
        Checks.matching("twin", twin, Checks.DID_KEY);
        Checks.matching("idempotency_key", idempotencyKey, Checks.IDEMPOTENCY_KEY);
        items = Checks.list("items", items, 1, 100);
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(placedAt, "placed_at");
    }
}
