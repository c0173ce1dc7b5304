package dev.parley.brand.offers;

import dev.parley.brand.negotiation.Negotiator;
import dev.parley.brand.orders.Inventory;
import dev.parley.brand.orders.Ledger;
import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.GoalPacer;
import dev.parley.brand.policy.LineTerms;
import dev.parley.brand.policy.Pricer;
import dev.parley.catalog.index.CatalogIndex;
import dev.parley.catalog.index.CatalogQuery;
import dev.parley.catalog.store.CatalogStore;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Constraint;
import dev.parley.protocol.message.Eligibility;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The brand's decision core, free of transport and signing: which products answer a twin's
 * intent and at which personal terms, the terms a negotiation on one of those offers runs within,
 * and which tier a twin's record earns. The HTTP node and the simulator both drive this class.
 */
public final class CoMarketer {

    private static final int CANDIDATES_PER_WANT = 200;

    private final BrandPolicy policy;
    private final Pricer pricer;
    private final GoalPacer pacer;
    private final Negotiator negotiator;
    private final CatalogStore catalog;
    private final CatalogIndex index;
    private final Inventory inventory;
    private final Ledger ledger;
    private final Supplier<String> ids;
    /**
     * Products that satisfy a want, by catalog sequence and want: many twins ask for the same
     * things, and a result stays right until the catalog changes (which changes the sequence).
     * Read by every intent on many threads at once, so a concurrent map without a lock on reads;
     * bounded by starting afresh when full (entries of an older sequence are dead anyway).
     */
    private final Map<CandidateKey, List<Product>> candidateCache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CANDIDATE_CACHE_SIZE = 2048;
    /** Priced lines, see {@link #pricedLine}. */
    private final Map<PriceKey, Priced> priceCache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PRICE_CACHE_SIZE = 16_384;

    /** Products times wants that an intent answered at once may search; see {@link #answersAtOnce}. */
    public static final long AT_ONCE_SEARCH_LIMIT = 50_000;

    /**
     * Whether the offers for an intent of {@code wants} wants take only a short computation: the
     * catalog is not being changed, the index needs no refresh, and the search is small (products
     * times wants within {@value #AT_ONCE_SEARCH_LIMIT}; the example brand's 40 products answer 50
     * wants in well under a millisecond, where a million products can take milliseconds per want).
     * A node answers such intents on the thread that received them and hands the others on.
     */
    public boolean answersAtOnce(int wants) {
        return !catalog.changing() && index.refreshed() && (long) index.size() * Math.max(1, wants) <= AT_ONCE_SEARCH_LIMIT;
    }

    public CoMarketer(BrandPolicy policy, CatalogStore catalog, CatalogIndex index, Inventory inventory, Ledger ledger, Supplier<String> ids) {
        this.policy = policy;
        this.pricer = new Pricer(policy);
        this.pacer = new GoalPacer(policy);
        this.negotiator = new Negotiator(policy.negotiation());
        this.catalog = catalog;
        this.index = index;
        this.inventory = inventory;
        this.ledger = ledger;
        this.ids = ids;
    }

    public BrandPolicy policy() {
        return policy;
    }

    public Pricer pricer() {
        return pricer;
    }

    public GoalPacer pacer() {
        return pacer;
    }

    public Negotiator negotiator() {
        return negotiator;
    }

    public Inventory inventory() {
        return inventory;
    }

    public Ledger ledger() {
        return ledger;
    }

    public CatalogStore catalog() {
        return catalog;
    }

    /** Whether a tier's goal still lets it grant its own terms at {@code now}. */
    public boolean withinPace(BrandPolicy.Tier tier, Instant now) {
        return pacer.withinPace(tier.name(), ledger.spent(pacer.periodKey(tier.name(), now), java.util.Currency.getInstance(policy.currency())), now);
    }

