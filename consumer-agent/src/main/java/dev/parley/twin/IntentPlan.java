package dev.parley.twin;

import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import dev.parley.twin.brand.BrandCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which brands a Daily Me asks, and for what, decided on the brands' public catalogs before any
 * message is sent. Every product a want could be answered with is scored at its public price;
 * the same product sold by several brands counts once; only the products that could make the
 * shortlist are pursued, each at the brand that sells it best publicly (among equals, a brand
 * already being asked, so fewer brands hear from the twin). A brand that issued the twin a
 * credential is also asked for its own matches, since a tier price is not public. A brand is sent
 * only the wants it can answer. Pure: the same catalogs, wants and order give the same plan.
 */
final class IntentPlan {

    private IntentPlan() {}

    /** A brand's public catalog with the wants the twin has for it and whether the twin holds its credential. */
    record BrandWants(BrandCatalog catalog, List<Want> wants, boolean credentialed) {
        BrandWants {
            wants = List.copyOf(wants);
        }
    }

    private record Match(int brand, Want want, double utility) {}

    /**
     * The wants to send to each brand, by origin, in the order of {@code brands} (which also
     * breaks ties between brands selling a product at the same public utility: callers shuffle it
     * so that equal brands share the load).
     *
     * @param pool how many distinct products to pursue (the shortlist's size)
     */
    static Map<String, List<Want>> plan(List<BrandWants> brands, Preferences prefs, List<Wish> wishes, Mandate mandate, Instant now, int pool) {
        Map<String, List<Match>> byProduct = new LinkedHashMap<>();
        for (int b = 0; b < brands.size(); b++) {
            BrandWants brand = brands.get(b);
            for (Want want : brand.wants()) {
                for (Product product : brand.catalog().matching(want)) {
                    if (!Scoring.allowed(product, wishes)) {
                        continue;
                    }
                    Money unit = brand.catalog().publicUnitPrice(product, now);
                    if (!unit.currency().equals(mandate.perItem().currency())) {
                        continue;
                    }
                    Money total = unit.times(want.quantity());
                    if (total.isGreaterThan(mandate.perItem()) && !brand.credentialed()) {
                        continue;
                    }
                    Money listTotal = product.listPrice().times(want.quantity());
                    double utility = Scoring.utility(Scoring.reasons(product, brand.catalog().origin(), prefs, wishes, total, listTotal,
                            mandate.perItem(), List.of(), now));
                    byProduct.computeIfAbsent(sameProduct(product.gtin(), product.title()), k -> new ArrayList<>()).add(new Match(b, want, utility));
                }
            }
        }
        List<List<Match>> groups = new ArrayList<>(byProduct.values());
        groups.sort(Comparator.comparingDouble((List<Match> g) -> g.stream().mapToDouble(Match::utility).max().orElse(0)).reversed());
        Set<Integer> asked = new LinkedHashSet<>();
        Map<Integer, Set<Want>> wantsByBrand = new LinkedHashMap<>();
        for (List<Match> group : groups.subList(0, Math.min(pool, groups.size()))) {
            double best = group.stream().mapToDouble(Match::utility).max().orElse(0);
            List<Match> top = group.stream().filter(m -> m.utility() >= best - 1e-9).toList();
            Match pick = top.stream().filter(m -> asked.contains(m.brand())).findFirst()
                    .orElseGet(() -> top.stream().min(Comparator.comparingInt(Match::brand)).orElseThrow());
            asked.add(pick.brand());
            wantsByBrand.computeIfAbsent(pick.brand(), k -> new LinkedHashSet<>()).add(pick.want());
            for (Match m : group) {
                if (brands.get(m.brand()).credentialed()) {
                    wantsByBrand.computeIfAbsent(m.brand(), k -> new LinkedHashSet<>()).add(m.want());
                }
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

    /** The key under which the same product from different brands is one: its GTIN, else its normalised title. */
    static String sameProduct(String gtin, String title) {
        return gtin != null ? "gtin " + gtin.replaceFirst("^0+", "") : title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }
}
