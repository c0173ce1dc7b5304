package dev.parley.twin;

import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import dev.parley.twin.brand.BrandCatalog;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which brands a Daily Me asks, and for what, decided on the brands' public catalogs before any
 * message is sent. Every product a want could be answered with is estimated at its public price;
 * the same product sold by several brands counts once; only the products that could make the
 * shortlist are pursued. Brands are then chosen greedily: each next brand is the one that adds
 * the most to those products' utility (a product it sells that no chosen brand does, or a lower
 * price, valued as a saving against the per-item budget), and brands stop being added when the best adds no more than
 * {@link #BRAND_COST}. So a
 * twin asks few brands — each brand asked learns one of the person's wants, and costs both sides
 * a signed exchange — and does not ask another brand to save a few pence. A brand that issued the
 * twin a credential is always asked for its matches, since a tier price is not public. Each brand
 * is sent only the wants it is chosen to answer. Pure: the same catalogs, wants and order give the
 * same plan.
 */
final class IntentPlan {

    /**
     * The least a brand must add to the utility of the products pursued to be asked: a saving of
     * 10 % of the per-item budget on one item ({@link Scoring#SAVING} × 0.1). A product no chosen
     * brand sells adds its whole utility.
     */
    static final double BRAND_COST = Scoring.SAVING * 0.1;

    private IntentPlan() {}

    /** A brand's public catalog with the wants the twin has for it and whether the twin holds its credential. */
    record BrandWants(BrandCatalog catalog, List<Want> wants, boolean credentialed) {
        BrandWants {
            wants = List.copyOf(wants);
        }
    }

    /** The best a brand offers for one product: its estimated utility, its public total and the want it answers. */
    private record Match(double utility, Money price, Want want) {}

    /**
     * The wants to send to each brand, by origin, in the order of {@code brands} (which also
     * breaks ties between brands that add as much: callers shuffle it so that equal brands share
     * the load).
     *
     * @param pool how many distinct products to pursue (the shortlist's size)
     */
    static Map<String, List<Want>> plan(List<BrandWants> brands, Preferences prefs, List<Wish> wishes, Mandate mandate, Instant now, int pool) {
        // product → brand index → best match there. What does not depend on the price (the learned reasons, a stated
        // wish, the exclusions) is estimated once per product, on the first brand's description of it: the plan only
        // estimates, and the personal offers that come back are scored and filtered exactly.
        Map<String, Map<Integer, Match>> byProduct = new LinkedHashMap<>();
        Map<String, Double> base = new HashMap<>();
        for (int b = 0; b < brands.size(); b++) {
            BrandWants brand = brands.get(b);
            for (Want want : brand.wants()) {
                for (Product product : brand.catalog().matching(want)) {
                    Money unit = brand.catalog().publicUnitPrice(product, now);
                    if (!unit.currency().equals(mandate.perItem().currency())) {
                        continue;
                    }
                    Money total = unit.times(want.quantity());
                    if (total.isGreaterThan(mandate.perItem()) && !brand.credentialed()) {
                        continue;
                    }
                    String key = brand.catalog().productKey(product);
                    String text = brand.catalog().fullTextOf(product);
                    double fixed = base.computeIfAbsent(key, k -> Scoring.allowed(product, text, wishes)
                            ? Scoring.base(prefs.weight(product, brand.catalog().origin(), now), text, wishes) : Double.NaN);
                    if (Double.isNaN(fixed)) {
                        continue;
                    }
                    double utility = Scoring.utilityAt(fixed, total, product.listPrice().times(want.quantity()), mandate.perItem());
                    byProduct.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(b, new Match(utility, total, want),
                            (old, m) -> m.utility() > old.utility() ? m : old);
                }
            }
        }
        List<Map<Integer, Match>> products = new ArrayList<>(byProduct.values());
        products.sort(Comparator.comparingDouble(IntentPlan::best).reversed());
        products = products.subList(0, Math.min(pool, products.size()));

        Set<Integer> chosen = new LinkedHashSet<>();
        for (int b = 0; b < brands.size(); b++) {
            if (brands.get(b).credentialed()) {
                chosen.add(b);
            }
        }
        while (true) {
            int next = -1;
            double most = BRAND_COST;
            for (int b = 0; b < brands.size(); b++) {
                if (!chosen.contains(b)) {
                    double gain = gain(products, chosen, b, mandate.perItem());
                    if (gain > most) {
                        most = gain;
                        next = b;
                    }
                }
            }
            if (next < 0) {
                break;
            }
            chosen.add(next);
        }

        Map<Integer, Set<Want>> wantsByBrand = new HashMap<>();
        for (Map<Integer, Match> product : products) {
            int at = -1;
            for (int b : chosen) {
                Match m = product.get(b);
                if (m == null) {
                    continue;
                }
                if (brands.get(b).credentialed()) {
                    wantsByBrand.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(m.want());
                }
                if (at < 0 || m.utility() > product.get(at).utility()) {
                    at = b;
                }
            }
            if (at >= 0) {
                wantsByBrand.computeIfAbsent(at, k -> new LinkedHashSet<>()).add(product.get(at).want());
            }
        }
        Map<String, List<Want>> plan = new LinkedHashMap<>();
        for (int b = 0; b < brands.size(); b++) {
            Set<Want> wants = wantsByBrand.get(b);
            if (wants != null) {
                // in the order the twin ranks its wants, not the order products were picked
                plan.put(brands.get(b).catalog().origin(), brands.get(b).wants().stream().filter(wants::contains).toList());
            }
        }
        return plan;
    }

    private static double best(Map<Integer, Match> product) {
        return product.values().stream().mapToDouble(Match::utility).max().orElse(0);
    }

    /**
     * What asking brand {@code b} too adds over the brands already chosen: for a product none of
     * them sells, its utility; for one they sell, what is better at {@code b} — its utility, or
     * its lower price valued as a saving of that share of the per-item budget (so pennies on a
     * cheap item are not worth a message, a real difference is).
     */
    private static double gain(List<Map<Integer, Match>> products, Set<Integer> chosen, int b, Money perItem) {
        double gain = 0;
        for (Map<Integer, Match> product : products) {
            Match m = product.get(b);
            if (m == null) {
                continue;
            }
            Match had = null;
            for (int c : chosen) {
                Match other = product.get(c);
                if (other != null && (had == null || other.utility() > had.utility())) {
                    had = other;
                }
            }
            if (had == null) {
                gain += m.utility();
            } else {
                // prices stay exact (and are compared only in one currency: no exchange rates);
                // only the saving's share of the budget becomes a utility
                boolean comparable = m.price().currencyCode().equals(had.price().currencyCode())
                        && m.price().currencyCode().equals(perItem.currencyCode()) && perItem.amount().signum() > 0;
                double cheaper = comparable && m.price().compareTo(had.price()) < 0
                        ? Scoring.SAVING * had.price().minus(m.price()).amount().divide(perItem.amount(), MathContext.DECIMAL64).doubleValue() : 0;
                gain += Math.max(0, Math.max(m.utility() - had.utility(), cheaper));
            }
        }
        return gain;
    }

    /** The key under which the same product from different brands is one: its GTIN, else its normalised title ({@link BrandCatalog#productKey}). */
    static String sameProduct(String gtin, String title) {
        return BrandCatalog.productKey(gtin, title);
    }
}
