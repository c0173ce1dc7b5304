package dev.parley.protocol.message;

/** A twin asks where one of its orders stands ({@code order.status}). */
public record OrderStatusQuery(String orderId) {
    public OrderStatusQuery {
        Checks.id("order_id", orderId);
    }
}
