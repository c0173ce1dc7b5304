package dev.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/** Who may redeem an offer: anyone (a public offer) or one twin, optionally only in a tier and quantity band. */
public record Eligibility(Audience audience, String twin, String tier, Integer minQuantity, Integer maxQuantity) {

    /** Public offers are for anyone; twin offers name the one twin key they were made to. */
    public enum Audience {
        PUBLIC, TWIN;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Audience fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    public Eligibility {
        Objects.requireNonNull(audience, "audience");
        if (audience == Audience.TWIN) {
            Checks.matching("twin", twin, Checks.DID_KEY);
        } else if (twin != null) {
            throw new IllegalArgumentException("a public offer names no twin");
        }
        Checks.optionalText("tier", tier, 64);
        Checks.optionalAtLeast("min_quantity", minQuantity, 1);
        Checks.optionalAtLeast("max_quantity", maxQuantity, 1);
        if (minQuantity != null && maxQuantity != null && minQuantity > maxQuantity) {
            throw new IllegalArgumentException("min_quantity " + minQuantity + " exceeds max_quantity " + maxQuantity);
        }
    }

    public static Eligibility publicOffer() {
        return new Eligibility(Audience.PUBLIC, null, null, null, null);
    }

    public static Eligibility forTwin(String twin) {
        return new Eligibility(Audience.TWIN, twin, null, null, null);
    }
}
