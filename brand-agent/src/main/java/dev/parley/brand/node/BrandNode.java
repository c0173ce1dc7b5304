package dev.parley.brand.node;

import com.nimbusds.jose.jwk.JWKSet;
import dev.parley.brand.keys.BrandKeys;
import dev.parley.brand.keys.KeyRing;
import dev.parley.brand.offers.CoMarketer;
import dev.parley.brand.orders.Inventory;
import dev.parley.brand.orders.Ledger;
import dev.parley.brand.orders.OrderBook;
import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.PolicyFile;
import dev.parley.brand.service.BrandMetrics;
import dev.parley.brand.service.BrandService;
import dev.parley.brand.service.Fault;
import dev.parley.brand.service.RateLimiter;
import dev.parley.brand.service.Reply;
import dev.parley.brand.shared.HazelcastSharedState;
import dev.parley.brand.shared.LocalSharedState;
import dev.parley.brand.shared.SharedReplayGuard;
import dev.parley.brand.shared.SharedState;
import dev.parley.catalog.feed.ImportResult;
import dev.parley.catalog.index.CatalogIndex;
import dev.parley.catalog.store.CatalogStore;
import dev.parley.protocol.Protocol;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.keys.DidKeyResolver;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.keys.KeyResolver;
import dev.parley.protocol.keys.Keys;
import dev.parley.protocol.message.Descriptor;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.sign.MessageIds;
import dev.parley.protocol.sign.SignedMessage;
import dev.parley.protocol.verify.Verifier;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running brand agent: the Co-Marketer behind the HTTP binding of spec §8, on Vert.x, with
 * one listener per core. Work that may wait or take long — orders (SQLite), negotiation threads
 * (locks held across their signing), catalog pages and the descriptor, a cluster's shared state
 * — runs on worker threads. Work that only computes briefly runs on the event loop that received
 * the request: on a single node, a posted message's verification (its replay record is written
 * behind) and the whole answer to a feedback or to an intent whose search is small (offers from
 * the in-memory catalog and index, one signature; see {@link CoMarketer#answersAtOnce}). That is
 * CPU time, a few hundred microseconds, not waiting; handing it to a worker and back cost more
 * CPU than the work itself when requests come one by one (see BENCHMARKS.md). Started with {@link #start}; closed with {@link #close}.
 */
public final class BrandNode {
    /** A Content-Length header's value that a long holds (String.matches would compile the pattern for each request). */
    private static final java.util.regex.Pattern CONTENT_LENGTH = java.util.regex.Pattern.compile("[0-9]{1,18}");


    private static final Logger LOG = LoggerFactory.getLogger(BrandNode.class);

    static final String MESSAGES = "/parley/messages";
    static final String CATALOG = "/parley/catalog";
    static final String CATALOG_STREAM = "/parley/catalog/stream";
    static final String JWKS = "/.well-known/jwks.json";
    static final String DESCRIPTOR = "/.well-known/parley";
    /** Known state for conformance kits, served only in test mode (spec §8.6). */
    static final String TEST_FIXTURE = "/.well-known/parley-test";
    private static final String JOSE = "application/jose";
    /** How long clients may cache the JWKS; rotation waits at least this long (spec §2.1). */
    static final Duration JWKS_MAX_AGE = Duration.ofMinutes(5);

    /**
     * What a node needs besides its configuration; tests inject time and randomness here.
     * {@code faults} are deliberate protocol faults for proving a conformance kit (see {@link Fault});
     * empty for every real node, and unreachable from a configuration file.
     */
    public record Options(Clock clock, RandomGenerator random, Vertx vertx, Set<Fault> faults) {
        public Options {
            faults = Set.copyOf(faults);
        }

        public Options(Clock clock, RandomGenerator random, Vertx vertx) {
            this(clock, random, vertx, Set.of());
        }

        public static Options defaults() {
            return new Options(Clock.systemUTC(), new java.security.SecureRandom(), null);
        }

        /** These options with {@code injected} faults, for conformance tests only. */
        public Options withFaults(Set<Fault> injected) {
            return new Options(clock, random, vertx, injected);
        }
    }

    private final BrandConfig config;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Clock clock;
    private final CatalogStore catalog;
    private final CatalogIndex index;
    private final OrderBook orders;
    private final SharedState shared;
    private final BrandKeys keys;
    private final JwksKeyResolver ownKeys;
    private final PrometheusMeterRegistry registry;
    private final BrandService service;
    private final CatalogPublisher publisher;
    private final BrandPolicy policy;
    private final String origin;
    private final Set<HttpServerResponse> streams = new CopyOnWriteArraySet<>();
    /**
     * The node's own threads for the posted messages handed to workers (all of them in a cluster;
     * on a single node those not answered on the event loop) when {@code limits.workers} is set;
     * null: Vert.x's worker pool.
     */
    private final io.vertx.core.WorkerExecutor handlers;
    /** The HTTP servers, one per listener, all on one port; and the deployment that runs them. */
    private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String listeners;
    private volatile SignedMessage descriptor;
    private volatile String descriptorKid;
    private long keyTimer = -1;

    private BrandNode(BrandConfig config, Vertx vertx, boolean ownsVertx, Options options, String origin, BrandPolicy policy,
                      CatalogStore catalog, CatalogIndex imported, SharedState shared) {
        this.config = config;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.clock = options.clock();
        this.origin = origin;
        this.policy = policy;
        this.catalog = catalog;
        this.shared = shared;
        this.index = imported != null ? imported : CatalogIndex.following(catalog);
        // A new index is refreshed by its first search (seconds for a large catalog): done here,
        // before the node listens, so that no intent waits for it on an event loop.
        index.search(dev.parley.catalog.index.CatalogQuery.builder().page(0, 1).build());
        this.orders = OrderBook.open(config.dataDir().resolve("orders.db"));
        Keys.Algorithm algorithm = Keys.Algorithm.parse(config.keys().algorithm());
        KeyRing ring = KeyRing.loadOrCreate(config.keys().file(), algorithm, clock.instant());
        RandomGenerator idRandom = idRandom(options.random());
        this.keys = new BrandKeys(origin, ring, config.keys().file(), clock, idRandom);
        this.ownKeys = JwksKeyResolver.fixed(clock);
        refreshOwnKeys();
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MessageIds ids = new MessageIds(clock, idRandom);
        Inventory inventory = new Inventory(shared, sku -> {
            java.util.Optional<Product> product = catalog.get(sku);
            // an unknown product has none; a product without a stock figure is never short
            return product.isEmpty() ? Long.valueOf(0) : product.get().stock();
        });
        CoMarketer co = new CoMarketer(policy, catalog, index, inventory, new Ledger(shared), ids::next);
        SharedReplayGuard replayGuard = new SharedReplayGuard(shared, clock, config.limits().replayCapacity(), orders::rememberMessageLater);
        replayGuard.restore(orders.rememberedMessages(clock.instant()));
        Verifier.Builder verifier = Verifier.builder()
                .keys(KeyResolver.firstOf(new DidKeyResolver(), ownKeys))
                .expectAudience(origin)
                .replayGuard(options.faults().contains(Fault.ACCEPT_REPLAY) ? (issuer, id, until) -> { } : replayGuard)
                .clock(clock)
                .maxBytes(config.limits().maxBodyBytes());
        if (origin.startsWith("http://")) {
            verifier.allowLoopbackHttpIssuers();
        }
        RateLimiter limiter = new RateLimiter(clock, config.limits().requestsPerSecond(), config.limits().burst());
        this.service = new BrandService(keys, verifier.build(), co, shared, orders, clock, ids, new BrandMetrics(registry), limiter,
                remote -> applyRemotely(vertx, remote), new BrandService.Testing(config.testMode(), options.faults()));
        this.handlers = config.limits().workers() == null ? null
                : vertx.createSharedWorkerExecutor(messageWorkers(config.port()), config.limits().workers());
        this.publisher = new CatalogPublisher(catalog, keys, clock, config.catalog().pageSize(), options.faults().contains(Fault.UNSTABLE_PAGING));
    }

    /**
     * The generator of this node's message, offer, quote and order ids: a fast one seeded once
     * from the injected generator. Every request takes several ids, each under the generator's
     * lock ({@link MessageIds}); drawn straight from a {@link java.security.SecureRandom}, whose
     * every draw reads the system's entropy source under its own lock, concurrent requests queued
     * on that lock. Ids must be unique, not secret: each one travels inside a signed message and
     * none grants anything by being known (offers, quotes and orders are checked against the
     * signed document and the twin that holds it).
     */
    static RandomGenerator idRandom(RandomGenerator injected) {
        return new java.util.SplittableRandom(injected.nextLong());
    }

    /**
     * Asks the node that keeps an order to apply a status change, waiting for its answer. Runs on
     * a worker thread (cancellations are handled on workers), never on an event loop.
     */
    private static boolean applyRemotely(Vertx vertx, BrandService.RemoteStatus remote) {
        JsonObject change = new JsonObject().put("order_id", remote.orderId()).put("status", remote.status().wire()).put("at", remote.at().toString());
        try {
            vertx.eventBus().request(storeAddress(remote.storeId()), change).toCompletionStage().toCompletableFuture()
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("event=remote_status_failed order={} store={} detail=\"{}\"", remote.orderId(), remote.storeId(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The name of the pool of {@code limits.workers} threads of the node listening on {@code port}. */
    static String messageWorkers(int port) {
        return "parley-messages-" + port;
    }

    private static String storeAddress(String storeId) {
        return "parley.orders." + storeId;
    }

    /**
     * Starts a node: loads the policy, opens the stores (importing the catalog on first start),
     * joins the cluster if configured, and listens. Fails with a clear message for a wrong
     * configuration.
     */
    public static Future<BrandNode> start(BrandConfig config, Options options) {
        BrandPolicy policy;
        try {
            policy = PolicyFile.load(config.policy());
        } catch (PolicyFile.InvalidPolicyException e) {
            return Future.failedFuture(new IllegalArgumentException(e.getMessage(), e));
        }
        Future<Vertx> vertxFuture;
        boolean owns = options.vertx() == null;
        HazelcastClusterManager manager = null;
        if (config.cluster()) {
            manager = LoopbackCluster.manager("parley-" + config.name().replaceAll("[^A-Za-z0-9]", "-").toLowerCase(java.util.Locale.ROOT));
            VertxOptions vertxOptions = new VertxOptions()
                    .setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1"));
            vertxFuture = Vertx.builder().with(vertxOptions).withClusterManager(manager).buildClustered();
            owns = true;
        } else {
            vertxFuture = Future.succeededFuture(owns ? Vertx.vertx() : options.vertx());
        }
        boolean ownsVertx = owns;
        HazelcastClusterManager clusterManager = manager;
        return vertxFuture.compose(vertx -> vertx.executeBlocking(() -> {
            CatalogStore store = CatalogStore.sqlite(config.catalog().store());
            CatalogIndex imported = null;
            try {
                if (store.size() == 0) {
                    imported = importCatalog(config, store);
                }
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            try {
                SharedState shared = clusterManager != null
                        ? new HazelcastSharedState(clusterManager.getHazelcastInstance())
                        : new LocalSharedState(options.clock());
                BrandConfig bound = config.port() == 0 ? config.withPort(freePort(config.host())) : config;
                return new BrandNode(bound, vertx, ownsVertx, options, bound.originFor(bound.port()), policy, store, imported, shared);
            } catch (Exception e) {
                if (imported != null) {
                    imported.close();
                }
                store.close();
                throw e;
            }
        }).compose(node -> node.listen()).recover(failure -> {
            Future<Void> closing = ownsVertx ? vertx.close() : Future.succeededFuture();
            return closing.transform(ignored -> Future.failedFuture(failure));
        }));
    }

    /** A free port for a node configured with port 0, so that its origin names the port it listens on. */
    private static int freePort(String host) throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    /**
     * Imports the configured catalog into an empty store; returns the search index built with it
     * (store and index together: {@link CatalogIndex#importing}), or null when the store, emptied
     * by removals, is indexed the usual way.
     */
    private static CatalogIndex importCatalog(BrandConfig config, CatalogStore store) {
        BrandConfig.Catalog source = config.catalog();
        var progress = dev.parley.catalog.feed.ImportProgress.NONE;
        ImportResult result = switch (source.format()) {
            case "csv" -> new dev.parley.catalog.feed.CsvImporter(source.currency() == null
                    ? dev.parley.catalog.feed.CsvImporter.Mapping.defaults()
                    : dev.parley.catalog.feed.CsvImporter.Mapping.defaults().withFixedCurrency(source.currency()), progress).importFrom(source.path());
            case "jsonl" -> new dev.parley.catalog.feed.JsonLinesImporter(progress).importFrom(source.path());
            case "acp" -> new dev.parley.catalog.feed.AcpFeedImporter(progress).importFrom(source.path());
            case "schema-org" -> new dev.parley.catalog.feed.SchemaOrgImporter(progress).importFrom(source.path());
            case "uci-online-retail" -> new dev.parley.catalog.feed.UciOnlineRetailImporter(progress).importFrom(source.path());
            case "open-food-facts" -> new dev.parley.catalog.feed.OpenFoodFactsImporter(progress,
                    dev.parley.catalog.feed.OpenFoodFactsImporter.referencePricing()).importFrom(source.path());
            default -> throw new IllegalArgumentException("unknown catalog format " + source.format());
        };
        List<Product> products = result.products();
        if (!source.categories().isEmpty()) {
            products = products.stream().filter(p -> !p.category().isEmpty() && source.categories().contains(p.category().get(0))).toList();
        }
        if (products.isEmpty()) {
            throw new IllegalArgumentException("the catalog source " + source.path() + " yielded no products: " + result.report().summary());
        }
        CatalogIndex index = null;
        if (store.seq() == 0) {
            index = CatalogIndex.importing(store, products);
        } else {
            store.upsertAll(products);
        }
        LOG.info("event=catalog_imported source={} products={} summary=\"{}\"", source.path(), products.size(), result.report().summary());
        return index;
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.get(DESCRIPTOR).handler(this::descriptor);
        router.get(JWKS).handler(this::jwks);
        router.route(MESSAGES).handler(this::message);
        router.get(CATALOG_STREAM).handler(this::stream);
        router.get(CATALOG).handler(this::catalog);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
        if (config.testMode()) {
            router.get(TEST_FIXTURE).handler(this::testFixture);
        }
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok"));
        router.route().last().handler(ctx -> refuse(ctx, ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        return router;
    }

    /**
     * One HTTP server per core, each on an event loop of its own, sharing the port (Vert.x hands
     * connections to them in turn): messages are verified and signed on the event loop that
     * received them, so the cores share that work only if the connections are spread.
     */
    private final class Listener extends io.vertx.core.VerticleBase {
        @Override
        public Future<?> start() {
            HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                    .setMaxInitialLineLength(8192).setMaxHeaderSize(16384).setIdleTimeout(120);
            return vertx.createHttpServer(options).requestHandler(router()).listen().onSuccess(servers::add);
        }
    }

    /**
     * The largest posted message verified on the event loop that read it: parsing, validating and
     * hashing grow with the size, and the messages of a conversation are a few kilobytes; larger
     * ones (up to {@code limits.max_body_bytes}) are verified on a worker.
     */
    static final int AT_ONCE_BYTES = 16 * 1024;

    /** One listener per core: a message's work is CPU time, so more listeners would only take turns. */
    private static int listeners() {
        return Runtime.getRuntime().availableProcessors();
    }

    private Future<BrandNode> listen() {
        lastPushed = catalog.seq();
        catalog.onChange(changes -> vertx.runOnContext(v -> pushDelta()));
        vertx.eventBus().<JsonObject>consumer(storeAddress(orders.storeId()), msg -> vertx.executeBlocking(() -> {
            service.applyRemoteCancel(msg.body().getString("order_id"), Instant.parse(msg.body().getString("at")));
            return null;
        }, false).onComplete(ar -> {
            if (ar.succeeded()) {
                msg.reply("applied");
            } else {
                msg.fail(500, ar.cause().getMessage());
            }
        }));
        return vertx.executeBlocking(() -> {
            service.loadOrders();
            return null;
        }).compose(v -> vertx.deployVerticle(Listener::new, new io.vertx.core.DeploymentOptions().setInstances(listeners()))).map(deployment -> {
            this.listeners = deployment;
            HttpServer s = servers.get(0);
            keyTimer = vertx.setPeriodic(30_000, id -> vertx.executeBlocking(() -> {
                keys.reload();
                refreshOwnKeys();
                return null;
            }, false));
            LOG.info("event=started name=\"{}\" origin={} port={} products={} cluster={}", config.name(), origin, s.actualPort(), catalog.size(), config.cluster());
            return this;
        });
    }

    // ---- HTTP handlers -----------------------------------------------------------------------------

    private void descriptor(RoutingContext ctx) {
        vertx.executeBlocking(this::signedDescriptor, false).onComplete(ar -> {
            if (ar.failed()) {
                refuse(ctx, ErrorCode.INTERNAL_ERROR, "cannot sign the descriptor");
                return;
            }
            ctx.response().putHeader("Content-Type", JOSE).putHeader("Cache-Control", "max-age=300").end(ar.result());
        });
    }

    private String signedDescriptor() {
        SignedMessage current = descriptor;
        String kid = keys.signer().kid();
        long now = clock.instant().getEpochSecond();
        if (current != null && kid.equals(descriptorKid) && current.exp() - now > Duration.ofHours(12).toSeconds()) {
            return current.compact();
        }
        List<String> capabilities = new ArrayList<>();
        if (policy.negotiation().enabled()) {
            capabilities.add(Descriptor.CAP_NEGOTIATION);
        }
        capabilities.add(Descriptor.CAP_ORDERS);
        capabilities.add(Descriptor.CAP_CATALOG_STREAM);
        if (policy.tiers().size() > 1) {
            capabilities.add(Descriptor.CAP_CREDENTIALS);
        }
        if (config.testMode()) {
            capabilities.add(Descriptor.CAP_TEST_MODE);
        }
        Descriptor body = new Descriptor(config.name(), origin, List.of(Protocol.VERSION),
                new Descriptor.Endpoints(URI.create(origin + MESSAGES), URI.create(origin + CATALOG), URI.create(origin + CATALOG_STREAM),
                        URI.create(origin + JWKS)),
                capabilities, List.of(policy.currency()),
                new Descriptor.PolicySummary(policy.tiers().stream().map(BrandPolicy.Tier::name).toList(), policy.negotiation().maxRounds(),
                        policy.negotiation().seconds(), policy.lifetimes().quoteSeconds(), policy.tiers().size() > 1),
                config.contact());
        SignedMessage signed = keys.signer().message(MessageType.DESCRIPTOR, body).ttl(Duration.ofDays(1)).sign();
        descriptor = signed;
        descriptorKid = kid;
        return signed.compact();
    }

    /** Test mode only (spec §8.6): a product a kit may negotiate and order, its available units and its floor. */
    private void testFixture(RoutingContext ctx) {
        vertx.executeBlocking(() -> service.testFixture().map(dev.parley.protocol.json.ParleyJson::writeString), false).onComplete(ar -> {
            if (ar.failed() || ar.result().isEmpty()) {
                refuse(ctx, ErrorCode.NOT_FOUND, "no product with a known stock to offer as a test fixture");
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(ar.result().get());
        });
    }

    private void jwks(RoutingContext ctx) {
        JWKSet set = keys.jwks();
        ctx.response().putHeader("Content-Type", "application/jwk-set+json")
                .putHeader("Cache-Control", "max-age=" + JWKS_MAX_AGE.toSeconds())
                .end(set.toString(true));
    }

    private void message(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.method() != HttpMethod.POST) {
            ctx.response().putHeader("Allow", "POST");
            refuse(ctx, ErrorCode.METHOD_NOT_ALLOWED, "post signed messages here");
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.split(";")[0].trim().equalsIgnoreCase(JOSE)) {
            refuse(ctx, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be a JWS compact serialization sent as " + JOSE);
            return;
        }
        int limit = config.limits().maxBodyBytes();
        String length = request.getHeader("Content-Length");
        if (length != null && CONTENT_LENGTH.matcher(length).matches() && Long.parseLong(length) > limit) {
            refuseAndClose(ctx, "the body has " + length + " bytes; the limit is " + limit);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                over[0] = true;
                refuseAndClose(ctx, "the body exceeds " + limit + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (over[0]) {
                return;
            }
            String compact = body.toString(java.nio.charset.StandardCharsets.ISO_8859_1).trim();
            String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
            if (!service.admitsWithoutWaiting() || compact.length() > AT_ONCE_BYTES) {
                onWorker(() -> service.handle(compact, client)).onComplete(ar -> sendHandled(ctx, ar));
                return;
            }
            // Admitted and, for feedback and small intents, answered on this event loop:
            // verification, offers and signing compute in memory and never wait (the replay record
            // is written behind), and a hand-off to a worker and back costs more than the work saves.
            try {
                BrandService.Admission admission = service.admit(compact, client);
                if (admission.refusal() != null) {
                    send(ctx, admission.refusal());
                } else if (admission.answeredWithoutWaiting()) {
                    send(ctx, service.answer(admission));
                } else {
                    onWorker(() -> service.answer(admission)).onComplete(ar -> sendHandled(ctx, ar));
                }
            } catch (RuntimeException e) {
                // the service answers its own failures; this is for one it could not even sign
                LOG.error("event=internal_error detail=\"{}\"", e.toString(), e);
                refuse(ctx, ErrorCode.INTERNAL_ERROR, "the brand agent failed to handle this message");
            }
        });
    }

    private Future<Reply> onWorker(java.util.concurrent.Callable<Reply> work) {
        return handlers == null ? vertx.executeBlocking(work, false) : handlers.executeBlocking(work, false);
    }

    private void sendHandled(RoutingContext ctx, io.vertx.core.AsyncResult<Reply> handled) {
        if (handled.failed()) {
            refuse(ctx, ErrorCode.INTERNAL_ERROR, "the brand agent failed to handle this message");
        } else {
            send(ctx, handled.result());
        }
    }

    private void refuseAndClose(RoutingContext ctx, String detail) {
        vertx.executeBlocking(() -> service.refuse(ErrorCode.TOO_LARGE, detail, null), false).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().putHeader("Connection", "close");
                send(ctx, ar.result());
            } else {
                ctx.response().setStatusCode(413).putHeader("Connection", "close").end();
            }
        });
    }

    private void catalog(RoutingContext ctx) {
        String since = ctx.request().getParam("since");
        String seq = ctx.request().getParam("seq");
        String page = ctx.request().getParam("page");
        try {
            Long sinceValue = since == null ? null : number("since", since);
            Long seqValue = seq == null ? null : number("seq", seq);
            long pageValue = page == null ? 0 : number("page", page);
            if (sinceValue != null && (seq != null || page != null)) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST, "since cannot be combined with seq or page");
            }
            if (pageValue > Integer.MAX_VALUE) {
                throw new ProtocolException(ErrorCode.NOT_FOUND, "no page " + page);
            }
            vertx.executeBlocking(() -> sinceValue != null ? publisher.delta(sinceValue) : publisher.page(seqValue, (int) pageValue), false)
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            if (ar.cause() instanceof ProtocolException e) {
                                refuse(ctx, e.code(), e.detail());
                            } else {
                                LOG.error("event=catalog_failed detail=\"{}\"", ar.cause().toString(), ar.cause());
                                refuse(ctx, ErrorCode.INTERNAL_ERROR, "cannot serve the catalog right now");
                            }
                            return;
                        }
                        CatalogPublisher.Signed signed = ar.result();
                        String match = ctx.request().getHeader("If-None-Match");
                        HttpServerResponse response = ctx.response().putHeader("ETag", signed.etag())
                                .putHeader("Cache-Control", "no-cache").putHeader("Parley-Seq", Long.toString(signed.seq()));
                        if (match != null && (match.equals(signed.etag()) || match.equals("*"))) {
                            response.setStatusCode(304).end();
                        } else {
                            response.putHeader("Content-Type", JOSE).end(signed.compact());
                        }
                    });
        } catch (ProtocolException e) {
            refuse(ctx, e.code(), e.detail());
        }
    }

    private static long number(String name, String value) throws ProtocolException {
        if (!value.matches("[0-9]{1,18}")) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, name + " must be a non-negative integer, not \"" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "\"");
        }
        return Long.parseLong(value);
    }

    /** Server-Sent Events: one signed catalog.delta per event, from {@code since} (default: now) on. */
    private void stream(RoutingContext ctx) {
        String since = ctx.request().getParam("since");
        long from;
        try {
            from = since == null ? publisher.seq() : number("since", since);
        } catch (ProtocolException e) {
            refuse(ctx, e.code(), e.detail());
            return;
        }
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        response.write(": parley catalog stream from seq " + from + "\n\n");
        streams.add(response);
        response.closeHandler(v -> streams.remove(response));
        if (from < publisher.seq()) {
            vertx.executeBlocking(() -> publisher.delta(from), false).onComplete(ar -> {
                if (ar.succeeded()) {
                    response.write(event("catalog.delta", ar.result()));
                } else {
                    response.write("event: resync\ndata: " + from + "\n\n");
                }
            });
        }
    }

    private long lastPushed = -1;

    private synchronized void pushDelta() {
        long current = publisher.seq();
        long from = lastPushed;
        if (from >= current || streams.isEmpty()) {
            lastPushed = current;
            return;
        }
        lastPushed = current;
        vertx.executeBlocking(() -> publisher.delta(from), false).onComplete(ar -> {
            String event = ar.succeeded() ? event("catalog.delta", ar.result()) : "event: resync\ndata: " + from + "\n\n";
            for (HttpServerResponse response : streams) {
                response.write(event);
            }
        });
    }

    private static String event(String name, CatalogPublisher.Signed signed) {
        return "event: " + name + "\nid: " + signed.seq() + "\ndata: " + signed.compact() + "\n\n";
    }

    private void refuse(RoutingContext ctx, ErrorCode code, String detail) {
        vertx.executeBlocking(() -> service.refuse(code, detail, null), false).onComplete(ar -> {
            if (ar.succeeded()) {
                send(ctx, ar.result());
            } else if (!ctx.response().ended()) {
                ctx.response().setStatusCode(code.httpStatus()).end();
            }
        });
    }

    private static void send(RoutingContext ctx, Reply reply) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(reply.status()).putHeader("Content-Type", JOSE);
        if (reply.retryAfter() != null) {
            response.putHeader("Retry-After", Long.toString(reply.retryAfter()));
        }
        response.end(reply.compact());
    }

    private void refreshOwnKeys() {
        ownKeys.put(origin, keys.jwks());
    }

    // ---- accessors and lifecycle ------------------------------------------------------------------------

    /** The origin this node signs as. */
    public String origin() {
        return origin;
    }

    public int port() {
        return servers.get(0).actualPort();
    }

    /** The base URL the node listens on (its origin for loopback nodes). */
    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    public BrandService service() {
        return service;
    }

    public BrandKeys keys() {
        return keys;
    }

    public CatalogStore catalog() {
        return catalog;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Rotates the signing key (see {@link KeyRing#rotate}) and publishes the new JWKS at once. */
    public Future<KeyRing> rotateKeys(Duration lead, Duration grace) {
        return vertx.executeBlocking(() -> {
            KeyRing ring = keys.rotate(lead, grace);
            refreshOwnKeys();
            return ring;
        }, false);
    }

    /** Stops listening and closes the stores (and Vert.x, if the node started it). */
    public Future<Void> close() {
        if (keyTimer >= 0) {
            vertx.cancelTimer(keyTimer);
        }
        for (HttpServerResponse response : streams) {
            response.end();
        }
        String deployed = listeners;
        listeners = null;
        Future<Void> stopped = deployed == null ? Future.succeededFuture() : vertx.undeploy(deployed);
        Future<Void> cleaned = stopped.compose(v -> handlers == null ? Future.<Void>succeededFuture() : handlers.close()).compose(v -> vertx.executeBlocking(() -> {
            index.close();
            catalog.close();
            orders.close();
            shared.close();
            registry.close();
            return null;
        }));
        if (!ownsVertx) {
            return cleaned;
        }
        // Vert.x is closed from a thread of no Vert.x context: a close started on one of its own
        // event loops could not report its completion once those loops have stopped.
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        cleaned.onComplete(ar -> java.util.concurrent.ForkJoinPool.commonPool().execute(() ->
                vertx.close().onComplete(closed -> {
                    if (ar.failed()) {
                        done.completeExceptionally(ar.cause());
                    } else if (closed.failed()) {
                        done.completeExceptionally(closed.cause());
                    } else {
                        done.complete(null);
                    }
                })));
        return Future.fromCompletionStage(done);
    }
}
