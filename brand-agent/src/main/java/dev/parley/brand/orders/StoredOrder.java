package dev.parley.brand.orders;

import dev.parley.protocol.message.OrderStatus;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A confirmed order as the brand keeps it: what was bought at which prices, under which quote and
 * idempotency key, the content hash that tells a retry from a conflicting request, and the signed
 * receipt returned to every retry.
 */
public record StoredOrder(
        String orderId,
        String twin,
        String idempotencyKey,
        String quoteId,
        String contentHash,
        List<PricedLine> items,
        Money total,
        Money listTotal,
        String tier,
        OrderStatus status,
        Instant placedAt,
        Instant updatedAt,
        String receipt) {

    public StoredOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(quoteId, "quoteId");
        Objects.requireNonNull(contentHash, "contentHash");
        items = List.copyOf(items);
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(receipt, "receipt");
    }

    public StoredOrder withStatus(OrderStatus newStatus, Instant at) {
        return new StoredOrder(orderId, twin, idempotencyKey, quoteId, contentHash, items, total, listTotal, tier, newStatus, placedAt, at, receipt);
    }

    /** The discount granted on this order: list total minus paid total (zero without a list total). */
    public Money discount() {
        return listTotal == null || listTotal.isLessThan(total) ? Money.zero(total.currency()) : listTotal.minus(total);
    }
}
