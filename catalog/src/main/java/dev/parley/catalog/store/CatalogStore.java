package dev.parley.catalog.store;

import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * A brand's catalog, versioned: every change (upsert, removal, price or stock change) advances a
 * sequence number. It answers deltas since a sequence and stable snapshots at a sequence.
 * {@link #inMemory()} for tests and twins' mirrors; {@link #sqlite(Path)} durable on an embedded
 * SQLite database (WAL mode), so a restarted brand agent has its catalog without re-import.
 *
 * <p>Thread-safe: readers run concurrently, writers one at a time. Writes to a durable store do
 * disk I/O: never call them on an event loop.
 */
public final class CatalogStore implements AutoCloseable {
    /** Changes kept for deltas by default; older sequences need a resync from a snapshot. */
    public static final int DEFAULT_LOG_CAPACITY = 200_000;
    private static final int SNAPSHOT_CACHE = 4;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<Sku, Product> current = new TreeMap<>();
    private final TreeMap<String, Offer> offers = new TreeMap<>();
    private final ArrayList<Change> log = new ArrayList<>();
    private final int logCapacity;
    private final Journal journal;
    private final List<Consumer<List<Change>>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, Snapshot> snapshots = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Snapshot> eldest) {
            return size() > SNAPSHOT_CACHE;
        }
    };
    private long seq;
    /** The oldest sequence a delta can start from. */
    private long logStart;

    private CatalogStore(Journal journal, int logCapacity) {
        if (logCapacity < 1) {
            throw new IllegalArgumentException("logCapacity must be positive: " + logCapacity);
        }
        this.journal = journal;
        this.logCapacity = logCapacity;
    }

    /** An empty store in memory. */
    public static CatalogStore inMemory() {
        return new CatalogStore(null, DEFAULT_LOG_CAPACITY);
    }

    /** An empty store in memory keeping at most {@code logCapacity} changes for deltas. */
    public static CatalogStore inMemory(int logCapacity) {
        return new CatalogStore(null, logCapacity);
    }

    /** A durable store in the SQLite database {@code file} (created if absent), loaded into memory. */
    public static CatalogStore sqlite(Path file) {
        return sqlite(file, DEFAULT_LOG_CAPACITY);
    }

    public static CatalogStore sqlite(Path file, int logCapacity) {
        SqliteJournal journal = SqliteJournal.open(file, logCapacity);
        CatalogStore store = new CatalogStore(journal, logCapacity);
        journal.load(store::restore);
        return store;
    }

    private void restore(SqliteJournal.State state) {
        current.putAll(state.products());
        offers.putAll(state.offers());
        log.addAll(state.recentChanges());
        seq = state.seq();
        logStart = state.recentChanges().isEmpty() ? seq : state.recentChanges().get(0).seq() - 1;
    }

    /** The current sequence (0 for an empty, never changed store). */
    public long seq() {
        lock.readLock().lock();
        try {
            return seq;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Whether a change is being written now (readers wait for it to commit). A hint for callers
     * that must not wait, such as an event loop choosing whether to read or hand the work on.
     */
    public boolean changing() {
        return lock.isWriteLocked();
    }

    public int size() {
        lock.readLock().lock();
        try {
            return current.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<Product> get(Sku sku) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(current.get(sku));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds or replaces a product; a product equal to the stored one is no change. Returns the sequence after. */
    public long upsert(Product product) {
        return upsertAll(List.of(product));
    }

    /** Adds or replaces products in one atomic batch, one sequence number per actual change. */
    public long upsertAll(Collection<Product> products) {
        List<Product> batch = List.copyOf(products);
        lock.writeLock().lock();
        try {
            List<Change> changes = new ArrayList<>(batch.size());
            // the batch's latest version of each SKU so far, sized so that a bulk load never rehashes
            Map<Sku, Product> staged = new java.util.HashMap<>((int) Math.min(Integer.MAX_VALUE, batch.size() * 4L / 3 + 1));
            long next = seq;
            for (Product product : batch) {
                Objects.requireNonNull(product, "product");
                Product previous = staged.get(product.sku());
                if (previous == null) {
                    previous = current.get(product.sku());
                }
                if (product.equals(previous)) {
                    continue;
                }
                changes.add(new Change(++next, product.sku(), product, previous));
                staged.put(product.sku(), product);
            }
            return commit(changes);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a product; removing an absent SKU is no change. Returns the sequence after. */
    public long remove(Sku sku) {
        return removeAll(List.of(sku));
    }

    public long removeAll(Collection<Sku> skus) {
        lock.writeLock().lock();
        try {
            List<Change> changes = new ArrayList<>();
            java.util.Set<Sku> removed = new java.util.HashSet<>();
            long next = seq;
            for (Sku sku : skus) {
                Product previous = current.get(sku);
                if (previous != null && removed.add(sku)) {
                    changes.add(new Change(++next, sku, null, previous));
                }
            }
            // a public offer cannot outlive a product it sells: it is withdrawn in the same batch
            for (Offer offer : offers.values()) {
                if (offer.items().stream().anyMatch(line -> removed.contains(line.sku()))) {
                    changes.add(Change.ofOffer(++next, offer.offerId(), null, offer));
                }
            }
            return commit(changes);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Publishes or replaces a public offer. It must be open to everyone ({@code audience} public)
     * and every line must name a product of this catalog. An offer equal to the stored one is no
     * change. Returns the sequence after.
     */
    public long upsertOffer(Offer offer) {
        Objects.requireNonNull(offer, "offer");
        if (offer.eligibility().audience() != dev.parley.protocol.message.Eligibility.Audience.PUBLIC) {
            throw new IllegalArgumentException("offer " + offer.offerId() + " is personal; a catalog publishes public offers only");
        }
        lock.writeLock().lock();
        try {
            for (var line : offer.items()) {
                if (!current.containsKey(line.sku())) {
                    throw new IllegalArgumentException("offer " + offer.offerId() + " names " + line.sku() + ", which the catalog does not have");
                }
            }
            Offer previous = offers.get(offer.offerId());
            if (offer.equals(previous)) {
                return seq;
            }
            return commit(List.of(Change.ofOffer(seq + 1, offer.offerId(), offer, previous)));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Withdraws a public offer; withdrawing an absent offer is no change. Returns the sequence after. */
    public long removeOffer(String offerId) {
        lock.writeLock().lock();
        try {
            Offer previous = offers.get(offerId);
            return previous == null ? seq : commit(List.of(Change.ofOffer(seq + 1, offerId, null, previous)));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The public offers now, by offer id. */
    public List<Offer> offers() {
        lock.readLock().lock();
        try {
            return List.copyOf(offers.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<Offer> offer(String offerId) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(offers.get(offerId));
        } finally {
            lock.readLock().unlock();
        }
    }

    private long commit(List<Change> changes) {
        if (changes.isEmpty()) {
            return seq;
        }
        if (journal != null) {
            journal.append(changes);
        }
        boolean bulk = current.isEmpty() && changes.size() >= BULK_LOAD && changes.stream().noneMatch(c -> c.ofOffer() || c.removal());
        if (bulk) {
            current.putAll(latestBySku(changes));
        } else {
            for (Change change : changes) {
                if (change.ofOffer()) {
                    if (change.removal()) {
                        offers.remove(change.offerId());
                    } else {
                        offers.put(change.offerId(), change.offer());
                    }
                } else if (change.removal()) {
                    current.remove(change.sku());
                } else {
                    current.put(change.sku(), change.product());
                }
            }
        }
        seq = changes.get(changes.size() - 1).seq();
        appendToLog(changes);
        if (!listeners.isEmpty()) {
            List<Change> published = List.copyOf(changes);
            for (Consumer<List<Change>> listener : listeners) {
                listener.accept(published);
            }
        }
        return seq;
    }

    /**
     * Appends to the change log; past its capacity, it keeps the latest half and deltas from before
     * that need a resync. Only what is kept is copied (a bulk load is often several times the
     * capacity).
     */
    private void appendToLog(List<Change> changes) {
        int total = log.size() + changes.size();
        if (total <= logCapacity) {
            log.addAll(changes);
            return;
        }
        int drop = total - logCapacity / 2;
        int fromLog = log.size();
        logStart = (drop <= fromLog ? log.get(drop - 1) : changes.get(drop - fromLog - 1)).seq();
        if (drop >= fromLog) {
            log.clear();
            log.addAll(changes.subList(drop - fromLog, changes.size()));
        } else {
            log.subList(0, drop).clear();
            log.addAll(changes);
        }
    }

    /**
     * Batches of at least this many product upserts into an empty store (an import, a brand's first
     * start) fill it from the batch sorted once ({@link SkuOrder}): a sorted tree is built in one
     * pass, where putting each product compares its SKU with twenty others and rebalances the tree.
     */
    private static final int BULK_LOAD = 1_000;

    /** The latest product of each SKU upserted by {@code changes}, in SKU order, as a sorted map a tree map is built from in one pass. */
    private static java.util.SortedMap<Sku, Product> latestBySku(List<Change> changes) {
        // of a SKU given twice, the later change stays after the earlier
        Change[] sorted = SkuOrder.sorted(changes, Change::sku, Change[]::new);
        List<Map.Entry<Sku, Product>> entries = new ArrayList<>(sorted.length);
        for (int i = 0; i < sorted.length; i++) {
            if (i + 1 == sorted.length || !sorted[i + 1].sku().equals(sorted[i].sku())) {
                entries.add(Map.entry(sorted[i].sku(), sorted[i].product()));
            }
        }
        return new SortedEntries(entries);
    }

    /**
     * Entries already in ascending order of distinct SKUs, seen as the sorted map that
     * {@link TreeMap#putAll} builds an empty tree from in one pass; only what that reads works.
     */
    private static final class SortedEntries extends java.util.AbstractMap<Sku, Product> implements java.util.SortedMap<Sku, Product> {
        private final List<Map.Entry<Sku, Product>> entries;

        SortedEntries(List<Map.Entry<Sku, Product>> entries) {
            this.entries = entries;
        }

        @Override
        public java.util.Set<Map.Entry<Sku, Product>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public java.util.Iterator<Map.Entry<Sku, Product>> iterator() {
                    return entries.iterator();
                }

                @Override
                public int size() {
                    return entries.size();
                }
            };
        }

        @Override
        public java.util.Comparator<? super Sku> comparator() {
            return null;
        }

        @Override
        public Sku firstKey() {
            return entries.get(0).getKey();
        }

        @Override
        public Sku lastKey() {
            return entries.get(entries.size() - 1).getKey();
        }

        @Override
        public java.util.SortedMap<Sku, Product> subMap(Sku fromKey, Sku toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.SortedMap<Sku, Product> headMap(Sku toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.SortedMap<Sku, Product> tailMap(Sku fromKey) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * Calls {@code listener} with every committed batch, in order, while the write lock is held
     * (so listeners see batches in sequence order); it must be fast and must not call back into
     * the store's writers.
     */
    public void onChange(Consumer<List<Change>> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops calling a listener given to {@link #onChange}. */
    public void removeOnChange(Consumer<List<Change>> listener) {
        listeners.remove(listener);
    }

    /** Every product now, in SKU order (for building indexes). */
    public List<Product> all() {
        lock.readLock().lock();
        try {
            return List.copyOf(current.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The changes after {@code fromSeq} up to the current sequence, coalesced per SKU. */
    public Delta delta(long fromSeq) throws CatalogUnavailableException {
        lock.readLock().lock();
        try {
            if (fromSeq > seq || fromSeq < 0) {
                throw new CatalogUnavailableException("sequence " + fromSeq + " is not one this catalog has had (current " + seq + ")");
            }
            if (fromSeq < logStart) {
                throw new CatalogUnavailableException("changes before sequence " + logStart + " are no longer kept; resync from a snapshot");
            }
            Map<Sku, Product> latest = new TreeMap<>();
            Map<String, Offer> latestOffers = new TreeMap<>();
            for (int i = firstIndexAfter(fromSeq); i < log.size(); i++) {
                Change change = log.get(i);
                if (change.ofOffer()) {
                    latestOffers.put(change.offerId(), change.offer());
                } else {
                    latest.put(change.sku(), change.product());
                }
            }
            List<Product> upserts = new ArrayList<>();
            List<Sku> removals = new ArrayList<>();
            for (Map.Entry<Sku, Product> e : latest.entrySet()) {
                if (e.getValue() == null) {
                    removals.add(e.getKey());
                } else {
                    upserts.add(e.getValue());
                }
            }
            List<Offer> offerUpserts = new ArrayList<>();
            List<String> offerRemovals = new ArrayList<>();
            for (Map.Entry<String, Offer> e : latestOffers.entrySet()) {
                if (e.getValue() == null) {
                    offerRemovals.add(e.getKey());
                } else {
                    offerUpserts.add(e.getValue());
                }
            }
            return new Delta(fromSeq, seq, upserts, removals, offerUpserts, offerRemovals);
        } finally {
            lock.readLock().unlock();
        }
    }

    private int firstIndexAfter(long fromSeq) {
        int lo = 0;
        int hi = log.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (log.get(mid).seq() <= fromSeq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The snapshot at the current sequence. */
    public Snapshot snapshot() {
        lock.readLock().lock();
        try {
            return snapshotLocked(seq);
        } catch (CatalogUnavailableException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The snapshot at {@code atSeq}: the current one, or an earlier one rebuilt by undoing the
     * changes after it (possible while those changes are still in the log).
     */
    public Snapshot snapshot(long atSeq) throws CatalogUnavailableException {
        lock.readLock().lock();
        try {
            return snapshotLocked(atSeq);
        } finally {
            lock.readLock().unlock();
        }
    }

    private Snapshot snapshotLocked(long atSeq) throws CatalogUnavailableException {
        synchronized (snapshots) {
            Snapshot cached = snapshots.get(atSeq);
            if (cached != null) {
                return cached;
            }
        }
        if (atSeq > seq || atSeq < logStart) {
            throw new CatalogUnavailableException("no snapshot at sequence " + atSeq + " (current " + seq + ", oldest " + logStart + ")");
        }
        Product[] products;
        List<Offer> offersThen;
        if (atSeq == seq) {
            products = current.values().toArray(new Product[0]);
            offersThen = List.copyOf(offers.values());
        } else {
            TreeMap<Sku, Product> past = new TreeMap<>(current);
            TreeMap<String, Offer> pastOffers = new TreeMap<>(offers);
            for (int i = log.size() - 1; i >= 0 && log.get(i).seq() > atSeq; i--) {
                Change change = log.get(i);
                if (change.ofOffer()) {
                    if (change.previousOffer() == null) {
                        pastOffers.remove(change.offerId());
                    } else {
                        pastOffers.put(change.offerId(), change.previousOffer());
                    }
                } else if (change.previous() == null) {
                    past.remove(change.sku());
                } else {
                    past.put(change.sku(), change.previous());
                }
            }
            products = past.values().toArray(new Product[0]);
            offersThen = List.copyOf(pastOffers.values());
        }
        Snapshot snapshot = new Snapshot(atSeq, products, offersThen);
        synchronized (snapshots) {
            snapshots.put(atSeq, snapshot);
        }
        return snapshot;
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
