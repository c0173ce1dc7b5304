package dev.parley.catalog.mirror;

import dev.parley.protocol.message.CatalogDelta;
import dev.parley.protocol.message.CatalogPage;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A twin's copy of one brand's catalog, kept in sync by pages and deltas. It never diverges: a
 * delta that does not continue from the sequence it holds is refused ({@link Outcome#GAP}), and
 * the twin resynchronises from pages. Not thread-safe: one twin task owns a mirror at a time.
 */
public final class CatalogMirror {
    /** What applying a page or delta did. */
    public enum Outcome {
        /** Applied; the mirror is at a new sequence (or still filling a snapshot). */
        APPLIED,
        /** Already at or past that sequence: nothing to do. */
        STALE,
        /** The delta does not start where the mirror is: changes were missed; resync from pages. */
        GAP,
        /** A page of another snapshot arrived while filling one; restart paging. */
        RESTART
    }

    private final TreeMap<Sku, Product> products = new TreeMap<>();
    private final TreeMap<String, Offer> offers = new TreeMap<>();
    private long seq = -1;
    private TreeMap<Sku, Product> filling;
    private TreeMap<String, Offer> fillingOffers;
    private long fillingSeq = -1;
    private int nextPage;

    /** The sequence the mirror is at, or -1 before the first complete snapshot. */
    public long seq() {
        return seq;
    }

    public boolean synced() {
        return seq >= 0;
    }

    public int size() {
        return products.size();
    }

    public Optional<Product> get(Sku sku) {
        return Optional.ofNullable(products.get(sku));
    }

    public List<Product> products() {
        return List.copyOf(products.values());
    }

    /** The brand's public offers as of the mirror's sequence. */
    public List<Offer> offers() {
        return List.copyOf(offers.values());
    }

    /**
     * Applies a page of a snapshot. Pages must arrive in order from page 0; when the last page of
     * the snapshot arrives, the snapshot replaces the mirror's content.
     */
    public Outcome applyPage(CatalogPage page) {
        if (page.page() == 0) {
            filling = new TreeMap<>();
            fillingOffers = new TreeMap<>();
            fillingSeq = page.seq();
            nextPage = 0;
        }
        if (filling == null || page.seq() != fillingSeq || page.page() != nextPage) {
            filling = null;
            return Outcome.RESTART;
        }
        for (Product p : page.products()) {
            filling.put(p.sku(), p);
        }
        for (Offer o : page.offers()) {
            fillingOffers.put(o.offerId(), o);
        }
        nextPage++;
        if (page.last()) {
            products.clear();
            products.putAll(filling);
            offers.clear();
            offers.putAll(fillingOffers);
            seq = fillingSeq;
            filling = null;
        }
        return Outcome.APPLIED;
    }

    /** The page to ask for next while filling a snapshot (0 when not filling). */
    public int nextPage() {
        return filling == null ? 0 : nextPage;
    }

    /** The snapshot sequence being filled, or -1. */
    public long fillingSeq() {
        return filling == null ? -1 : fillingSeq;
    }

    /** Applies a delta if it continues from the mirror's sequence. */
    public Outcome applyDelta(CatalogDelta delta) {
        if (seq < 0) {
            return Outcome.GAP;
        }
        if (delta.toSeq() <= seq) {
            return Outcome.STALE;
        }
        if (delta.fromSeq() != seq) {
            return Outcome.GAP;
        }
        for (Sku removed : delta.removals()) {
            products.remove(removed);
        }
        for (Product p : delta.upserts()) {
            products.put(p.sku(), p);
        }
        for (String removed : delta.offerRemovals()) {
            offers.remove(removed);
        }
        for (Offer o : delta.offers()) {
            offers.put(o.offerId(), o);
        }
        seq = delta.toSeq();
        return Outcome.APPLIED;
    }

    /** Restores a mirror persisted by its owner. */
    public static CatalogMirror restore(long seq, Map<Sku, Product> products) {
        return restore(seq, products, List.of());
    }

    /** Restores a mirror persisted by its owner, with the brand's public offers. */
    public static CatalogMirror restore(long seq, Map<Sku, Product> products, List<Offer> offers) {
        CatalogMirror m = new CatalogMirror();
        m.products.putAll(products);
        offers.forEach(o -> m.offers.put(o.offerId(), o));
        m.seq = seq;
        return m;
    }
}
