package dev.parley.protocol.message;

import dev.parley.protocol.money.Money;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/** The brand's signed answer to {@code order.status} or {@code order.cancel}. */
public record OrderState(String orderId, OrderStatus status, Instant updatedAt, URI trackingUrl, Money total) {
    public OrderState {
        Checks.id("order_id", orderId);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updated_at");
    }
}