    /** The personal offers answering an intent from {@code twin}, treated as {@code tier}. */
    public List<Offer> offers(String twin, Intent intent, BrandPolicy.Tier tier, Instant now) {
        int max = Math.min(policy.lifetimes().maxOffersPerIntent(), intent.maxOffers() == null ? Integer.MAX_VALUE : intent.maxOffers());
        boolean pace = withinPace(tier, now);
        Instant until = now.plusSeconds(policy.lifetimes().offerSeconds());
        Money budget = intent.budget() != null && intent.budget().currencyCode().equals(policy.currency()) ? intent.budget() : null;
        List<Offer> offers = new ArrayList<>();
        // one eligibility per quantity band: every offer of the answer names the same twin and tier
        Map<Integer, Eligibility> eligibilities = new java.util.HashMap<>();
        Set<Sku> offered = new LinkedHashSet<>();
        for (Want want : intent.wants()) {
            for (Product product : candidates(want)) {
                if (offers.size() >= max) {
                    return offers;
                }
                if (offered.contains(product.sku())) {
                    continue;
                }
                long available = inventory.available(product.sku());
                if (available < want.quantity()) {
                    continue;
                }
                Priced priced = pricedLine(product, want.quantity(), tier, available, pace);
                LineTerms terms = priced.lines().get(0);
                if (want.maxUnitPrice() != null && terms.offerPrice().currency().equals(want.maxUnitPrice().currency())
                        && terms.offerPrice().isGreaterThan(want.maxUnitPrice())
                        && terms.limit().isGreaterThan(want.maxUnitPrice())) {
                    continue;
                }
                Offer offer = offer(twin, tier, eligibilities, priced, available, now, until);
                if (budget != null && offer.total().isGreaterThan(budget)) {
                    continue;
                }
                offers.add(offer);
                offered.add(product.sku());
            }
        }
        for (Sku anchor : List.copyOf(offered)) {
            Map<Sku, Product> members = new LinkedHashMap<>();
            policy.bundles().stream().filter(b -> b.skus().contains(anchor)).flatMap(b -> b.skus().stream())
                    .forEach(sku -> catalog.get(sku).ifPresent(p -> members.put(sku, p)));
            for (Pricer.BundleTerms bundle : pricer.bundlesWith(anchor, members, tier, inventory::available, pace)) {
                if (offers.size() >= max) {
                    return offers;
                }
                boolean stocked = bundle.lines().stream().allMatch(l -> inventory.available(l.sku()) >= 1);
                Offer offer = offer(twin, tier, eligibilities, priced(bundle.lines()), 1, now, until);
                if (stocked && (budget == null || !offer.total().isGreaterThan(budget))
                        && offers.stream().noneMatch(o -> sameSkus(o, offer))) {
                    offers.add(offer);
                }
            }
        }
        return offers;
    }

    private static boolean sameSkus(Offer a, Offer b) {
        return a.items().stream().map(PricedLine::sku).toList().equals(b.items().stream().map(PricedLine::sku).toList());
    }

    /**
     * The part of an offer that is the same for every twin of a tier: its lines as priced, their
     * total, the incentives that shaped them and whether the brand would negotiate on them.
     */
    private record Priced(List<LineTerms> lines, List<PricedLine> items, Money total, List<String> incentives, boolean negotiable) {}

    private Priced priced(List<LineTerms> lines) {
        List<PricedLine> items = lines.stream().map(LineTerms::offered).toList();
        Money total = items.stream().map(PricedLine::total).reduce(Money::plus).orElseThrow();
        Set<String> incentives = new LinkedHashSet<>();
        lines.forEach(l -> incentives.addAll(l.incentives()));
        boolean negotiable = policy.negotiation().enabled() && lines.stream().anyMatch(l -> l.limit().isLessThan(l.offerPrice()));
        return new Priced(List.copyOf(lines), items, total, List.copyOf(incentives).subList(0, Math.min(10, incentives.size())), negotiable);
    }

    /**
     * A product's line as priced for {@code quantity} units and a tier. Pricing depends only on
     * the product, the quantity, the tier that applies and whether stock is scarce, so the result
     * is kept for the next twin asking for the same thing. Keys hold the product itself, compared
     * by identity: products are the same objects until the catalog changes, and then new ones.
     */
    private Priced pricedLine(Product product, int quantity, BrandPolicy.Tier tier, long available, boolean pace) {
        BrandPolicy.Tier applied = pace ? tier : policy.baseTier();
        PriceKey key = new PriceKey(product, quantity, applied.name(), available < policy.inventory().scarceBelow());
        Priced cached = priceCache.get(key);
        if (cached != null) {
            return cached;
        }
        Priced priced = priced(List.of(pricer.terms(product, quantity, applied, available, true)));
        if (priceCache.size() >= PRICE_CACHE_SIZE) {
            priceCache.clear();
        }
        priceCache.put(key, priced);
        return priced;
    }

    /** A product (by identity), a quantity, the tier whose terms apply and whether stock is scarce. */
    private static final class PriceKey {
        private final Product product;
        private final int quantity;
        private final String tier;
        private final boolean scarce;
        private final int hash;

