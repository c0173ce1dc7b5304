package dev.parley.twin;

import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import dev.parley.twin.brand.BrandUnavailable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One day's shortlist for one person: items ranked by utility, each with the signed offer or
 * quote it rests on and the reasons that actually scored it, and the brands skipped with why.
 */
public record DailyMe(String run, Instant at, List<Item> items, List<Skipped> skipped) {

    public DailyMe {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
    }

    /** Where an item stands. */
    public enum Status { SUGGESTED, ORDERED, DISMISSED, FAILED }

    /** One reason an item is on the list, with the weight it added to its utility. */
    public record Reason(String factor, double weight, String text) {}

    /** A brand left out of this run. */
    public record Skipped(String brand, BrandUnavailable.Reason reason, String detail) {}

    /**
     * One item of the shortlist. Prices are per unit; {@code total} is what approving costs.
     * {@code quote} is the brand's signed, binding quote (null if none could be had, then the
     * item cannot be approved); {@code offerSet} the signed offer set it came from.
     */
    public record Item(
            String id,
            String brand,
            String brandName,
            Sku sku,
            String gtin,
            String title,
            int quantity,
            Money listPrice,
            Money offeredPrice,
            Money price,
            Money total,
            Money saving,
            double utility,
            List<Reason> reasons,
            List<String> incentives,
            String offerSet,
            String offerId,
            String quote,
            Instant quoteValidUntil,
            List<String> transcript,
            Status status,
            String statusDetail,
            String receipt) {

        public Item {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(brand, "brand");
            reasons = List.copyOf(reasons);
            incentives = incentives == null ? List.of() : List.copyOf(incentives);
            transcript = transcript == null ? List.of() : List.copyOf(transcript);
        }

        public Item withStatus(Status newStatus, String detail, String newReceipt) {
            return new Item(id, brand, brandName, sku, gtin, title, quantity, listPrice, offeredPrice, price, total, saving, utility, reasons,
                    incentives, offerSet, offerId, quote, quoteValidUntil, transcript, newStatus, detail, newReceipt);
        }

        /** The explanation in one line, strongest reason first. */
        public String why() {
            return String.join("; ", reasons.stream().map(Reason::text).toList());
        }
    }
}
