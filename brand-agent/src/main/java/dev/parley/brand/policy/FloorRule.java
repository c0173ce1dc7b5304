package dev.parley.brand.policy;

import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * The lowest unit price the brand accepts for the products a rule matches (one SKU, a category
 * subtree, or everything when it names neither): a margin over cost, an absolute amount, or a
 * share of the list price. Exactly one of the three is set. The first matching rule of a policy
 * applies.
 */
public record FloorRule(Sku sku, List<String> category, BigDecimal marginOverCost, Money absolute, BigDecimal percentOfList) {

    public FloorRule {
        category = category == null ? List.of() : List.copyOf(category);
        if (sku != null && !category.isEmpty()) {
            throw new IllegalArgumentException("a floor rule matches a sku or a category, not both");
        }
        int kinds = (marginOverCost == null ? 0 : 1) + (absolute == null ? 0 : 1) + (percentOfList == null ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("a floor rule sets exactly one of margin_over_cost, absolute, percent_of_list");
        }
        if (marginOverCost != null && (marginOverCost.signum() < 0 || marginOverCost.compareTo(BigDecimal.TEN) > 0)) {
            throw new IllegalArgumentException("margin_over_cost must be between 0 and 10, not " + marginOverCost.toPlainString());
        }
        if (percentOfList != null) {
            Ratios.check("percent_of_list", percentOfList);
        }
    }

    public static FloorRule marginOverCost(BigDecimal margin) {
        return new FloorRule(null, null, margin, null, null);
    }

    /** Whether this rule covers a product. */
    public boolean matches(Sku productSku, List<String> productCategory) {
        if (sku != null) {
            return sku.equals(productSku);
        }
        return productCategory.size() >= category.size() && productCategory.subList(0, category.size()).equals(category);
    }

    /** The floor this rule sets for a product of the given cost and list price, rounded up to the minor unit. */
    Money floor(Money cost, Money listPrice) {
        Objects.requireNonNull(listPrice, "listPrice");
        if (absolute != null) {
            if (!absolute.currency().equals(listPrice.currency())) {
                throw new IllegalArgumentException("floor " + absolute + " is not in the list price's currency " + listPrice.currencyCode());
            }
            return absolute;
        }
        if (percentOfList != null) {
            return listPrice.times(percentOfList, RoundingMode.CEILING);
        }
        return cost.times(BigDecimal.ONE.add(marginOverCost), RoundingMode.CEILING);
    }
}