        PriceKey(Product product, int quantity, String tier, boolean scarce) {
            this.product = product;
            this.quantity = quantity;
            this.tier = tier;
            this.scarce = scarce;
            this.hash = ((System.identityHashCode(product) * 31 + quantity) * 31 + tier.hashCode()) * 2 + (scarce ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PriceKey k && k.product == product && k.quantity == quantity && k.scarce == scarce && k.tier.equals(tier);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private Offer offer(String twin, BrandPolicy.Tier tier, Map<Integer, Eligibility> eligibilities, Priced priced, long available,
                        Instant now, Instant until) {
        int maxUnits = (int) Math.min(Math.min(available, 1_000_000L), Integer.MAX_VALUE);
        String tierName = tier.equals(policy.baseTier()) ? null : tier.name();
        // 0 stands for a bundle, which has no quantity band
        Eligibility eligibility = eligibilities.computeIfAbsent(priced.lines().size() == 1 ? Math.max(1, maxUnits) : 0,
                max -> new Eligibility(Eligibility.Audience.TWIN, twin, tierName, null, max == 0 ? null : max));
        return new Offer(ids.get(), priced.items(), priced.total(), now, until, eligibility, 1, priced.negotiable(), null, priced.incentives());
    }

    /** A want at a catalog sequence; wants are records of values, so equal wants are equal keys. */
    private record CandidateKey(long seq, Want want) {}

    /** Products that satisfy a want, best first. */
    List<Product> candidates(Want want) {
        CandidateKey key = new CandidateKey(catalog.seq(), want);
        List<Product> cached = candidateCache.get(key);
        if (cached != null) {
            return cached;
        }
        List<Product> found = List.copyOf(search(want));
        if (candidateCache.size() >= CANDIDATE_CACHE_SIZE) {
            candidateCache.clear();
        }
        candidateCache.put(key, found);
        return found;
    }

    private List<Product> search(Want want) {
        if (want.sku() != null) {
            return catalog.get(want.sku()).filter(p -> satisfies(p, want)).map(List::of).orElse(List.of());
        }
        CatalogQuery.Builder q = CatalogQuery.builder().inStock().page(0, CANDIDATES_PER_WANT);
        if (want.gtin() != null) {
            q.gtin(want.gtin());
        }
        if (!want.category().isEmpty()) {
            q.category(want.category());
        }
        if (want.query() != null && !want.query().isBlank()) {
            q.text(want.query());
        } else if (want.maxUnitPrice() == null) {
            q.sort(CatalogQuery.Sort.SKU);
        }
        if (want.query() == null && want.maxUnitPrice() != null) {
            q.sort(CatalogQuery.Sort.PRICE_ASC);
        }
        List<Product> result = new ArrayList<>();
        for (Product p : index.search(q.build()).products()) {
            if (satisfies(p, want)) {
                result.add(p);
            }
        }
        return result;
    }

    private boolean satisfies(Product product, Want want) {
        if (product.availability() == Availability.OUT_OF_STOCK || product.availability() == Availability.DISCONTINUED) {
            return false;
        }
        if (!product.listPrice().currencyCode().equals(policy.currency())) {
            return false;
        }
        for (Map.Entry<String, Constraint> c : want.attributes().entrySet()) {
            if (!c.getValue().test(product.attributes().get(c.getKey()))) {
                return false;
            }
        }
        if (!want.exclude().isEmpty()) {
            String text = (product.title() + ' ' + Optional.ofNullable(product.description()).orElse("") + ' '
                    + product.attributes()).toLowerCase(Locale.ROOT);
            for (String term : want.exclude()) {
                if (text.contains(term.toLowerCase(Locale.ROOT))) {
                    return false;
                }
            }
        }
        return want.gtin() == null || want.gtin().equals(product.gtin());
    }

    /**
     * The terms a negotiation on an offered line runs within: the offered unit price as the
     * opening, the floor, and the limit the tier and the stock allow now.
     */
    public LineTerms negotiationTerms(PricedLine offered, int quantity, BrandPolicy.Tier tier, Instant now) {
        return negotiationTerms(offered, quantity, tier, true, now);
    }

    /**
     * As {@link #negotiationTerms(PricedLine, int, BrandPolicy.Tier, Instant)}; an offer that is
     * not negotiable stands as made: its limit is its price, so a proposal at that price gets a
     * quote and a lower one a final counter.
     */
    public LineTerms negotiationTerms(PricedLine offered, int quantity, BrandPolicy.Tier tier, boolean negotiable, Instant now) {
        Product product = catalog.get(offered.sku()).orElseThrow(() -> new IllegalArgumentException("product " + offered.sku() + " is no longer sold"));
        LineTerms current = pricer.terms(product, quantity, tier, inventory.available(product.sku()), withinPace(tier, now));
        Money opening = offered.unitPrice().max(current.floor());
        Money room = opening.minus(current.floor());
        BigDecimal share = current.offerPrice().isGreaterThan(current.floor())
                ? current.offerPrice().minus(current.limit()).amount().divide(current.offerPrice().minus(current.floor()).amount(), 6, RoundingMode.DOWN)
                : BigDecimal.ZERO;
        Money limit = negotiable ? opening.minus(room.times(share, RoundingMode.DOWN)).max(current.floor()) : opening;
        return new LineTerms(product.sku(), quantity, product.listPrice(), opening, limit, current.floor(), current.incentives());
    }

    /** The tier {@code orders} confirmed orders earn. */
    public BrandPolicy.Tier tierForOrders(int orders) {
        return policy.tierForOrders(orders);
    }

    /** The list price of a product still sold. */
    public Optional<Product> product(Sku sku) {
        return catalog.get(sku);
    }
}
