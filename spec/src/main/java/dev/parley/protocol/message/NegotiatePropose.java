package dev.parley.protocol.message;

import java.util.List;
import java.util.Objects;

/** A twin opens a negotiation on an offer with the items and unit prices it proposes (round 1). */
public record NegotiatePropose(OfferRef offer, List<PricedLine> items, int round, String note) {
    public NegotiatePropose {
        Objects.requireNonNull(offer, "offer");
        items = Checks.list("items", items, 1, 100);
        Checks.atLeast("round", round, 1);
        Checks.optionalText("note", note, 1000);
    }
}
