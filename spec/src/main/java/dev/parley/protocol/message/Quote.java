package dev.parley.protocol.message;

import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The binding artifact: a brand-signed price for items, addressed to one twin key and valid until
 * a time. An {@code order.place} must carry it.
 */
public record Quote(
        String quoteId,
        String twin,
        String offerId,
        List<PricedLine> items,
        Money total,
        Money listTotal,
        Instant validUntil,
        String terms) {

    public Quote {
        Checks.id("quote_id", quoteId);
        Checks.matching("twin", twin, Checks.DID_KEY);
        Checks.optionalId("offer_id", offerId);
        items = Checks.list("items", items, 1, 100);
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(validUntil, "valid_until");
        Money sum = items.get(0).total();
        for (PricedLine line : items.subList(1, items.size())) {
            sum = sum.plus(line.total());
        }
        if (sum.compareTo(total) != 0) {
            throw new IllegalArgumentException("quote " + quoteId + " total " + total + " is not the sum of its lines " + sum);
        }
        Checks.optionalText("terms", terms, 2000);
    }
}
