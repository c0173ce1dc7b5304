package dev.parley.brand.policy;

import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@link BrandPolicy} to products: their cost and floor, and the terms of an offer for
 * a tier, a quantity and the stock available. Pure and thread-safe; the same code prices for a
 * live node and for simulations.
 */
public final class Pricer {

    private final BrandPolicy policy;

    public Pricer(BrandPolicy policy) {
        this.policy = policy;
    }

    public BrandPolicy policy() {
        return policy;
    }

    /** What the product costs the brand. */
    public Money cost(Product product) {
        Money list = product.listPrice();
        Money bySku = policy.costs().bySku().get(product.sku().value());
        if (bySku != null) {
            return bySku;
        }
        List<String> path = product.category();
        for (int depth = path.size(); depth > 0; depth--) {
            BigDecimal share = policy.costs().byCategory().get(String.join(" > ", path.subList(0, depth)));
            if (share != null) {
                return list.times(share, RoundingMode.HALF_EVEN);
            }
        }
        return list.times(policy.costs().defaultShareOfList(), RoundingMode.HALF_EVEN);
    }

    /** The lowest unit price the brand ever accepts for the product; never above its list price. */
    public Money floor(Product product) {
        Money list = product.listPrice();
        for (FloorRule rule : policy.floors()) {
            if (rule.matches(product.sku(), product.category())) {
                return rule.floor(cost(product), list).min(list);
            }
        }
        return list;
    }

    /**
     * The terms of one line: the tier's discount and the quantity break off the list price (never
     * below the floor) and how far a negotiation may go, conceding less on scarce stock.
     *
     * @param withinPace whether the tier's goal still allows its own terms; if not, the base
     *     tier's terms apply
     */
    public LineTerms terms(Product product, int quantity, BrandPolicy.Tier tier, long available, boolean withinPace) {
        BrandPolicy.Tier applied = withinPace ? tier : policy.baseTier();
        Money list = product.listPrice();
        Money floor = floor(product);
        List<String> incentives = new ArrayList<>();
        BigDecimal keep = BigDecimal.ONE.subtract(applied.discount());
        if (applied.discount().signum() > 0) {
            incentives.add("tier " + applied.name() + ": " + percent(applied.discount()) + " off list");
        }
        var reached = policy.quantityBreak(quantity);
        if (reached.isPresent()) {
            keep = keep.multiply(BigDecimal.ONE.subtract(reached.get().discount()));
            incentives.add("quantity break from " + reached.get().minQuantity() + " units: " + percent(reached.get().discount()) + " off");
        }
        Money offer = list.times(keep, RoundingMode.CEILING).max(floor);
        BigDecimal concession = applied.concession();
        if (available < policy.inventory().scarceBelow()) {
            concession = concession.multiply(policy.inventory().scarceConcession());
        }
        Money room = offer.minus(floor);
        Money limit = offer.minus(room.times(concession, RoundingMode.DOWN));
        return new LineTerms(product.sku(), quantity, list, offer, limit, floor, incentives);
    }

    /**
     * The terms of the bundles that contain {@code anchor}, one list of lines per bundle whose
     * every product is given: each line's offer price carries the bundle discount, never below
     * its floor.
     */
    public List<BundleTerms> bundlesWith(Sku anchor, Map<Sku, Product> products, BrandPolicy.Tier tier,
                                         java.util.function.ToLongFunction<Sku> available, boolean withinPace) {
        List<BundleTerms> result = new ArrayList<>();
        for (BrandPolicy.Bundle bundle : policy.bundles()) {
            if (!bundle.skus().contains(anchor) || !products.keySet().containsAll(bundle.skus())) {
                continue;
            }
            List<LineTerms> lines = new ArrayList<>();
            for (Sku sku : bundle.skus()) {
                LineTerms single = terms(products.get(sku), 1, tier, available.applyAsLong(sku), withinPace);
                Money offer = single.offerPrice().times(BigDecimal.ONE.subtract(bundle.discount()), RoundingMode.CEILING).max(single.floor());
                List<String> incentives = new ArrayList<>(single.incentives());
                incentives.add("bundle " + bundle.id() + ": " + percent(bundle.discount()) + " off together");
                lines.add(new LineTerms(sku, 1, single.listPrice(), offer, single.limit().min(offer), single.floor(), incentives));
            }
            result.add(new BundleTerms(bundle, lines));
        }
        return result;
    }

    /** A bundle's lines as the brand would offer them. */
    public record BundleTerms(BrandPolicy.Bundle bundle, List<LineTerms> lines) {
        public BundleTerms {
            lines = List.copyOf(lines);
        }
    }

    static String percent(BigDecimal ratio) {
        return ratio.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
