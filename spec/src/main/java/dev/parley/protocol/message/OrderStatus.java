package dev.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an order stands, from confirmation to delivery (or cancellation and return). */
public enum OrderStatus {
    CONFIRMED, PACKED, SHIPPED, DELIVERED, CANCELLED, RETURNED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OrderStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
