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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One brand's catalog as a {@link BrandDirectory} last synced it: its verified descriptor, its
 * products and public offers at one sequence. Immutable, so any number of twins read it at once
 * while the directory syncs the next one.
 */
public final class BrandCatalog {

    private final String origin;
    private final Descriptor descriptor;
    private final long seq;
    private final Map<Sku, Product> products;
    private final Map<Sku, String> texts;
    private final List<Offer> publicOffers;

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
        Map<Sku, String> text = new LinkedHashMap<>();
        for (Product p : products) {
            bySku.put(p.sku(), p);
            text.put(p.sku(), (p.title() + ' ' + Optional.ofNullable(p.description()).orElse("")).toLowerCase(Locale.ROOT));
        }
        this.products = Collections.unmodifiableMap(bySku);
        this.texts = Collections.unmodifiableMap(text);
        this.publicOffers = List.copyOf(publicOffers);
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
        List<String> words = want.query() == null ? List.of()
                : Arrays.stream(want.query().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> w.length() > 2)
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
        return found;
    }

    /**
     * What one unit of a product costs anyone at {@code now}: the lowest price of a public
     * single-line offer for it that a single unit may redeem, else its list price.
     */
    public Money publicUnitPrice(Product product, Instant now) {
        Money best = product.listPrice();
        for (Offer offer : publicOffers) {
            if (offer.items().size() != 1 || !offer.validAt(now) || offer.eligibility().audience() != Eligibility.Audience.PUBLIC
                    || offer.eligibility().tier() != null) {
                continue;
            }
            PricedLine line = offer.items().get(0);
            Integer min = offer.eligibility().minQuantity();
            if (line.sku().equals(product.sku()) && line.quantity() == 1 && (min == null || min <= 1)
                    && line.unitPrice().currency().equals(best.currency()) && line.unitPrice().isLessThan(best)) {
                best = line.unitPrice();
            }
        }
        return best;
    }
}
