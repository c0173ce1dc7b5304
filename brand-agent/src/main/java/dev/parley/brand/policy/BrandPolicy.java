package dev.parley.brand.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a brand allows its Co-Marketer to do, as data: costs and floors, tiers and how a twin
 * reaches one, goals that pace a tier's discount budget, inventory awareness, bundles, quantity
 * breaks, and how it negotiates. Loaded from a policy file ({@link PolicyFile}); every rule is
 * checked when the policy is built, so a running node never meets a nonsensical one.
 */
public record BrandPolicy(
        String currency,
        Costs costs,
        List<FloorRule> floors,
        List<Tier> tiers,
        List<Goal> goals,
        InventoryRule inventory,
        List<Bundle> bundles,
        List<QuantityBreak> quantityBreaks,
        Negotiation negotiation,
        Lifetimes lifetimes) {

    public BrandPolicy {
        Objects.requireNonNull(currency, "currency");
        Money.zero(java.util.Currency.getInstance(currency));
        costs = costs == null ? new Costs(null, null, null) : costs;
        floors = floors == null || floors.isEmpty() ? List.of(FloorRule.marginOverCost(new BigDecimal("0.10"))) : List.copyOf(floors);
        tiers = tiers == null || tiers.isEmpty() ? List.of(Tier.standard()) : List.copyOf(tiers);
        goals = goals == null ? List.of() : List.copyOf(goals);
        inventory = inventory == null ? new InventoryRule(0, BigDecimal.ONE) : inventory;
        bundles = bundles == null ? List.of() : List.copyOf(bundles);
        quantityBreaks = quantityBreaks == null ? List.of() : sortedBreaks(quantityBreaks);
        negotiation = negotiation == null ? Negotiation.defaults() : negotiation;
        lifetimes = lifetimes == null ? Lifetimes.defaults() : lifetimes;
        if (tiers.get(0).minOrders() != 0) {
            throw new IllegalArgumentException("the first tier is the one every twin starts in: its min_orders must be 0");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).minOrders() <= tiers.get(i - 1).minOrders()) {
                throw new IllegalArgumentException("tiers must be listed by increasing min_orders: " + tiers.get(i).name());
            }
        }
        for (Goal goal : goals) {
            if (tiers.stream().noneMatch(t -> t.name().equals(goal.tier()))) {
                throw new IllegalArgumentException("goal names unknown tier \"" + goal.tier() + "\"");
            }
            if (!goal.baselineRevenue().currencyCode().equals(currency)) {
                throw new IllegalArgumentException("goal for tier " + goal.tier() + " is in " + goal.baselineRevenue().currencyCode() + ", the policy in " + currency);
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Tier tier : tiers) {
            if (!names.add(tier.name())) {
                throw new IllegalArgumentException("tier \"" + tier.name() + "\" is listed twice");
            }
        }
    }

    private static List<QuantityBreak> sortedBreaks(List<QuantityBreak> breaks) {
        List<QuantityBreak> sorted = new ArrayList<>(breaks);
        sorted.sort(java.util.Comparator.comparingInt(QuantityBreak::minQuantity));
        return List.copyOf(sorted);
    }

    /** The tier a twin starts in. */
    public Tier baseTier() {
        return tiers.get(0);
    }

    /** The named tier, or the base tier for an unknown name. */
    public Tier tier(String name) {
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst().orElse(baseTier());
    }

    /** The highest tier {@code orders} earlier orders qualify for. */
    public Tier tierForOrders(int orders) {
        Tier best = baseTier();
        for (Tier tier : tiers) {
            if (orders >= tier.minOrders()) {
                best = tier;
            }
        }
        return best;
    }

    /** The quantity break {@code quantity} units reach, if any. */
    public java.util.Optional<QuantityBreak> quantityBreak(int quantity) {
        QuantityBreak reached = null;
        for (QuantityBreak b : quantityBreaks) {
            if (quantity >= b.minQuantity()) {
                reached = b;
            }
        }
        return java.util.Optional.ofNullable(reached);
    }

    /**
     * What products cost the brand (private: never published). A product's cost is its SKU's
     * entry, else the first category prefix listed, else {@code default_share_of_list} × list price.
     */
    public record Costs(BigDecimal defaultShareOfList, Map<String, Money> bySku, Map<String, BigDecimal> byCategory) {
        public Costs {
            defaultShareOfList = defaultShareOfList == null ? new BigDecimal("0.60") : defaultShareOfList;
            Ratios.check("default_share_of_list", defaultShareOfList);
            bySku = bySku == null ? Map.of() : Map.copyOf(bySku);
            byCategory = byCategory == null ? Map.of() : Map.copyOf(byCategory);
            byCategory.forEach((k, v) -> Ratios.check("by_category." + k, v));
        }
    }

    /**
     * A tier: the discount off list its offers carry and the share of the room between offer price
     * and floor its negotiations may concede (0: none, 1: all of it). A twin reaches a tier after
     * {@code min_orders} orders and proves it with the credential the brand then issues.
     */
    public record Tier(String name, int minOrders, BigDecimal discount, BigDecimal concession) {
        public Tier {
            if (name == null || !name.matches("[a-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("a tier name is 1-64 characters of a-z 0-9 _ -: " + name);
            }
            if (minOrders < 0) {
                throw new IllegalArgumentException("tier " + name + ": min_orders must not be negative");
            }
            discount = discount == null ? BigDecimal.ZERO : discount;
            concession = concession == null ? new BigDecimal("0.5") : concession;
            Ratios.check("tier " + name + " discount", discount);
            Ratios.check("tier " + name + " concession", concession);
        }

        static Tier standard() {
            return new Tier("standard", 0, BigDecimal.ZERO, new BigDecimal("0.5"));
        }
    }

    /**
     * A goal such as "for tier best: +20% revenue this quarter": the tier may spend a discount
     * budget of {@code baseline_revenue × revenue_uplift × discount_share} per period, paced
     * evenly over the period. Once the tier is ahead of its pace it gets no more than the base
     * tier's terms until the pace catches up.
     */
    public record Goal(String tier, BigDecimal revenueUplift, Period period, Money baselineRevenue, BigDecimal discountShare) {
        public Goal {
            Objects.requireNonNull(tier, "goal tier");
            Objects.requireNonNull(revenueUplift, "goal revenue_uplift");
            if (revenueUplift.signum() < 0) {
                throw new IllegalArgumentException("goal revenue_uplift must not be negative");
            }
            period = period == null ? Period.QUARTER : period;
            Objects.requireNonNull(baselineRevenue, "goal baseline_revenue");
            discountShare = discountShare == null ? new BigDecimal("0.5") : discountShare;
            Ratios.check("goal discount_share", discountShare);
        }

        /** The discount budget of one period. */
        public Money discountBudget() {
            return baselineRevenue.times(revenueUplift.multiply(discountShare), java.math.RoundingMode.DOWN);
        }

        /** The revenue the goal aims at in one period. */
        public Money targetRevenue() {
            return baselineRevenue.times(BigDecimal.ONE.add(revenueUplift), java.math.RoundingMode.HALF_EVEN);
        }
    }

    public enum Period {
        @JsonProperty("week") WEEK,
        @JsonProperty("month") MONTH,
        @JsonProperty("quarter") QUARTER,
        @JsonProperty("year") YEAR
    }

    /**
     * Scarce stock concedes less: below {@code scarce_below} available units, a negotiation may
     * concede only {@code scarce_concession} of what it otherwise could.
     */
    public record InventoryRule(int scarceBelow, BigDecimal scarceConcession) {
        public InventoryRule {
            if (scarceBelow < 0) {
                throw new IllegalArgumentException("inventory scarce_below must not be negative");
            }
            scarceConcession = scarceConcession == null ? new BigDecimal("0.3") : scarceConcession;
            Ratios.check("inventory scarce_concession", scarceConcession);
        }
    }

    /** Products sold together for a discount off the sum of their offer prices. */
    public record Bundle(String id, List<Sku> skus, BigDecimal discount) {
        public Bundle {
            if (id == null || !id.matches("[A-Za-z0-9._:-]{1,64}")) {
                throw new IllegalArgumentException("a bundle id is 1-64 characters of A-Z a-z 0-9 . _ : -: " + id);
            }
            skus = List.copyOf(Objects.requireNonNull(skus, "bundle skus"));
            if (skus.size() < 2 || new java.util.HashSet<>(skus).size() != skus.size()) {
                throw new IllegalArgumentException("bundle " + id + " needs at least two different products");
            }
            Ratios.check("bundle " + id + " discount", Objects.requireNonNull(discount, "bundle discount"));
        }
    }

    /** From {@code min_quantity} units of one product, a further discount off the offer price. */
    public record QuantityBreak(int minQuantity, BigDecimal discount) {
        public QuantityBreak {
            if (minQuantity < 2) {
                throw new IllegalArgumentException("a quantity break starts at 2 units or more");
            }
            Ratios.check("quantity break discount", Objects.requireNonNull(discount, "quantity break discount"));
        }
    }

    /**
     * How the brand negotiates: at most {@code max_rounds} messages per thread, within
     * {@code seconds} of its opening, conceding along {@code strategy}'s curve.
     */
    public record Negotiation(Boolean enabled, int maxRounds, long seconds, ConcessionCurve strategy) {
        public Negotiation {
            enabled = enabled == null || enabled;
            if (maxRounds < 1 || maxRounds > 1000) {
                throw new IllegalArgumentException("negotiation max_rounds must be 1 to 1000");
            }
            if (seconds < 1) {
                throw new IllegalArgumentException("negotiation seconds must be at least 1");
            }
            strategy = strategy == null ? ConcessionCurve.boulware() : strategy;
        }

        static Negotiation defaults() {
            return new Negotiation(true, 6, 600, ConcessionCurve.boulware());
        }
    }

    /** How long the brand's offers and quotes stay valid, and how many offers an intent gets. */
    public record Lifetimes(long offerSeconds, long quoteSeconds, int maxOffersPerIntent) {
        public Lifetimes {
            if (offerSeconds < 60 || offerSeconds > java.time.Duration.ofDays(30).toSeconds()) {
                throw new IllegalArgumentException("offer_seconds must be between 60 and 30 days");
            }
            if (quoteSeconds < 60 || quoteSeconds > java.time.Duration.ofDays(7).toSeconds()) {
                throw new IllegalArgumentException("quote_seconds must be between 60 and 7 days");
            }
            if (maxOffersPerIntent < 1 || maxOffersPerIntent > 100) {
                throw new IllegalArgumentException("max_offers_per_intent must be 1 to 100");
            }
        }

        static Lifetimes defaults() {
            return new Lifetimes(86_400, 900, 10);
        }
    }
}
