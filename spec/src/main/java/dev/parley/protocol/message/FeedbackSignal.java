package dev.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A consented signal from a twin about an offer or product, in place of campaign analytics. */
public enum FeedbackSignal {
    DISMISSED, NOT_INTERESTED, TOO_EXPENSIVE, BOUGHT_ELSEWHERE, PURCHASED, LIKED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FeedbackSignal fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
