package dev.parley.brand.node;

import dev.parley.brand.keys.BrandKeys;
import dev.parley.catalog.store.CatalogStore;
import dev.parley.catalog.store.CatalogUnavailableException;
import dev.parley.catalog.store.Delta;
import dev.parley.catalog.store.Snapshot;
import dev.parley.protocol.Protocol;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.sign.SignedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves a brand's catalog as signed documents (spec §8.3, §8.4): pages of a snapshot fixed at a
 * sequence, deltas since a sequence. Each page and delta is signed once and the same JWS is served
 * to every client until it nears expiry. Snapshots stay available for {@link #RETENTION} after a
 * newer sequence exists, so paging that started on them finishes on them.
 *
 * <p>Blocking (snapshots of large catalogs, signing): call from worker threads. Thread-safe.
 */
final class CatalogPublisher {

    static final Duration RETENTION = Duration.ofMinutes(10);
    private static final Duration LIFETIME = Duration.ofDays(1);
    private static final int MAX_CACHED = 20_000;

    /** A signed catalog document with its entity tag. */
    record Signed(String compact, String etag, long seq) {}

    private record Kept(Snapshot snapshot, Instant supersededAt) {}

    private final CatalogStore store;
    private final BrandKeys keys;
    private final Clock clock;
    private final int pageSize;
    private final Map<Long, Kept> snapshots = new LinkedHashMap<>();
    private final Map<String, SignedMessage> signed = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SignedMessage> eldest) {
            return size() > MAX_CACHED;
        }
    };

    /** Fault injection for conformance tests ({@code Fault.UNSTABLE_PAGING}): page order flips from request to request. */
    private final boolean unstable;
    private final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();

    CatalogPublisher(CatalogStore store, BrandKeys keys, Clock clock, int pageSize, boolean unstable) {
        this.unstable = unstable;
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    int pageSize() {
        return pageSize;
    }

    /** Page {@code page} of the snapshot at {@code seq} (null: the current one). */
    Signed page(Long seq, int page) throws ProtocolException {
        Snapshot snapshot = snapshot(seq);
        if (page < 0 || page >= snapshot.pages(pageSize)) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "snapshot " + snapshot.seq() + " has pages 0 to " + (snapshot.pages(pageSize) - 1));
        }
        if (unstable && served.incrementAndGet() % 2 == 0) {
            dev.parley.protocol.message.CatalogPage body = snapshot.toBody(page, pageSize);
            List<dev.parley.protocol.message.Product> reversed = new java.util.ArrayList<>(body.products());
            java.util.Collections.reverse(reversed);
            dev.parley.protocol.message.CatalogPage flipped = new dev.parley.protocol.message.CatalogPage(body.seq(), body.page(), body.pages(),
                    body.total(), reversed, body.offers());
            SignedMessage message = keys.signer().message(MessageType.CATALOG_PAGE, flipped).ttl(LIFETIME).sign();
            return new Signed(message.compact(), snapshot.etag(page, pageSize), snapshot.seq());
        }
        String key = "page " + snapshot.seq() + ' ' + page;
        SignedMessage message = cached(key, () -> keys.signer().message(MessageType.CATALOG_PAGE, snapshot.toBody(page, pageSize)).ttl(LIFETIME).sign());
        return new Signed(message.compact(), snapshot.etag(page, pageSize), snapshot.seq());
    }

    /** The changes since {@code since} up to now, as one signed delta. */
    Signed delta(long since) throws ProtocolException {
        Delta delta;
        try {
            delta = store.delta(since);
        } catch (CatalogUnavailableException e) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, e.getMessage() + "; page the current snapshot instead");
        }
        String key = "delta " + delta.fromSeq() + ' ' + delta.toSeq();
        SignedMessage message = cached(key, () -> keys.signer().message(MessageType.CATALOG_DELTA, delta.toBody()).ttl(LIFETIME).sign());
        if (message.compact().length() > Protocol.MAX_MESSAGE_BYTES) {
            synchronized (this) {
                signed.remove(key);
            }
            throw new ProtocolException(ErrorCode.NOT_FOUND, "the changes since " + since + " are too many for one delta; page the current snapshot instead");
        }
        return new Signed(message.compact(), "\"delta-" + delta.fromSeq() + "-" + delta.toSeq() + "\"", delta.toSeq());
    }

    long seq() {
        return store.seq();
    }

    private SignedMessage cached(String key, java.util.function.Supplier<SignedMessage> sign) {
        long now = clock.instant().getEpochSecond();
        synchronized (this) {
            SignedMessage hit = signed.get(key);
            if (hit != null && hit.exp() - now > LIFETIME.toSeconds() / 2) {
                return hit;
            }
        }
        SignedMessage fresh = sign.get();
        synchronized (this) {
            signed.put(key, fresh);
        }
        return fresh;
    }

    private Snapshot snapshot(Long seq) throws ProtocolException {
        Instant now = clock.instant();
        long current = store.seq();
        synchronized (this) {
            for (Iterator<Map.Entry<Long, Kept>> it = snapshots.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Long, Kept> e = it.next();
                Kept kept = e.getValue();
                if (e.getKey() != current && kept.supersededAt() == null) {
                    e.setValue(new Kept(kept.snapshot(), now));
                } else if (kept.supersededAt() != null && Duration.between(kept.supersededAt(), now).compareTo(RETENTION) > 0) {
                    it.remove();
                }
            }
            long wanted = seq == null ? current : seq;
            Kept kept = snapshots.get(wanted);
            if (kept != null) {
                return kept.snapshot();
            }
        }
        Snapshot snapshot;
        try {
            snapshot = seq == null ? store.snapshot() : store.snapshot(seq);
        } catch (CatalogUnavailableException e) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "snapshot " + seq + " is no longer served; restart paging at the current sequence " + current);
        }
        synchronized (this) {
            snapshots.putIfAbsent(snapshot.seq(), new Kept(snapshot, snapshot.seq() == store.seq() ? null : now));
        }
        return snapshot;
    }
}
