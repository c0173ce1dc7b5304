package dev.parley.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import dev.parley.protocol.testing.MutableClock;
import dev.parley.twin.brand.BrandCatalog;
import dev.parley.twin.brand.BrandDirectory;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many twins in one process share one {@link BrandDirectory}: a brand's catalog is fetched and
 * verified once per sync interval for all of them, kept current by delta, and resumed by delta
 * after a restart. A recording proxy in front of a real brand node shows what the brand is asked.
 */
class SharedDirectoryTest {

    private static final Duration INTERVAL = Duration.ofMinutes(1);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    private Vertx vertx;
    private BrandNode hearth;
    private HttpServer proxy;
    private URI proxied;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        hearth = Brands.start(dir.resolve("hearth"), "Hearth", Brands.HOMEWARE, clock, 1, vertx);
        HttpClient upstream = vertx.createHttpClient();
        proxy = await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            requests.add(req.method() + " " + req.uri());
            if (down.get()) {
                req.response().setStatusCode(503).end();
                return;
            }
            upstream.request(req.method(), hearth.port(), "127.0.0.1", req.uri())
                    .compose(r -> {
                        String type = req.getHeader("Content-Type");
                        if (type != null) {
                            r.putHeader("Content-Type", type);
                        }
                        return r.send(body);
                    })
                    .compose(r -> r.body().map(b -> java.util.Map.entry(r.statusCode(), b)))
                    .onSuccess(r -> req.response().setStatusCode(r.getKey()).end(r.getValue()));
        })).listen(0, "127.0.0.1"));
        proxied = URI.create("http://127.0.0.1:" + proxy.actualPort());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        Brands.stop(hearth);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private BrandDirectory directory(TwinStore store) {
        return BrandDirectory.create(vertx, clock, new BrandDirectory.Options(Duration.ofSeconds(3), INTERVAL, 4), store);
    }

    private List<String> catalogRequests() {
        synchronized (requests) {
            return requests.stream().filter(r -> r.startsWith("GET /parley/catalog")).toList();
        }
    }

    private Twin twin(TwinStore store, BrandDirectory directory, long seed) {
        Twin twin = Twin.open(store, directory, vertx, clock, new SplittableRandom(seed), Twin.Options.defaults(), (history, now) -> Preferences.NONE);
        twin.setMandate(new Mandate(Money.of("30.00", "GBP"), Money.of("100.00", "GBP"), Money.of("15.00", "GBP"), 6, null));
        twin.setWishes(List.of("red mug"));
        twin.follow(hearth.origin(), proxied);
        return twin;
    }

    @Test
    void twinsSharingADirectory_haveTheCatalogFetchedOnce_perSyncInterval() throws Exception {
        BrandDirectory directory = directory(null);
        Twin one = twin(TwinStore.inMemory(), directory, 1);
        Twin two = twin(TwinStore.inMemory(), directory, 2);
        await(Future.all(directory.catalog(hearth.origin(), proxied), directory.catalog(hearth.origin(), proxied)));
        List<DailyMe> first = List.of(await(one.runDailyMe()), await(two.runDailyMe()));
        first.forEach(me -> assertEquals(List.of("MUG-RED"), me.items().stream().map(i -> i.sku().value()).toList(), first.toString()));
        assertEquals(List.of("GET /parley/catalog?page=0"), catalogRequests(), "one sync for concurrent callers and both twins");
        assertEquals(1, requests.stream().filter(r -> r.equals("GET /.well-known/parley")).count(), "one discovery for both twins");

        await(one.runDailyMe());
        await(two.runDailyMe());
        assertEquals(1, catalogRequests().size(), "within the interval the brand's catalog is not asked for again: " + catalogRequests());

        clock.advance(INTERVAL.plusSeconds(1));
        await(Future.all(one.runDailyMe(), two.runDailyMe()));
        assertEquals(2, catalogRequests().size(), catalogRequests().toString());
        assertTrue(catalogRequests().get(1).startsWith("GET /parley/catalog?since="), "brought up to date by delta: " + catalogRequests());
        assertTrue(requests.stream().filter(r -> r.startsWith("POST")).count() >= 6, "each twin still sends its own messages: " + requests);
        directory.close();
    }

    @Test
    void aCatalogChange_reachesTheTwins_afterTheInterval() throws Exception {
        BrandDirectory directory = directory(null);
        BrandCatalog before = await(directory.catalog(hearth.origin(), proxied));
        Product mug = before.get(Sku.of("MUG-RED")).orElseThrow();
        hearth.catalog().upsert(new Product(mug.sku(), mug.gtin(), mug.title(), mug.description(), mug.brand(), mug.category(), mug.attributes(),
                mug.images(), mug.url(), Money.of("5.00", "GBP"), mug.availability(), mug.stock()));
        assertEquals(before.seq(), await(directory.catalog(hearth.origin(), proxied)).seq(), "within the interval the synced catalog is used");

        clock.advance(INTERVAL);
        BrandCatalog after = await(directory.catalog(hearth.origin(), proxied));
        assertTrue(after.seq() > before.seq());
        assertEquals(Money.of("5.00", "GBP"), after.get(Sku.of("MUG-RED")).orElseThrow().listPrice());
        assertEquals(Money.of("6.00", "GBP"), before.get(Sku.of("MUG-RED")).orElseThrow().listPrice(), "a catalog already handed out does not change");
        directory.close();
    }

    @Test
    void aRestartedProcess_resumesByDelta_fromTheStoredMirror() throws Exception {
        TwinStore store = TwinStore.open(dir.resolve("directory.db"));
        BrandDirectory first = directory(store);
        long seq = await(first.catalog(hearth.origin(), proxied)).seq();
        first.close();
        requests.clear();

        BrandDirectory second = directory(store);
        BrandCatalog resumed = await(second.catalog(hearth.origin(), proxied));
        assertEquals(seq, resumed.seq());
        assertEquals(4, resumed.products().size());
        assertEquals(List.of("GET /parley/catalog?since=" + seq), catalogRequests(), "no full resync after a restart");
        second.close();
        store.close();
    }

    @Test
    void aBrandThatFails_failsTheCall_andIsTriedAgainOnTheNext() throws Exception {
        BrandDirectory directory = directory(null);
        down.set(true);
        Throwable failure = await(directory.catalog(hearth.origin(), proxied).transform(ar -> Future.succeededFuture(ar.cause())));
        assertTrue(failure instanceof dev.parley.twin.brand.BrandUnavailable b && b.reason() == dev.parley.twin.brand.BrandUnavailable.Reason.REFUSED,
                String.valueOf(failure));
        down.set(false);
        assertFalse(await(directory.catalog(hearth.origin(), proxied)).products().isEmpty(), "a failure is not remembered");
        directory.close();
    }
}
