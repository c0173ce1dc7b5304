package dev.parley.protocol.message;

import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An offer: items at unit prices, valid until a time, for an audience. Public offers travel in
 * signed catalog pages (or a signed {@code offer} document); personal offers inside the signed
 * {@code offer.set} that answered an intent, and are referenced later by that JWS plus
 * {@link #offerId()}.
 */
public record Offer(
        String offerId,
        List<PricedLine> items,
        Money total,
        Instant validFrom,
        Instant validUntil,
        Eligibility eligibility,
        Integer redemptionLimit,
        Boolean negotiable,
        String terms,
        List<String> incentives) {

    public Offer {
        Checks.id("offer_id", offerId);
        items = Checks.list("items", items, 1, 100);
        Objects.requireNonNull(validUntil, "valid_until");
        Objects.requireNonNull(eligibility, "eligibility");
        if (validFrom != null && !validFrom.isBefore(validUntil)) {
            throw new IllegalArgumentException("valid_from must be before valid_until in offer " + offerId);
        }
        Checks.optionalAtLeast("redemption_limit", redemptionLimit, 1);
        Checks.optionalText("terms", terms, 2000);
        incentives = Checks.list("incentives", incentives, 0, 10);
    }

    /** Whether the offer may be redeemed at {@code now}. */
    public boolean validAt(Instant now) {
        return (validFrom == null || !now.isBefore(validFrom)) && now.isBefore(validUntil);
    }
}
