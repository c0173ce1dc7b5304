package dev.parley.protocol.message;

import java.util.Objects;

/** A consented signal from a twin about a product, offer or quote. */
public record Feedback(FeedbackSignal signal, Sku sku, String offerId, String quoteId, String note) {
    public Feedback {
        Objects.requireNonNull(signal, "signal");
        Checks.optionalId("offer_id", offerId);
        Checks.optionalId("quote_id", quoteId);
        Checks.optionalText("note", note, 500);
    }
}
