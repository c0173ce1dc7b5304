package dev.parley.protocol.message;

import java.util.List;

/** A brand's answer to an {@code intent}: personal offers (possibly none), and the tier it recognised. */
public record OfferSet(List<Offer> offers, String tier, String note) {
    public OfferSet {
        offers = Checks.list("offers", offers, 0, 100);
        Checks.optionalText("tier", tier, 64);
        Checks.optionalText("note", note, 1000);
    }
}
