package dev.parley.brand.node;

import dev.parley.protocol.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.message.Ack;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.CatalogDelta;
import dev.parley.protocol.message.CatalogPage;
import dev.parley.protocol.message.Constraint;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Credential;
import dev.parley.protocol.message.Descriptor;
import dev.parley.protocol.message.Feedback;
import dev.parley.protocol.message.FeedbackSignal;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.NegotiateAccept;
import dev.parley.protocol.message.NegotiateCounter;
import dev.parley.protocol.message.NegotiatePropose;
import dev.parley.protocol.message.NegotiateReject;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.OfferRef;
import dev.parley.protocol.message.OfferSet;
import dev.parley.protocol.message.OrderCancel;
import dev.parley.protocol.message.OrderConfirmed;
import dev.parley.protocol.message.OrderPlace;
import dev.parley.protocol.message.OrderState;
import dev.parley.protocol.message.OrderStatus;
import dev.parley.protocol.message.OrderStatusQuery;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Quote;
import dev.parley.protocol.message.RejectReason;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A brand node through its HTTP binding on 127.0.0.1, as a twin sees it. */
class BrandNodeTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private BrandNode node;
    private TwinClient twin;

    @BeforeEach
    void start() throws Exception {
        node = TestNodes.start(TestNodes.config(dir, null), clock, 1);
        twin = new TwinClient(node, clock, 2);
    }

    @AfterEach
    void stop() throws Exception {
        TestNodes.stop(node);
    }

    private static Money gbp(String amount) {
        return Money.of(amount, "GBP");
    }

    private Verifier documents() throws Exception {
        JwksKeyResolver keys = JwksKeyResolver.fixed(clock);
        keys.put(node.origin(), twin.get("/.well-known/jwks.json").body());
        return Verifier.builder().keys(keys).ignoreAudience().replayGuard(new InMemoryReplayGuard(1000, clock)).clock(clock)
                .allowLoopbackHttpIssuers().build();
    }

    @Test
    void descriptor_andJwks_describeASignedBrand() throws Exception {
        HttpResponse<String> response = twin.get("/.well-known/parley");
        assertEquals(200, response.statusCode());
        assertEquals("application/jose", response.headers().firstValue("Content-Type").orElseThrow());
        VerifiedMessage message = documents().verify(response.body());
        assertEquals(MessageType.DESCRIPTOR, message.type());
        assertNull(message.audience(), "a descriptor is a broadcast document");
        Descriptor d = message.body(Descriptor.class);
        assertEquals(node.origin(), d.origin());
        assertEquals(URI.create(node.origin() + "/parley/messages"), d.endpoints().messages());
        assertTrue(d.supports(Descriptor.CAP_NEGOTIATION) && d.supports(Descriptor.CAP_ORDERS) && d.supports(Descriptor.CAP_CREDENTIALS));
        assertFalse(d.supports(Descriptor.CAP_TEST_MODE), "not a test-mode node");
        assertEquals(6, d.policies().maxRounds());
        assertEquals(List.of("standard", "member"), d.policies().tiers());
        HttpResponse<String> jwks = twin.get("/.well-known/jwks.json");
        assertEquals("application/jwk-set+json", jwks.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(jwks.headers().firstValue("Cache-Control").orElseThrow().contains("max-age"));
        assertFalse(jwks.body().contains("\"d\""), "no private key material");
        assertEquals(response.body(), twin.get("/.well-known/parley").body(), "signed once, served again");
    }

    @Test
    void catalog_pagesAreStable_cacheable_andDeltasFollowChanges() throws Exception {
        Verifier verifier = documents();
        HttpResponse<String> first = twin.get("/parley/catalog?page=0");
        assertEquals(200, first.statusCode());
        CatalogPage page0 = verifier.verify(first.body()).body(CatalogPage.class);
        assertEquals(3, page0.pages(), "6 products in pages of 2");
        long seq = page0.seq();
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = TwinClient.HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/parley/catalog?page=0"))
                .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());

        Product lamp = node.catalog().get(Sku.of("LAMP")).orElseThrow();
        node.catalog().upsert(new Product(lamp.sku(), null, lamp.title(), lamp.description(), lamp.brand(), lamp.category(), lamp.attributes(),
                List.of(), null, gbp("18.00"), Availability.IN_STOCK, 5L));
        node.catalog().upsert(new Product(Sku.of("AAA-NEW"), null, "A new first product", null, "Hearth", List.of("Home"), Map.of(),
                List.of(), null, gbp("3.00"), Availability.IN_STOCK, 9L));

        HttpResponse<String> stale = TwinClient.HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/parley/catalog?page=0"))
                .header("If-None-Match", etag).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stale.statusCode(), "the current snapshot has changed");
        CatalogPage newPage0 = verifier.verify(stale.body()).body(CatalogPage.class);
        assertEquals(seq + 2, newPage0.seq());
        assertEquals("AAA-NEW", newPage0.products().get(0).sku().value());

        for (int p = 0; p < 3; p++) {
            CatalogPage old = verifier.verify(twin.get("/parley/catalog?seq=" + seq + "&page=" + p).body()).body(CatalogPage.class);
            assertEquals(seq, old.seq(), "paging at a fixed sequence is stable while the catalog changes");
            assertTrue(old.products().stream().noneMatch(pr -> pr.sku().value().equals("AAA-NEW")));
        }
        CatalogDelta delta = verifier.verify(twin.get("/parley/catalog?since=" + seq).body()).body(CatalogDelta.class);
        assertEquals(seq, delta.fromSeq());
        assertEquals(seq + 2, delta.toSeq());
        assertEquals(List.of("AAA-NEW", "LAMP"), delta.upserts().stream().map(pr -> pr.sku().value()).toList());

        assertError(twin.get("/parley/catalog?page=9"), ErrorCode.NOT_FOUND);
        assertError(twin.get("/parley/catalog?page=-1"), ErrorCode.INVALID_REQUEST);
        assertError(twin.get("/parley/catalog?since=999"), ErrorCode.NOT_FOUND);
        assertError(twin.get("/parley/catalog?since=1&page=0"), ErrorCode.INVALID_REQUEST);
    }

    private void assertError(HttpResponse<String> response, ErrorCode code) throws Exception {
        assertEquals(code.httpStatus(), response.statusCode(), response.body());
        assertEquals(code, twin.verifyAnswer(response.body()).body(dev.parley.protocol.message.ErrorBody.class).code());
    }

    private OfferSetAnswer intent(Intent intent) throws Exception {
        TwinClient.Answer answer = twin.send(MessageType.INTENT, intent);
        assertEquals(200, answer.status(), answer.compact());
        assertEquals(MessageType.OFFER_SET, answer.message().type());
        return new OfferSetAnswer(answer.compact(), answer.body(OfferSet.class), answer.message());
    }

    private record OfferSetAnswer(String compact, OfferSet set, VerifiedMessage message) {
        Offer offer(String sku) {
            return set.offers().stream().filter(o -> o.items().size() == 1 && o.items().get(0).sku().value().equals(sku)).findFirst().orElseThrow();
        }
    }

    @Test
    void intent_getsPersonalOffers_thatRespectTheWants() throws Exception {
        OfferSetAnswer answer = intent(new Intent(List.of(
                new Want("mug", null, null, null, Map.of("colour", new Constraint.Equals(AttributeValue.of("red"))), null, 1, null),
                new Want(null, null, null, List.of("Home"), null, List.of("palm oil"), 2, gbp("25.00"))), null, null, null, null, null));
        assertEquals(answer.message().id(), answer.message().re() == null ? null : answer.message().id());
        List<String> skus = answer.set().offers().stream().map(o -> o.items().get(0).sku().value()).toList();
        assertEquals(List.of("MUG-RED", "LAMP"), skus, "the red mug; in Home, the lamp but not the palm-oil candle");
        Offer mug = answer.offer("MUG-RED");
        assertEquals(twin.did, mug.eligibility().twin(), "addressed to this twin only");
        assertEquals(gbp("6.00"), mug.items().get(0).unitPrice());
        assertEquals(Boolean.TRUE, mug.negotiable());
        assertEquals(twin.did, answer.message().audience());
        OfferSetAnswer bundles = intent(Intent.of(List.of(Want.sku(Sku.of("CAKESTAND"), 1)), null));
        Offer bundle = bundles.set().offers().stream().filter(o -> o.items().size() == 2).findFirst().orElseThrow();
        assertTrue(bundle.incentives().stream().anyMatch(i -> i.contains("bundle baking")), bundle.incentives().toString());
        OfferSetAnswer bulk = intent(Intent.of(List.of(Want.sku(Sku.of("MUG-BLUE"), 6)), null));
        assertEquals(gbp("5.70"), bulk.offer("MUG-BLUE").items().get(0).unitPrice(), "a 5% quantity break from 6 units");
        OfferSetAnswer none = intent(Intent.of(List.of(Want.text("spaceship", 1)), null));
        assertEquals(List.of(), none.set().offers());
        assertNotNull(none.set().note());
    }

    @Test
    void intentsAndFeedback_areAnswered_whileEveryMessageWorkerIsBusy() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        BrandNode busy = null;
        try {
            BrandConfig config = TestNodes.config(dir.resolve("busy"), "\"limits\": {\"requests_per_second\": 10000, \"burst\": 10000, \"workers\": 1}");
            busy = BrandNode.start(config, new BrandNode.Options(clock, new java.util.SplittableRandom(3), vertx))
                    .toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
            // the node's one message worker (a shared pool is found by its name), held by this test
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            vertx.createSharedWorkerExecutor(BrandNode.messageWorkers(busy.port()), 1).executeBlocking(() -> {
                held.countDown();
                release.await();
                return null;
            }, false);
            assertTrue(held.await(30, java.util.concurrent.TimeUnit.SECONDS), "the worker was taken");
            TwinClient client = new TwinClient(busy, clock, 4);

            TwinClient.Answer offers = within(() -> client.send(MessageType.INTENT, Intent.of(List.of(Want.sku(Sku.of("LAMP"), 1)), null)));
            assertEquals(MessageType.OFFER_SET, offers.message().type(), "an intent needs no worker: " + offers.compact());
            TwinClient.Answer ack = within(() -> client.send(MessageType.FEEDBACK, new Feedback(FeedbackSignal.LIKED, Sku.of("LAMP"), null, null, null)));
            assertEquals(MessageType.ACK, ack.message().type());
            TwinClient.Answer refused = within(() -> client.post(client.draft(MessageType.INTENT, Intent.of(List.of(Want.sku(Sku.of("LAMP"), 1)), null))
                    .to("https://another.example").sign().compact()));
            assertEquals(ErrorCode.WRONG_AUDIENCE, refused.error(), "admission is answered without a worker too");

            // any other message goes to the worker, and so does a message over 16 KiB: answered once it is free
            java.util.concurrent.CompletableFuture<TwinClient.Answer> status = async(() ->
                    client.send(MessageType.ORDER_STATUS, new dev.parley.protocol.message.OrderStatusQuery("o-none")));
            List<Want> wordy = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                wordy.add(Want.text("night light " + "for a calm bedroom ".repeat(20), 1));
            }
            String large = client.draft(MessageType.INTENT, Intent.of(wordy, null)).sign().compact();
            assertTrue(large.length() > BrandNode.AT_ONCE_BYTES, "a message over the limit: " + large.length());
            java.util.concurrent.CompletableFuture<TwinClient.Answer> largeIntent = async(() -> client.post(large));
            release.countDown();
            assertEquals(ErrorCode.NOT_FOUND, status.get(30, java.util.concurrent.TimeUnit.SECONDS).error());
            TwinClient.Answer largeAnswer = largeIntent.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(MessageType.OFFER_SET, largeAnswer.message().type(), largeAnswer.compact());
            assertTrue(largeAnswer.body(OfferSet.class).offers().stream().anyMatch(o -> o.items().get(0).sku().value().equals("LAMP")));
        } finally {
            release.countDown();
            TestNodes.stop(busy);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The answer of a request that must not wait: fails the test after 30 s instead of hanging it. */
    private static TwinClient.Answer within(java.util.concurrent.Callable<TwinClient.Answer> request) throws Exception {
        return async(request).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static java.util.concurrent.CompletableFuture<TwinClient.Answer> async(java.util.concurrent.Callable<TwinClient.Answer> request) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return request.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    @Test
    void negotiation_convergesToABindingQuote_withinTheFloor() throws Exception {
        OfferSetAnswer offers = intent(Intent.of(List.of(Want.sku(Sku.of("CAKESTAND"), 1)), null));
        Offer offer = offers.offer("CAKESTAND");
        String thread = "th-cake-1";
        TwinClient.Answer answer = twin.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(new OfferRef(offers.compact(), offer.offerId()),
                List.of(new PricedLine(Sku.of("CAKESTAND"), 1, gbp("5.00"), null)), 1, null), thread);
        assertEquals(MessageType.NEGOTIATE_COUNTER, answer.message().type(), answer.compact());
        assertEquals(thread, answer.message().thread());
        NegotiateCounter counter = answer.body(NegotiateCounter.class);
        assertEquals(2, counter.round());
        Money brandPrice = counter.items().get(0).unitPrice();
        assertTrue(brandPrice.isLessThan(gbp("12.75")) && !brandPrice.isLessThan(gbp("9.95")), brandPrice.toString());

        TwinClient.Answer second = twin.send(MessageType.NEGOTIATE_COUNTER,
                new NegotiateCounter(List.of(new PricedLine(Sku.of("CAKESTAND"), 1, gbp("8.00"), null)), 3, null, null), thread);
        NegotiateCounter brand4 = second.body(NegotiateCounter.class);
        assertEquals(4, brand4.round());
        assertTrue(brand4.items().get(0).unitPrice().isLessThan(brandPrice), "the brand concedes over rounds");

        TwinClient.Answer accepted = twin.send(MessageType.NEGOTIATE_ACCEPT, new NegotiateAccept(4), thread);
        assertEquals(MessageType.QUOTE, accepted.message().type(), accepted.compact());
        Quote quote = accepted.body(Quote.class);
        assertEquals(twin.did, quote.twin());
        assertEquals(brand4.items().get(0).unitPrice(), quote.items().get(0).unitPrice());
        assertFalse(quote.total().isLessThan(gbp("9.95")), "never below the floor");
        assertEquals(gbp("12.75"), quote.listTotal());
        assertEquals(clock.instant().plusSeconds(900), quote.validUntil());

        TwinClient.Answer closed = twin.send(MessageType.NEGOTIATE_COUNTER,
                new NegotiateCounter(List.of(new PricedLine(Sku.of("CAKESTAND"), 1, gbp("1.00"), null)), 5, null, null), thread);
        assertEquals(ErrorCode.THREAD_CLOSED, closed.error(), "no moves after agreement");
        assertEquals(409, closed.status());
    }

    @Test
    void negotiation_refusesWhatTheProtocolForbids() throws Exception {
        OfferSetAnswer offers = intent(Intent.of(List.of(Want.sku(Sku.of("LAMP"), 1)), null));
        Offer lamp = offers.offer("LAMP");
        OfferRef ref = new OfferRef(offers.compact(), lamp.offerId());
        List<PricedLine> low = List.of(new PricedLine(Sku.of("LAMP"), 1, gbp("1.00"), null));
        assertEquals(ErrorCode.INVALID_REQUEST, twin.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(ref, low, 1, null)).error(),
                "a negotiation needs a thread id");
        assertEquals(ErrorCode.INVALID_REQUEST, twin.send(MessageType.NEGOTIATE_PROPOSE,
                new NegotiatePropose(ref, List.of(new PricedLine(Sku.of("LAMP"), 6, gbp("1.00"), null)), 1, null), "th-x").error(),
                "the offer allows at most the 5 units in stock");
        TwinClient buyer = new TwinClient(node, clock, 7);
        buyer.send(MessageType.ORDER_PLACE, new OrderPlace(quoteFor(buyer, "LAMP", 3), "lamp-order-1", null, null));
        assertEquals(ErrorCode.INSUFFICIENT_STOCK, twin.send(MessageType.NEGOTIATE_PROPOSE,
                new NegotiatePropose(ref, List.of(new PricedLine(Sku.of("LAMP"), 3, gbp("1.00"), null)), 1, null), "th-x2").error(),
                "never more units than available: 2 are left");
        TwinClient other = new TwinClient(node, clock, 3);
        assertEquals(ErrorCode.NOT_ELIGIBLE, other.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(ref, low, 1, null), "th-y").error(),
                "an offer made to another twin");
        twin.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(ref, low, 1, null), "th-lamp");
        assertEquals(ErrorCode.NOT_FOUND, other.send(MessageType.NEGOTIATE_ACCEPT, new NegotiateAccept(2), "th-lamp").error(),
                "another twin's thread does not exist for it");
        assertEquals(ErrorCode.INVALID_REQUEST, twin.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(ref, low, 1, null), "th-lamp").error(),
                "a thread id is used once");
        TwinClient.Answer ack = twin.send(MessageType.NEGOTIATE_REJECT, new NegotiateReject(RejectReason.PRICE, null), "th-lamp");
        assertEquals(MessageType.ACK, ack.message().type());
        assertEquals(ErrorCode.THREAD_CLOSED, twin.send(MessageType.NEGOTIATE_ACCEPT, new NegotiateAccept(2), "th-lamp").error());

        twin.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(ref, low, 1, null), "th-late");
        clock.advance(Duration.ofMinutes(11));
        assertEquals(ErrorCode.THREAD_CLOSED, twin.send(MessageType.NEGOTIATE_ACCEPT, new NegotiateAccept(2), "th-late").error(),
                "after the deadline: no quote");
        clock.advance(Duration.ofHours(1));
        assertEquals(ErrorCode.EXPIRED, twin.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(ref, low, 1, null), "th-expired").error(),
                "an expired offer opens no thread");
    }

    private String quoteFor(TwinClient who, String sku, int quantity) throws Exception {
        return who.quoteFor(sku, quantity);
    }

    @Test
    void aPublicOfferOfTheCatalog_isPagedSigned_andNegotiableByAnyTwin() throws Exception {
        Offer bundle = new Offer("bundle-baking", List.of(new PricedLine(Sku.of("CAKESTAND"), 1, gbp("11.50"), gbp("12.75")),
                new PricedLine(Sku.of("TINS"), 1, gbp("4.45"), gbp("4.95"))), gbp("15.95"), clock.instant(), clock.instant().plus(Duration.ofDays(1)),
                dev.parley.protocol.message.Eligibility.publicOffer(), null, true, null, List.of("bundle baking: 10% off together"));
        node.catalog().upsertOffer(bundle);
        CatalogPage page0 = documents().verify(twin.get("/parley/catalog?page=0").body()).body(CatalogPage.class);
        assertEquals(List.of(bundle), page0.offers(), "page 0 carries the public offers");
        TwinClient.Answer answer = twin.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(new OfferRef(null, "bundle-baking"),
                List.of(new PricedLine(Sku.of("CAKESTAND"), 1, gbp("11.50"), null), new PricedLine(Sku.of("TINS"), 1, gbp("4.45"), null)), 1, null),
                "th-public");
        assertEquals(MessageType.QUOTE, answer.message().type(), answer.compact());
        assertEquals(gbp("15.95"), answer.body(Quote.class).total());
        assertEquals(ErrorCode.NOT_FOUND, twin.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(new OfferRef(null, "no-such-offer"),
                List.of(new PricedLine(Sku.of("TINS"), 1, gbp("4.45"), null)), 1, null), "th-public-2").error());
    }

    @Test
    void orders_areIdempotent_andRefuseBadQuotes() throws Exception {
        String quote = quoteFor(twin, "MUG-RED", 2);
        OrderPlace place = new OrderPlace(quote, "order-0001-abc", null, null);
        TwinClient.Answer receipt = twin.send(MessageType.ORDER_PLACE, place);
        assertEquals(200, receipt.status(), receipt.compact());
        OrderConfirmed confirmed = receipt.body(OrderConfirmed.class);
        assertEquals(OrderStatus.CONFIRMED, confirmed.status());
        assertEquals(gbp("12.00"), confirmed.total());
        assertEquals(38, node.service().coMarketer().inventory().available(Sku.of("MUG-RED")));

        TwinClient.Answer retry = twin.send(MessageType.ORDER_PLACE, place);
        assertEquals(receipt.compact(), retry.compact(), "the same key and content get the same signed receipt");
        assertEquals(ErrorCode.IDEMPOTENCY_CONFLICT, twin.send(MessageType.ORDER_PLACE, new OrderPlace(quote, "order-0001-abc", null, "gift wrap")).error());
        assertEquals(ErrorCode.QUOTE_INVALID, twin.send(MessageType.ORDER_PLACE, new OrderPlace(quote, "order-0002-abc", null, null)).error(),
                "a quote buys once");
        assertEquals(1, node.service().orderBook().all().size(), "one order, however often it was asked for");
        assertEquals(38, node.service().coMarketer().inventory().available(Sku.of("MUG-RED")));

        TwinClient other = new TwinClient(node, clock, 4);
        String anotherQuote = quoteFor(twin, "MUG-BLUE", 1);
        assertEquals(ErrorCode.QUOTE_INVALID, other.send(MessageType.ORDER_PLACE, new OrderPlace(anotherQuote, "order-0003-abc", null, null)).error(),
                "a quote made for another twin");
        clock.advance(Duration.ofMinutes(16));
        TwinClient.Answer late = twin.send(MessageType.ORDER_PLACE, new OrderPlace(anotherQuote, "order-0004-abc", null, null));
        assertEquals(ErrorCode.QUOTE_EXPIRED, late.error());
        assertEquals(410, late.status());
        assertEquals(1, node.service().orderBook().all().size());

        OrderState state = twin.send(MessageType.ORDER_STATUS, new OrderStatusQuery(confirmed.orderId())).body(OrderState.class);
        assertEquals(OrderStatus.CONFIRMED, state.status());
        assertEquals(ErrorCode.NOT_FOUND, other.send(MessageType.ORDER_STATUS, new OrderStatusQuery(confirmed.orderId())).error(),
                "another twin learns nothing of this order");
        OrderState cancelled = twin.send(MessageType.ORDER_CANCEL, new OrderCancel(confirmed.orderId(), "changed my mind")).body(OrderState.class);
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        assertEquals(40, node.service().coMarketer().inventory().available(Sku.of("MUG-RED")), "cancelling gives the units back");
        assertEquals(OrderStatus.CANCELLED, node.service().orderBook().byId(confirmed.orderId()).orElseThrow().status());
    }

    @Test
    void ordersEarnATier_andItsCredentialUnlocksTheTiersTerms() throws Exception {
        OrderConfirmed first = twin.send(MessageType.ORDER_PLACE, new OrderPlace(quoteFor(twin, "MUG-RED", 1), "tier-order-1", null, null))
                .body(OrderConfirmed.class);
        assertNull(first.credential(), "one order earns no tier yet");
        TwinClient.Answer second = twin.send(MessageType.ORDER_PLACE, new OrderPlace(quoteFor(twin, "MUG-RED", 1), "tier-order-2", null, null));
        String credential = second.body(OrderConfirmed.class).credential();
        assertNotNull(credential, "the second order earns tier member");
        Credential c = twin.verifyAnswer(credential).body(Credential.class);
        assertEquals("member", c.claims().tier());
        assertEquals(twin.did, c.subject());

        OfferSet withCredential = twin.send(MessageType.INTENT,
                new Intent(List.of(Want.sku(Sku.of("CANDLE"), 1)), null, null, List.of(credential), null, null)).body(OfferSet.class);
        assertEquals("member", withCredential.tier());
        assertEquals(gbp("9.50"), withCredential.offers().get(0).items().get(0).unitPrice(), "5% member discount");
        TwinClient stranger = new TwinClient(node, clock, 5);
        OfferSet stolen = stranger.send(MessageType.INTENT,
                new Intent(List.of(Want.sku(Sku.of("CANDLE"), 1)), null, null, List.of(credential), null, null)).body(OfferSet.class);
        assertNull(stolen.tier(), "a credential proves nothing for another twin key");
        assertEquals(gbp("10.00"), stolen.offers().get(0).items().get(0).unitPrice());
    }

    @Test
    void feedback_isAcknowledged_andMetricsCountWhatHappened() throws Exception {
        TwinClient.Answer ack = twin.send(MessageType.FEEDBACK, new Feedback(FeedbackSignal.LIKED, Sku.of("LAMP"), null, null, null));
        assertEquals(MessageType.ACK, ack.message().type());
        ack.body(Ack.class);
        twin.send(MessageType.ORDER_PLACE, new OrderPlace(quoteFor(twin, "MUG-RED", 1), "metrics-order-1", null, null));
        twin.send(MessageType.ORDER_STATUS, new OrderStatusQuery("o-unknown"));
        String metrics = twin.get("/metrics").body();
        assertTrue(metrics.contains("parley_requests_seconds_count{outcome=\"ok\",type=\"intent\"} 1\n"), metrics);
        assertTrue(metrics.contains("parley_orders_total 1.0"), metrics);
        assertTrue(metrics.contains("parley_errors_total{code=\"not_found\"} 1.0"), metrics);
        assertTrue(metrics.contains("parley_revenue_total{currency=\"GBP\"} 6.0"), metrics);
        assertTrue(metrics.contains("parley_feedback_total{signal=\"liked\"} 1.0"), metrics);
        assertTrue(metrics.contains("parley_negotiation_acceptance_ratio 1.0"), metrics);
    }

    @Test
    void keyRotation_publishesTheNewKey_andOldDocumentsStillVerify() throws Exception {
        String quote = quoteFor(twin, "MUG-RED", 1);
        String before = twin.get("/.well-known/parley").body();
        node.rotateKeys(Duration.ZERO, Duration.ofDays(7)).toCompletionStage().toCompletableFuture().get();
        String jwks = twin.get("/.well-known/jwks.json").body();
        assertEquals(2, com.nimbusds.jose.jwk.JWKSet.parse(jwks).getKeys().size());
        String after = twin.get("/.well-known/parley").body();
        assertNotEquals(kid(before), kid(after), "the descriptor is signed again with the new key");
        TwinClient fresh = new TwinClient(node, clock, 6);
        assertEquals(OrderStatus.CONFIRMED, twin.send(MessageType.ORDER_PLACE, new OrderPlace(quote, "rotated-order-1", null, null))
                .body(OrderConfirmed.class).status(), "a quote signed with the old key is still honoured");
        assertNotNull(fresh.did);
    }

    private static String kid(String compact) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(compact.substring(0, compact.indexOf('.'))));
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
