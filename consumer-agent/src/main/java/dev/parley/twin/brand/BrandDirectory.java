package dev.parley.twin.brand;

import com.fasterxml.jackson.core.type.TypeReference;
import com.nimbusds.jose.jwk.JWKSet;
import dev.parley.catalog.mirror.CatalogMirror;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.keys.KeyResolver;
import dev.parley.protocol.message.CatalogDelta;
import dev.parley.protocol.message.CatalogPage;
import dev.parley.protocol.message.Descriptor;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * What the twins of one process know about the brands they follow, held once for all of them:
 * each brand's verified descriptor and keys, and one catalog mirror kept current by delta (a
 * resync from pages on a gap). However many twins run, a brand's catalog is fetched and verified
 * at most once per sync interval, and concurrent runs share the sync in flight. Everything held
 * here is public (broadcast documents), so sharing it tells a brand less about the people behind
 * the process, not more; what is personal (keys, intents, offers, quotes) stays with each twin's
 * {@link BrandClient}.
 *
 * <p>One keep-alive connection pool per brand serves every twin. Mirrors persist in a
 * {@link TwinStore} when one is given (written only when a brand's sequence moves), so a restarted
 * process resumes by delta. Thread-safe; nothing blocks an event loop: verification and planning
 * run on a pool of as many threads as there are cores ({@link #compute}), shared by every
 * directory of the process; storage on Vert.x's worker threads.
 */
public final class BrandDirectory implements AutoCloseable {

    /**
     * How the directory talks to brands.
     *
     * @param timeout             the longest wait for one HTTP answer
     * @param syncInterval        how long a synced catalog is used before it is brought up to date
     *                            again (zero: on every use)
     * @param connectionsPerBrand keep-alive connections per brand, shared by every twin
     */
    public record Options(Duration timeout, Duration syncInterval, int connectionsPerBrand) {
        public Options {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(syncInterval, "syncInterval");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            if (syncInterval.isNegative()) {
                throw new IllegalArgumentException("syncInterval must not be negative: " + syncInterval);
            }
            if (connectionsPerBrand < 1) {
                throw new IllegalArgumentException("connectionsPerBrand must be at least 1: " + connectionsPerBrand);
            }
        }

        /** 3 s per answer, catalogs at most a minute old, 8 connections per brand. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(3), Duration.ofMinutes(1), 8);
        }
    }

    /** How long a verified descriptor and JWKS are reused before they are fetched again (a brand's JWKS cache time). */
    static final Duration DISCOVERY_TTL = Duration.ofMinutes(5);

    private static final TypeReference<List<Product>> PRODUCTS = new TypeReference<>() {};
    private static final TypeReference<List<Offer>> OFFERS = new TypeReference<>() {};

    private final Vertx vertx;
    private final WebClient http;
    private final Clock clock;
    private final Options options;
    private final TwinStore store;
    private final JwksKeyResolver keys;
    private final Verifier documents;
    private final Verifier loopbackDocuments;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final WorkerExecutor compute;

    private BrandDirectory(Vertx vertx, Clock clock, Options options, TwinStore store) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.store = store;
        this.compute = vertx.createSharedWorkerExecutor("parley-twin-compute", Runtime.getRuntime().availableProcessors());
        this.http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(options.connectionsPerBrand()));
        this.keys = JwksKeyResolver.fixed(clock);
        // catalog pages, deltas and descriptors are broadcasts: no audience, and never replay-checked (verifyPresented)
        this.documents = Verifier.builder().keys(keys).ignoreAudience().replayGuard(new InMemoryReplayGuard(1, clock)).clock(clock).build();
        this.loopbackDocuments = Verifier.builder().keys(keys).ignoreAudience().replayGuard(new InMemoryReplayGuard(1, clock)).clock(clock)
                .allowLoopbackHttpIssuers().build();
    }

    /**
     * A directory for the twins of one process.
     *
     * @param store where mirrors persist across restarts, or null to keep them in memory only
     */
    public static BrandDirectory create(Vertx vertx, Clock clock, Options options, TwinStore store) {
        return new BrandDirectory(vertx, clock, options, store);
    }

    /**
     * The brand's catalog, synced at most {@link Options#syncInterval()} ago: discovered (and
     * rediscovered after {@link #DISCOVERY_TTL}) and brought up to date by delta when it is
     * older. Fails with {@link BrandUnavailable} when the brand cannot be reached or sends
     * something that does not verify; a later call tries again.
     *
     * @param origin the brand's identity; {@code url} where it is reached (the same, except for
     *     nodes on loopback that sign as another origin)
     */
    public Future<BrandCatalog> catalog(String origin, URI url) {
        return entries.computeIfAbsent(origin + ' ' + url, key -> new Entry(origin, url)).current();
    }

    Options options() {
        return options;
    }

    WebClient http() {
        return http;
    }

    /**
     * Runs CPU-bound work of the twins (verifying what brands send, planning and scoring) on the
     * process's pool of one thread per core: more threads would only take turns on the cores,
     * and storage calls, which wait, stay off it so that they never hold it up.
     */
    public <T> Future<T> compute(Callable<T> work) {
        return compute.executeBlocking(work, false);
    }

    /** The keys of every brand discovered, for verifying what they send. */
    KeyResolver keys() {
        return keys;
    }

    /** One brand's state: written only by the one sync in flight, read through the published {@link BrandCatalog}. */
    private final class Entry {
        private final String origin;
        private final URI base;
        private CatalogMirror mirror;
        private Descriptor descriptor;
        private Instant discoveredAt;
        private long persistedSeq = -1;
        private BrandCatalog published;
        private Instant syncedAt;
        private Future<BrandCatalog> inflight;

        Entry(String origin, URI base) {
            this.origin = origin;
            this.base = base;
        }

        synchronized Future<BrandCatalog> current() {
            if (published != null && clock.instant().isBefore(syncedAt.plus(options.syncInterval()))) {
                return Future.succeededFuture(published);
            }
            if (inflight == null) {
                Future<BrandCatalog> sync = refresh();
                inflight = sync;
                sync.onComplete(ar -> finished(sync));
            }
            return inflight;
        }

        private synchronized void finished(Future<BrandCatalog> sync) {
            if (inflight == sync) {
                inflight = null;
            }
        }

        private synchronized void publish(BrandCatalog catalog) {
            published = catalog;
            syncedAt = clock.instant();
        }

        private Future<BrandCatalog> refresh() {
            Instant now = clock.instant();
            Future<Descriptor> discovered = descriptor != null && now.isBefore(discoveredAt.plus(DISCOVERY_TTL))
                    ? Future.succeededFuture(descriptor) : discover();
            return discovered
                    .compose(d -> mirror != null ? Future.succeededFuture(mirror) : vertx.executeBlocking(this::restore, false))
                    .compose(this::sync)
                    .compose(this::persist)
                    .map(m -> {
                        BrandCatalog catalog = BrandCatalog.of(origin, descriptor, m.seq(), m.products(), m.offers());
                        publish(catalog);
                        return catalog;
                    });
        }

        /** Fetches the JWKS and the signed descriptor, and checks the descriptor names this brand. */
        private Future<Descriptor> discover() {
            return get("/.well-known/jwks.json").compose(jwks -> vertx.executeBlocking(() -> {
                try {
                    keys.put(origin, JWKSet.parse(jwks.bodyAsString()));
                } catch (java.text.ParseException | RuntimeException e) {
                    throw new BrandUnavailable(BrandUnavailable.Reason.PROTOCOL_ERROR, origin + " serves no usable JWKS: " + e.getMessage(), e);
                }
                return null;
            }, false)).compose(v -> get("/.well-known/parley")).compose(response -> verifyDocument(response.bodyAsString(), MessageType.DESCRIPTOR))
                    .map(message -> {
                        Descriptor d = bind(message, Descriptor.class);
                        if (!origin.equals(d.origin())) {
                            throw new BrandUnavailable(BrandUnavailable.Reason.BAD_SIGNATURE, "descriptor of " + d.origin() + " served by " + origin, null);
                        }
                        descriptor = d;
                        discoveredAt = clock.instant();
                        return d;
                    });
        }

        private CatalogMirror restore() {
            if (store == null) {
                return new CatalogMirror();
            }
            return store.mirror(origin).map(m -> {
                Map<Sku, Product> bySku = new LinkedHashMap<>();
                read(m.products(), PRODUCTS).forEach(p -> bySku.put(p.sku(), p));
                persistedSeq = m.seq();
                return CatalogMirror.restore(m.seq(), bySku, m.offers() == null ? List.of() : read(m.offers(), OFFERS));
            }).orElseGet(CatalogMirror::new);
        }

        /** Brings the mirror up to date: a delta from its sequence when it has one, else (or on a gap) every page of the current snapshot. */
        private Future<CatalogMirror> sync(CatalogMirror current) {
            mirror = current;
            if (!current.synced()) {
                return pages(current, 0);
            }
            return http.getAbs(base + "/parley/catalog?since=" + current.seq()).timeout(options.timeout().toMillis()).send()
                    .recover(failure -> unreachable(origin, options.timeout(), failure))
                    .compose(response -> {
                        if (response.statusCode() == 404) {
                            return pages(current, 0);
                        }
                        return verifyDocument(checkOk(origin, response), MessageType.CATALOG_DELTA).compose(message -> {
                            CatalogMirror.Outcome outcome = current.applyDelta(bind(message, CatalogDelta.class));
                            return outcome == CatalogMirror.Outcome.GAP ? pages(current, 0) : Future.succeededFuture(current);
                        });
                    });
        }

        private Future<CatalogMirror> pages(CatalogMirror target, int page) {
            return get("/parley/catalog?page=" + page).compose(response -> verifyDocument(response.bodyAsString(), MessageType.CATALOG_PAGE))
                    .compose(message -> pageOf(target, bind(message, CatalogPage.class)));
        }

        private Future<CatalogMirror> pageOf(CatalogMirror target, CatalogPage body) {
            CatalogMirror.Outcome outcome = target.applyPage(body);
            if (outcome == CatalogMirror.Outcome.RESTART) {
                return pages(target, 0);
            }
            if (body.last()) {
                return Future.succeededFuture(target);
            }
            return get("/parley/catalog?seq=" + body.seq() + "&page=" + (body.page() + 1))
                    .compose(response -> verifyDocument(response.bodyAsString(), MessageType.CATALOG_PAGE))
                    .compose(message -> pageOf(target, bind(message, CatalogPage.class)));
        }

        /** Writes the mirror when its sequence moved since it was last written. */
        private Future<CatalogMirror> persist(CatalogMirror m) {
            if (store == null || m.seq() == persistedSeq) {
                return Future.succeededFuture(m);
            }
            long seq = m.seq();
            List<Product> products = m.products();
            List<Offer> offers = m.offers();
            return vertx.executeBlocking(() -> {
                store.saveMirror(origin, seq, ParleyJson.writeString(products), ParleyJson.writeString(offers));
                persistedSeq = seq;
                return m;
            }, false);
        }

        private Future<VerifiedMessage> verifyDocument(String compact, MessageType expected) {
            return compute(() -> {
                VerifiedMessage message;
                try {
                    message = (origin.startsWith("http://") ? loopbackDocuments : documents).verifyPresented(compact, null);
                } catch (ProtocolException e) {
                    throw new BrandUnavailable(BrandUnavailable.Reason.BAD_SIGNATURE, origin + " sent a " + expected.wire() + " that does not verify: "
                            + e.code().wire() + ": " + e.detail(), e);
                }
                if (message.type() != expected || !origin.equals(message.issuer())) {
                    throw new BrandUnavailable(BrandUnavailable.Reason.BAD_SIGNATURE, origin + " sent a " + message.type().wire() + " of "
                            + message.issuer() + " where its " + expected.wire() + " was expected", null);
                }
                return message;
            });
        }

        private Future<HttpResponse<Buffer>> get(String path) {
            return http.getAbs(base + path).timeout(options.timeout().toMillis()).send()
                    .recover(failure -> BrandDirectory.<HttpResponse<Buffer>>unreachable(origin, options.timeout(), failure))
                    .map(response -> {
                        checkOk(origin, response);
                        return response;
                    });
        }
    }

    private static <T> T bind(VerifiedMessage message, Class<T> type) {
        try {
            return message.body(type);
        } catch (ProtocolException e) {
            throw new BrandUnavailable(BrandUnavailable.Reason.PROTOCOL_ERROR, "unreadable " + message.type().wire() + ": " + e.detail(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return ParleyJson.configReader(Object.class).forType(type).readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("the stored catalog mirror is unreadable: " + e.getMessage(), e);
        }
    }

    static String checkOk(String origin, HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            throw new BrandUnavailable(BrandUnavailable.Reason.REFUSED, origin + " answered HTTP " + response.statusCode(), null);
        }
        return response.bodyAsString();
    }

    /** A transport failure as the reason to skip the brand: it timed out, or could not be reached. */
    static <T> Future<T> unreachable(String origin, Duration timeout, Throwable failure) {
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return Future.failedFuture(new BrandUnavailable(BrandUnavailable.Reason.TIMEOUT,
                    origin + " did not answer within " + timeout.toMillis() + " ms", failure));
        }
        return Future.failedFuture(new BrandUnavailable(BrandUnavailable.Reason.UNREACHABLE, origin + " is unreachable: " + failure.getMessage(), failure));
    }

    /** Closes the shared connections (and this directory's hold on the compute pool). */
    @Override
    public void close() {
        http.close();
        compute.close();
    }
}
