package dev.parley.twin.brand;

import dev.parley.protocol.message.Descriptor;
import dev.parley.protocol.message.Eligibility;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One brand's catalog as a {@link BrandDirectory} last synced it: its verified descriptor, its
 * products and public offers at one sequence. Immutable, so any number of twins read it at once
 * while the directory syncs the next one.
 *
 * <p>What every twin's Daily Me derives from a product (its texts, its key across brands, the
 * public offers that could price it) is derived once, when the view is made, and the products
 * answering a want are remembered for the view's life: a process hosting many twins pays for
 * them once per catalog change, not once per twin.
 */
public final class BrandCatalog {

    /** The most wants whose matching products a view remembers; more (unusual) clears the memory. */
    private static final int REMEMBERED_WANTS = 4096;
    private static final Pattern QUERY_WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final String origin;
    private final Descriptor descriptor;
    private final long seq;
    private final Map<Sku, Product> products;
    private final Map<Sku, String> texts;
    private final Map<Sku, String> fullTexts;
    private final Map<Sku, String> keys;
    private final Map<Sku, List<Offer>> singleUnitOffers;
    private final List<Offer> publicOffers;
    private final Map<Want, List<Product>> matches = new ConcurrentHashMap<>();

    /**
     * A view of a brand's catalog at {@code seq}; a {@link BrandDirectory} makes one after each
     * sync (tools and tests may make their own).
     *
     * @param descriptor the brand's verified descriptor, or null when not known
     */
    public static BrandCatalog of(String origin, Descriptor descriptor, long seq, Collection<Product> products, List<Offer> publicOffers) {
        return new BrandCatalog(origin, descriptor, seq, products, publicOffers);
    }

    private BrandCatalog(String origin, Descriptor descriptor, long seq, Collection<Product> products, List<Offer> publicOffers) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.descriptor = descriptor;
        this.seq = seq;
        Map<Sku, Product> bySku = new LinkedHashMap<>();
        for (Product p : products) {
            bySku.put(p.sku(), p);
        }
        Map<Sku, String> text = new HashMap<>();
        Map<Sku, String> full = new HashMap<>();
        Map<Sku, String> key = new HashMap<>();
        for (Product p : bySku.values()) {
            text.put(p.sku(), (p.title() + ' ' + Optional.ofNullable(p.description()).orElse("")).toLowerCase(Locale.ROOT));
            full.put(p.sku(), fullText(p));
            key.put(p.sku(), productKey(p.gtin(), p.title()));
        }
        this.products = Collections.unmodifiableMap(bySku);
        this.texts = text;
        this.fullTexts = full;
        this.keys = key;
        this.publicOffers = List.copyOf(publicOffers);
        Map<Sku, List<Offer>> single = new HashMap<>();
        for (Offer offer : this.publicOffers) {
            if (offer.items().size() != 1 || offer.eligibility().audience() != Eligibility.Audience.PUBLIC || offer.eligibility().tier() != null) {
                continue;
            }
            PricedLine line = offer.items().get(0);
            Integer min = offer.eligibility().minQuantity();
            if (line.quantity() == 1 && (min == null || min <= 1)) {
                single.computeIfAbsent(line.sku(), k -> new ArrayList<>()).add(offer);
            }
        }
        this.singleUnitOffers = single;
    }

    /**
     * The key under which the same product from different brands is one: its GTIN without
     * leading zeros, else its title in lower case with every run of characters other than
     * {@code a-z} and {@code 0-9} made one space, trimmed.
     */
    public static String productKey(String gtin, String title) {
        if (gtin != null) {
            int start = 0;
            while (start < gtin.length() && gtin.charAt(start) == '0') {
                start++;
            }
            return "gtin " + gtin.substring(start);
        }
        String lower = title.toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (gap && key.length() > 0) {
                    key.append(' ');
                }
                key.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return key.toString();
    }

    /** All of a product's words in lower case: title, description, category path and attribute values. */
    public static String fullText(Product p) {
        return (p.title() + ' ' + Optional.ofNullable(p.description()).orElse("") + ' ' + String.join(" ", p.category()) + ' '
                + p.attributes().values()).toLowerCase(Locale.ROOT);
    }

    /** {@link #productKey} of a product of this catalog (computed when the view was made). */
    public String productKey(Product product) {
        String key = keys.get(product.sku());
        return key != null && products.get(product.sku()) == product ? key : productKey(product.gtin(), product.title());
    }

    /** {@link #fullText} of a product of this catalog (computed when the view was made). */
    public String fullTextOf(Product product) {
        String text = fullTexts.get(product.sku());
        return text != null && products.get(product.sku()) == product ? text : fullText(product);
    }

    public String origin() {
        return origin;
    }

    /** The brand's verified descriptor (its name, endpoints, policies). */
    public Descriptor descriptor() {
        return descriptor;
    }

    /** The catalog sequence this view is at. */
    public long seq() {
        return seq;
    }

    public Optional<Product> get(Sku sku) {
        return Optional.ofNullable(products.get(sku));
    }

    public Collection<Product> products() {
        return products.values();
    }

    public List<Offer> publicOffers() {
        return publicOffers;
    }

    /**
     * The products a want could be answered with: the product it names, or those in its category
     * (if it names one) whose title or description holds every word of its query longer than two
     * letters (a word of five letters or more also matches without its last letter: "bottles",
     * "candles").
     */
    public List<Product> matching(Want want) {
        if (want.sku() != null) {
            return get(want.sku()).map(List::of).orElse(List.of());
        }
        List<Product> known = matches.get(want);
        if (known != null) {
            return known;
        }
        List<String> words = want.query() == null ? List.of()
                : Arrays.stream(QUERY_WORDS.split(want.query().toLowerCase(Locale.ROOT))).filter(w -> w.length() > 2)
                .map(w -> w.length() > 4 ? w.substring(0, w.length() - 1) : w).toList();
        List<Product> found = new ArrayList<>();
        for (Product p : products.values()) {
            if (!want.category().isEmpty() && !p.inCategory(want.category())) {
                continue;
            }
            String text = texts.get(p.sku());
            if (words.stream().allMatch(text::contains)) {
                found.add(p);
            }
        }
        List<Product> result = List.copyOf(found);
        if (matches.size() >= REMEMBERED_WANTS) {
            matches.clear();
        }
        matches.put(want, result);
        return result;
    }

    /**
     * What one unit of a product costs anyone at {@code now}: the lowest price of a public
     * single-line offer for it that a single unit may redeem, else its list price.
     */
    public Money publicUnitPrice(Product product, Instant now) {
        Money best = product.listPrice();
        for (Offer offer : singleUnitOffers.getOrDefault(product.sku(), List.of())) {
            Money unit = offer.items().get(0).unitPrice();
            if (offer.validAt(now) && unit.currency().equals(best.currency()) && unit.isLessThan(best)) {
                best = unit;
            }
        }
        return best;
    }
}
