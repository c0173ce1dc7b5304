package dev.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a product can be ordered now. */
public enum Availability {
    IN_STOCK, OUT_OF_STOCK, PREORDER, DISCONTINUED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Availability fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
