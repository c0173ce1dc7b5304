package dev.parley.brand.node;

import dev.parley.protocol.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.NegotiateAccept;
import dev.parley.protocol.message.NegotiateCounter;
import dev.parley.protocol.message.NegotiatePropose;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.OfferRef;
import dev.parley.protocol.message.OfferSet;
import dev.parley.protocol.message.OrderCancel;
import dev.parley.protocol.message.OrderConfirmed;
import dev.parley.protocol.message.OrderPlace;
import dev.parley.protocol.message.OrderState;
import dev.parley.protocol.message.OrderStatus;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Quote;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.message.Want;
import dev.parley.protocol.money.Money;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes of one brand clustered through Hazelcast on 127.0.0.1: one brand, whichever node a twin reaches. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTest {

    @TempDir
    static Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private BrandNode a;
    private BrandNode b;

    @BeforeAll
    void start() throws Exception {
        String shared = "\"origin\": \"https://hearth.example\", \"cluster\": true, \"keys\": {\"file\": \"../keys.json\"}";
        a = TestNodes.start(TestNodes.config(dir.resolve("a"), shared), clock, 51);
        b = TestNodes.start(TestNodes.config(dir.resolve("b"), shared), clock, 52);
    }

    @AfterAll
    void stop() throws Exception {
        TestNodes.stop(a);
        TestNodes.stop(b);
    }

    @Test
    void aNegotiationStartedOnOneNode_continuesOnTheOther() throws Exception {
        TwinClient onA = new TwinClient(a, clock, 61);
        TwinClient onB = new TwinClient(b, onA.key, clock, 62);
        TwinClient.Answer set = onA.send(MessageType.INTENT, Intent.of(List.of(Want.sku(Sku.of("CAKESTAND"), 1)), null));
        Offer offer = set.body(OfferSet.class).offers().stream().filter(o -> o.items().size() == 1).findFirst().orElseThrow();
        TwinClient.Answer counter = onA.send(MessageType.NEGOTIATE_PROPOSE, new NegotiatePropose(new OfferRef(set.compact(), offer.offerId()),
                List.of(new PricedLine(Sku.of("CAKESTAND"), 1, Money.of("5.00", "GBP"), null)), 1, null), "th-cluster-1");
        assertEquals(2, counter.body(NegotiateCounter.class).round());
        TwinClient.Answer next = onB.send(MessageType.NEGOTIATE_COUNTER,
                new NegotiateCounter(List.of(new PricedLine(Sku.of("CAKESTAND"), 1, Money.of("7.00", "GBP"), null)), 3, null, null), "th-cluster-1");
        NegotiateCounter fromB = next.body(NegotiateCounter.class);
        assertEquals(4, fromB.round(), "node B knows the thread node A opened");
        Quote quote = onA.send(MessageType.NEGOTIATE_ACCEPT, new NegotiateAccept(4), "th-cluster-1").body(Quote.class);
        assertEquals(fromB.items().get(0).unitPrice(), quote.items().get(0).unitPrice());

        String order = onA.draft(MessageType.ORDER_PLACE, new OrderPlace(onA.quoteFor("MUG-RED", 1), "cluster-order-1", null, null)).sign().compact();
        TwinClient.Answer placed = onA.post(order);
        assertEquals(200, placed.status());
        assertEquals(ErrorCode.REPLAYED, onB.post(order).error(), "a message accepted by node A is a replay at node B");
        TwinClient.Answer retry = onB.send(MessageType.ORDER_PLACE, new OrderPlace(onB.quoteFor("MUG-BLUE", 1), "cluster-order-1", null, null));
        assertEquals(ErrorCode.IDEMPOTENCY_CONFLICT, retry.error(), "idempotency keys are shared by the nodes");

        String orderId = placed.body(OrderConfirmed.class).orderId();
        OrderState cancelled = onB.send(MessageType.ORDER_CANCEL, new OrderCancel(orderId, null)).body(OrderState.class);
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        assertEquals(OrderStatus.CANCELLED, a.service().orderBook().byId(orderId).orElseThrow().status(),
                "node A, which keeps the order, recorded the cancellation node B took");
    }

    @Test
    void concurrentOrdersSpreadOverBothNodes_neverOversell() throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            BrandNode via = i % 2 == 0 ? a : b;
            TwinClient twin = new TwinClient(via, clock, 700 + i);
            orders.add(twin.draft(MessageType.ORDER_PLACE, new OrderPlace(twin.quoteFor("TINS", 1), "tins-" + String.format("%04d", i), null, null))
                    .sign().compact());
        }
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            BrandNode via = i % 2 == 0 ? b : a;
            responses.add(TwinClient.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(via.url() + BrandNode.MESSAGES))
                    .header("Content-Type", "application/jose").POST(HttpRequest.BodyPublishers.ofString(orders.get(i))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> byStatus = new HashMap<>();
        for (CompletableFuture<HttpResponse<String>> r : responses) {
            byStatus.merge(r.get(60, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
        }
        assertEquals(3, byStatus.getOrDefault(200, 0), "3 tins in stock, whichever node took the order: " + byStatus);
        assertEquals(13, byStatus.getOrDefault(409, 0));
        assertEquals(3, a.service().orderBook().all().stream().filter(o -> o.items().get(0).sku().value().equals("TINS")).count()
                + b.service().orderBook().all().stream().filter(o -> o.items().get(0).sku().value().equals("TINS")).count());
        assertTrue(a.service().coMarketer().inventory().available(Sku.of("TINS")) == 0 && b.service().coMarketer().inventory().available(Sku.of("TINS")) == 0);
    }
}
