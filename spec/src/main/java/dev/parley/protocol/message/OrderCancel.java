package dev.parley.protocol.message;

/** A twin asks to cancel one of its orders ({@code order.cancel}). */
public record OrderCancel(String orderId, String reason) {
    public OrderCancel {
        Checks.id("order_id", orderId);
        Checks.optionalText("reason", reason, 1000);
    }
}
