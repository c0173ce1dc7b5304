package dev.parley.protocol.message;

import java.util.Objects;

/**
 * A twin orders what a quote says. {@code quote} is the quote's JWS compact, as received;
 * the same {@code idempotencyKey} with the same content always names the same order.
 */
public record OrderPlace(String quote, String idempotencyKey, Delivery delivery, String note) {
    public OrderPlace {
        Objects.requireNonNull(quote, "quote");
        Checks.matching("idempotency_key", idempotencyKey, Checks.IDEMPOTENCY_KEY);
        Checks.optionalText("note", note, 1000);
    }

    /** The least a brand needs to deliver; nothing more is disclosed. */
    public record Delivery(String method, String country, String postalCode) {
        public Delivery {
            Checks.optionalText("method", method, 64);
            if (country != null && !country.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code: " + country);
            }
            Checks.optionalText("postal_code", postalCode, 16);
        }
    }
}
