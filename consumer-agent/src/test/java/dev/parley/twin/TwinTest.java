package dev.parley.twin;

import dev.parley.protocol.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import dev.parley.twin.brand.BrandUnavailable;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twin against real brand agent nodes on loopback. */
class TwinTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private Vertx vertx;
    private BrandNode hearth;
    private BrandNode cookery;
    private Twin twin;
    private TwinStore store;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        hearth = Brands.start(dir.resolve("hearth"), "Hearth", Brands.HOMEWARE, clock, 1, vertx);
        cookery = Brands.start(dir.resolve("cookery"), "Cookery", Brands.KITCHEN, clock, 2, vertx);
        store = TwinStore.open(dir.resolve("twin.db"));
        twin = openTwin(store, 9);
        twin.setMandate(new Mandate(gbp("30.00"), gbp("100.00"), gbp("15.00"), 6, null));
        twin.setWishes(List.of("red mug", "candle", "no palm oil", "coffee beans, about every three weeks"));
        twin.follow(hearth.origin(), URI.create(hearth.url()));
        twin.follow(cookery.origin(), URI.create(cookery.url()));
    }

    /** A restarted process draws fresh randomness: message ids of the two lives never collide. */
    private Twin openTwin(TwinStore s, long seed) {
        return Twin.open(s, vertx, clock, new SplittableRandom(seed), Twin.Options.defaults(), (history, now) -> Preferences.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        twin.close();
        store.close();
        Brands.stop(hearth);
        Brands.stop(cookery);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Money gbp(String amount) {
        return Money.of(amount, "GBP");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static DailyMe.Item find(DailyMe me, String sku) {
        return me.items().stream().filter(i -> i.sku().value().equals(sku)).findFirst()
                .orElseThrow(() -> new AssertionError(sku + " not in " + me.items().stream().map(i -> i.sku().value()).toList()));
    }

    @Test
    void dailyMe_negotiatesExplainsAndDedupes_acrossRealBrands() throws Exception {
        DailyMe me = await(twin.runDailyMe());
        assertEquals(List.of(), me.skipped());
        List<String> skus = me.items().stream().map(i -> i.sku().value()).toList();
        assertTrue(skus.contains("BEESWAX") && skus.contains("K-BEANS"), skus.toString());
        assertFalse(skus.contains("CANDLE"), "the palm-oil candle is excluded: " + skus);
        assertEquals(1, skus.stream().filter(s -> s.equals("MUG-RED") || s.equals("K-MUG")).count(), "the same mug from two brands appears once");
        assertTrue(skus.contains("MUG-RED"), "the cheaper mug wins: " + skus);
        DailyMe.Item mug = find(me, "MUG-RED");
        assertNotNull(mug.quote(), "each shortlisted item carries the brand's signed quote");
        assertFalse(mug.price().isGreaterThan(mug.offeredPrice()), "negotiated at or below the offer");
        assertTrue(mug.price().isLessThan(gbp("6.00")), "the twin negotiated something off: " + mug.transcript());
        assertTrue(mug.why().contains("you asked for \u201cred mug\u201d"), mug.why());
        assertTrue(mug.why().contains("saves"), mug.why());
        assertTrue(mug.transcript().get(0).startsWith("twin proposes"), mug.transcript().toString());
        assertEquals(hearth.origin(), mug.brand());
        assertEquals("Hearth", mug.brandName());
        for (int i = 1; i < me.items().size(); i++) {
            assertTrue(me.items().get(i - 1).utility() >= me.items().get(i).utility(), "ranked by utility");
        }
        assertFalse(me.items().stream().anyMatch(i -> i.total().isGreaterThan(gbp("15.00"))), "nothing above the per-item budget");
        assertTrue(twin.identityFor(hearth.origin()).startsWith("did:key:"));
        assertFalse(twin.identityFor(hearth.origin()).equals(twin.identityFor(cookery.origin())), "a different key for every brand");
    }

    @Test
    void approval_ordersOnce_withinTheMandate() throws Exception {
        DailyMe me = await(twin.runDailyMe());
        DailyMe.Item mug = find(me, "MUG-RED");
        DailyMe.Item ordered = await(twin.approve(mug.id()));
        assertEquals(DailyMe.Status.ORDERED, ordered.status(), ordered.statusDetail());
        assertNotNull(ordered.receipt());
        assertEquals(1, hearth.service().orderBook().all().size());
        assertEquals(mug.total(), hearth.service().orderBook().all().get(0).total());
        DailyMe.Item again = await(twin.approve(mug.id()));
        assertEquals(ordered.receipt(), again.receipt());
        assertEquals(1, hearth.service().orderBook().all().size(), "approving twice never buys twice");

        twin.setMandate(new Mandate(gbp("10.00"), gbp("100.00"), gbp("15.00"), 6, null));
        DailyMe.Item beans = find(me, "K-BEANS");
        ExecutionException refused = assertThrows(ExecutionException.class, () -> await(twin.approve(beans.id())));
        assertTrue(refused.getCause() instanceof Twin.NotOrdered && refused.getCause().getMessage().contains("today's budget"),
                String.valueOf(refused.getCause()));
        assertEquals(0, cookery.service().orderBook().all().size(), "nothing bought beyond the mandate");
        DailyMe.Item dismissed = await(twin.dismiss(beans.id()));
        assertEquals(DailyMe.Status.DISMISSED, dismissed.status());
    }

    @Test
    void aQuoteThatFailsAtTheBrand_leavesTheItemFailed_withTheReason() throws Exception {
        DailyMe me = await(twin.runDailyMe());
        DailyMe.Item beeswax = find(me, "BEESWAX");
        hearth.service().coMarketer().inventory().reserve(List.of(new dev.parley.protocol.message.PricedLine(Sku.of("BEESWAX"), 2, gbp("1.00"), null)));
        DailyMe.Item failed = await(twin.approve(beeswax.id()));
        assertEquals(DailyMe.Status.FAILED, failed.status());
        assertTrue(failed.statusDetail().contains("insufficient_stock"), failed.statusDetail());
        assertEquals(0, hearth.service().orderBook().all().size());
    }

    @Test
    void misbehavingBrands_areSkippedWithTheReason_andTheRunCompletes() throws Exception {
        HttpServer silent = await(vertx.createHttpServer().requestHandler(req -> { }).listen(0, "127.0.0.1"));
        HttpServer forger = await(vertx.createHttpServer().requestHandler(req -> {
            if (req.path().equals("/.well-known/jwks.json")) {
                req.response().putHeader("Content-Type", "application/jwk-set+json").end(cookery.keys().jwks().toString());
            } else {
                vertx.createHttpClient().request(io.vertx.core.http.HttpMethod.GET, hearth.port(), "127.0.0.1", req.uri())
                        .compose(r -> r.send()).compose(r -> r.body()).onSuccess(body -> req.response().end(body));
            }
        }).listen(0, "127.0.0.1"));
        java.net.ServerSocket closed = new java.net.ServerSocket(0);
        int downPort = closed.getLocalPort();
        closed.close();
        twin.follow("http://127.0.0.1:" + downPort, URI.create("http://127.0.0.1:" + downPort));
        twin.follow("http://127.0.0.1:" + silent.actualPort(), URI.create("http://127.0.0.1:" + silent.actualPort()));
        twin.follow(hearth.origin() + "0", URI.create("http://127.0.0.1:" + forger.actualPort()));
        DailyMe me = await(twin.runDailyMe());
        assertEquals(3, me.skipped().size(), me.skipped().toString());
        assertEquals(BrandUnavailable.Reason.UNREACHABLE, me.skipped().stream().filter(s -> s.brand().endsWith(":" + downPort)).findFirst().orElseThrow().reason());
        assertEquals(BrandUnavailable.Reason.TIMEOUT,
                me.skipped().stream().filter(s -> s.brand().endsWith(":" + silent.actualPort())).findFirst().orElseThrow().reason());
        assertEquals(BrandUnavailable.Reason.BAD_SIGNATURE,
                me.skipped().stream().filter(s -> s.brand().equals(hearth.origin() + "0")).findFirst().orElseThrow().reason());
        assertTrue(me.items().stream().anyMatch(i -> i.brand().equals(cookery.origin())), "the good brands still give a Daily Me");
        silent.close();
        forger.close();
    }

    @Test
    void everythingSurvivesARestart() throws Exception {
        DailyMe me = await(twin.runDailyMe());
        DailyMe.Item mug = find(me, "MUG-RED");
        await(twin.approve(mug.id()));
        String identity = twin.identityFor(hearth.origin());
        twin.close();
        store.close();

        store = TwinStore.open(dir.resolve("twin.db"));
        twin = openTwin(store, 10);
        assertEquals(identity, twin.identityFor(hearth.origin()), "the same key for the brand");
        assertEquals(4, twin.wishStatements().size());
        assertEquals(gbp("15.00"), twin.mandate().orElseThrow().perItem());
        assertEquals(2, twin.brands().size());
        DailyMe restored = twin.latest().orElseThrow();
        assertEquals(me.items().size(), restored.items().size());
        assertEquals(DailyMe.Status.ORDERED, restored.items().stream().filter(i -> i.id().equals(mug.id())).findFirst().orElseThrow().status());
        assertEquals(DailyMe.Status.ORDERED, await(twin.approve(mug.id())).status(), "still ordered, not ordered again");
        assertEquals(1, hearth.service().orderBook().all().size());
        DailyMe next = await(twin.runDailyMe());
        assertTrue(next.skipped().isEmpty(), next.skipped().toString());
    }

    @Test
    void aLearnedRepeatPurchase_isAskedFor_andExplainedByTheModel() throws Exception {
        twin.close();
        twin = Twin.open(store, vertx, clock, new SplittableRandom(11), Twin.Options.defaults(), ModelPreferences.source());
        twin.setWishes(List.of("no palm oil"));
        dev.parley.protocol.message.Product beans = new dev.parley.protocol.message.Product(Sku.of("K-BEANS"), null, "Coffee beans 500g", null,
                "Cookery", List.of("Grocery", "Coffee"), java.util.Map.of(), List.of(), null, gbp("8.00"),
                dev.parley.protocol.message.Availability.IN_STOCK, 50L);
        for (int week = 12; week >= 3; week -= 3) {
            twin.record(dev.parley.twin.model.Event.purchase(clock.instant().minus(java.time.Duration.ofDays(7L * week)), beans, gbp("8.00"), 1));
        }
        DailyMe me = await(twin.runDailyMe());
        DailyMe.Item due = find(me, "K-BEANS");
        assertTrue(due.reasons().stream().anyMatch(r -> r.factor().equals("repeat_cycle")), due.reasons().toString());
        assertEquals("K-BEANS", me.items().get(0).sku().value(), "the product due again ranks first: " + me.items());
    }

    @Test
    void aReplayedReceipt_isNotTakenForANewOrder() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> firstReceipt = new java.util.concurrent.atomic.AtomicReference<>();
        io.vertx.core.http.HttpClient upstream = vertx.createHttpClient();
        HttpServer replaying = await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            boolean order = req.method() == io.vertx.core.http.HttpMethod.POST && body.toString().length() > 0
                    && decodeType(body.toString()).equals("order.place");
            if (order && firstReceipt.get() != null) {
                req.response().putHeader("Content-Type", "application/jose").end(firstReceipt.get());
                return;
            }
            upstream.request(req.method(), hearth.port(), "127.0.0.1", req.uri())
                    .compose(r -> {
                        req.headers().forEach((k, v) -> {
                            if (k.equalsIgnoreCase("Content-Type")) {
                                r.putHeader(k, v);
                            }
                        });
                        return r.send(body);
                    })
                    .compose(r -> r.body().map(b -> java.util.Map.entry(r.statusCode(), b)))
                    .onSuccess(r -> {
                        if (order && r.getKey() == 200) {
                            firstReceipt.compareAndSet(null, r.getValue().toString());
                        }
                        req.response().setStatusCode(r.getKey()).putHeader("Content-Type", "application/jose").end(r.getValue());
                    });
        })).listen(0, "127.0.0.1"));
        twin.unfollow(hearth.origin());
        twin.unfollow(cookery.origin());
        twin.follow(hearth.origin(), URI.create("http://127.0.0.1:" + replaying.actualPort()));
        DailyMe me = await(twin.runDailyMe());
        DailyMe.Item first = me.items().get(0);
        DailyMe.Item second = me.items().get(1);
        assertEquals(DailyMe.Status.ORDERED, await(twin.approve(first.id())).status());
        DailyMe.Item replayed = await(twin.approve(second.id()));
        assertEquals(DailyMe.Status.FAILED, replayed.status(), "an old receipt does not confirm a new order");
        assertTrue(replayed.statusDetail().contains("answering"), replayed.statusDetail());
        replaying.close();
    }

    private static String decodeType(String compact) {
        String[] parts = compact.split("\\.");
        if (parts.length != 3) {
            return "";
        }
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"type\":\"([a-z.]+)\"").matcher(payload);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void aTierEarnedWithOrders_isProvenWithItsCredential_toThatBrandOnly() throws Exception {
        BrandNode tiered = Brands.start(dir.resolve("tiered"), "Tiered", Brands.KITCHEN, """
                {"currency": "GBP", "costs": {"default_share_of_list": 0.5},
                 "tiers": [{"name": "standard", "min_orders": 0}, {"name": "member", "min_orders": 1, "discount": 0.10, "concession": 0.8}],
                 "lifetimes": {"offer_seconds": 3600, "quote_seconds": 3600, "max_offers_per_intent": 20}}""", clock, 3, vertx);
        try {
            twin.unfollow(hearth.origin());
            twin.unfollow(cookery.origin());
            twin.follow(tiered.origin(), URI.create(tiered.url()));
            twin.setWishes(List.of("coffee beans"));
            DailyMe first = await(twin.runDailyMe());
            assertEquals(gbp("8.00"), find(first, "K-BEANS").offeredPrice());
            assertEquals(DailyMe.Status.ORDERED, await(twin.approve(find(first, "K-BEANS").id())).status());
            DailyMe second = await(twin.runDailyMe());
            DailyMe.Item beans = find(second, "K-BEANS");
            assertEquals(gbp("7.20"), beans.offeredPrice(), "the member price: the twin presented the credential the receipt carried");
            assertTrue(beans.why().contains("tier member"), beans.why());
        } finally {
            Brands.stop(tiered);
        }
    }

    @Test
    void aBrandWithNothingRelevant_isNotAskedAtAll() throws Exception {
        twin.setWishes(List.of("coffee beans"));
        DailyMe me = await(twin.runDailyMe());
        assertEquals(List.of("K-BEANS"), me.items().stream().map(i -> i.sku().value()).toList());
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(hearth.url() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertFalse(metrics.contains("type=\"intent\""), "Hearth sells no coffee: it never heard the twin's wish\n" + metrics);
    }

    private Twin negotiating(int negotiations) {
        twin.close();
        return Twin.open(store, vertx, clock, new SplittableRandom(12), new Twin.Options(java.time.Duration.ofSeconds(3), 10, negotiations,
                new java.math.BigDecimal("0.80"), java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(1)), (history, now) -> Preferences.NONE);
    }

    @Test
    void onlyTheBestItemsOfTheShortlist_areNegotiated() throws Exception {
        twin = negotiating(1);
        DailyMe me = await(twin.runDailyMe());
        assertTrue(me.items().size() >= 3, me.items().toString());
        List<DailyMe.Item> quoted = me.items().stream().filter(i -> i.quote() != null).toList();
        assertEquals(1, quoted.size(), me.items().toString());
        assertTrue(quoted.get(0).transcript().get(0).startsWith("twin proposes"), quoted.get(0).transcript().toString());
        me.items().stream().filter(i -> i.quote() == null).forEach(i -> assertEquals(i.offeredPrice(), i.price(), "an item not negotiated keeps its offer"));
    }

    @Test
    void anItemNotNegotiated_getsItsQuoteWhenApproved_andIsOrderedOnce() throws Exception {
        twin = negotiating(0);
        DailyMe.Item mug = find(await(twin.runDailyMe()), "MUG-RED");
        assertNull(mug.quote());
        DailyMe.Item ordered = await(twin.approve(mug.id()));
        assertEquals(DailyMe.Status.ORDERED, ordered.status(), ordered.statusDetail());
        assertNotNull(ordered.quote(), "the order rests on the brand's quote");
        assertEquals(gbp("6.00"), ordered.total(), "quoted at the offer's own price");
        assertEquals(gbp("6.00"), hearth.service().orderBook().all().get(0).total());
        assertEquals(ordered.receipt(), await(twin.approve(mug.id())).receipt());
        assertEquals(1, hearth.service().orderBook().all().size(), "approving twice never buys twice");
        assertEquals(ordered.quote(), twin.latest().orElseThrow().items().stream().filter(i -> i.id().equals(mug.id())).findFirst().orElseThrow().quote(),
                "the quote is kept with the item");
    }

    @Test
    void anItemNotNegotiated_isNotQuoted_beyondTheMandate() throws Exception {
        twin = negotiating(0);
        DailyMe.Item beeswax = find(await(twin.runDailyMe()), "BEESWAX");
        twin.setMandate(new Mandate(gbp("10.00"), gbp("100.00"), gbp("15.00"), 6, null));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> await(twin.approve(beeswax.id())));
        assertTrue(refused.getCause() instanceof Twin.NotOrdered && refused.getCause().getMessage().contains("today's budget"),
                String.valueOf(refused.getCause()));
        assertNull(twin.latest().orElseThrow().items().stream().filter(i -> i.id().equals(beeswax.id())).findFirst().orElseThrow().quote(),
                "no quote was asked for an item the mandate does not allow");
    }

    @Test
    void options_refuseAShortlistOfNothing_andNegativeNegotiations() {
        assertThrows(IllegalArgumentException.class, () -> new Twin.Options(java.time.Duration.ofSeconds(3), 0, 1, java.math.BigDecimal.ONE,
                java.time.Duration.ofSeconds(30), java.time.Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Twin.Options(java.time.Duration.ofSeconds(3), 10, -1, java.math.BigDecimal.ONE,
                java.time.Duration.ofSeconds(30), java.time.Duration.ZERO));
    }

    @Test
    void autoBuy_ordersOnlyUnderTheLimit() throws Exception {
        twin.setMandate(new Mandate(gbp("30.00"), gbp("100.00"), gbp("15.00"), 6, gbp("6.00")));
        DailyMe me = await(twin.runDailyMe());
        for (DailyMe.Item item : me.items()) {
            boolean cheap = !item.total().isGreaterThan(gbp("6.00")) && item.quote() != null;
            assertEquals(cheap ? DailyMe.Status.ORDERED : DailyMe.Status.SUGGESTED, item.status(), item.title() + " " + item.total());
        }
        assertTrue(me.items().stream().anyMatch(i -> i.status() == DailyMe.Status.ORDERED), "something was cheap enough");
    }
}
