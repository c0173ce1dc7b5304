package dev.parley.benchmarks;

import dev.parley.protocol.message.Eligibility;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.OfferSet;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.List;

/** The realistic message the crypto benchmarks sign and verify: an offer.set of about 1 KiB. */
final class Messages {
    private Messages() {}

    static OfferSet offerSet(String twin, Instant now) {
        return new OfferSet(List.of(
                offer("off-84879-a", twin, now, "84879", 12, "1.45", "1.69", "Returns within 30 days of delivery."),
                offer("off-22423-b", twin, now, "22423", 2, "10.95", "12.75", "Free delivery on this item.")),
                "best", "Offers for your wish list, valid for 24 hours.");
    }

    private static Offer offer(String id, String twin, Instant now, String sku, int qty, String price, String list, String terms) {
        PricedLine line = new PricedLine(Sku.of(sku), qty, Money.of(price, "GBP"), Money.of(list, "GBP"));
        return new Offer(id, List.of(line), line.total(), now, now.plusSeconds(86_400), Eligibility.forTwin(twin), 1, true,
                terms, List.of("loyalty tier discount"));
    }
}
