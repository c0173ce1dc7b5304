package dev.parley.brand.node;

import dev.parley.protocol.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.orders.StoredOrder;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.OrderConfirmed;
import dev.parley.protocol.message.OrderPlace;
import dev.parley.protocol.message.Sku;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orders under stress: a node stopped in the middle of a stream of orders, concurrent buyers of scarce stock, floods. */
class DurabilityTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    private record Placed(String key, String compact) {}

    private static CompletableFuture<HttpResponse<String>> postAsync(BrandNode node, String compact) {
        return TwinClient.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(node.url() + BrandNode.MESSAGES))
                .header("Content-Type", "application/jose").POST(HttpRequest.BodyPublishers.ofString(compact)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyConfirmedOrder_survivesAStopInTheMiddleOfAStream_withoutDuplicates() throws Exception {
        BrandConfig config = TestNodes.config(dir, "\"origin\": \"https://hearth.example\"");
        BrandNode node = TestNodes.start(config, clock, 21);
        List<TwinClient> twins = new ArrayList<>();
        List<Placed> placed = new ArrayList<>();
        Map<String, TwinClient> byKey = new HashMap<>();
        Map<String, String> quoteByKey = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            TwinClient twin = i < 5 ? new TwinClient(node, clock, 100 + i) : twins.get(i % 5);
            if (i < 5) {
                twins.add(twin);
            }
            String key = "stream-order-" + String.format("%04d", i);
            String quote = twin.quoteFor(i % 2 == 0 ? "CANDLE" : "MUG-BLUE", 1);
            quoteByKey.put(key, quote);
            byKey.put(key, twin);
            placed.add(new Placed(key, twin.draft(MessageType.ORDER_PLACE, new OrderPlace(quote, key, null, null)).sign().compact()));
        }
        Map<String, String> receipts = new ConcurrentHashMap<>();
        CountDownLatch half = new CountDownLatch(10);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (Placed p : placed) {
            inFlight.add(postAsync(node, p.compact()).handle((response, failure) -> {
                if (response != null && response.statusCode() == 200) {
                    receipts.put(p.key(), response.body());
                }
                half.countDown();
                return null;
            }));
        }
        assertTrue(half.await(60, TimeUnit.SECONDS));
        TestNodes.stop(node);
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertTrue(receipts.size() >= 10 && receipts.size() <= 30, "some orders were confirmed before the stop: " + receipts.size());

        BrandNode restarted = TestNodes.start(config, clock, 22);
        try {
            Map<String, StoredOrder> stored = restarted.service().orderBook().all().stream()
                    .collect(Collectors.toMap(StoredOrder::idempotencyKey, o -> o));
            for (Map.Entry<String, String> receipt : receipts.entrySet()) {
                assertEquals(receipt.getValue(), stored.get(receipt.getKey()).receipt(), "every confirmed order is on disk with its receipt");
            }
            String answeredBefore = placed.stream().filter(p -> receipts.containsKey(p.key())).findFirst().orElseThrow().compact();
            TwinClient first = new TwinClient(restarted, byKey.values().iterator().next().key, clock, 200);
            assertEquals(ErrorCode.REPLAYED, first.post(answeredBefore).error(), "a restarted node still refuses replays");

            for (Placed p : placed) {
                TwinClient twin = new TwinClient(restarted, byKey.get(p.key()).key, clock, 300 + placed.indexOf(p));
                TwinClient.Answer retry = twin.send(MessageType.ORDER_PLACE, new OrderPlace(quoteByKey.get(p.key()), p.key(), null, null));
                assertEquals(200, retry.status(), retry.compact());
                if (receipts.containsKey(p.key())) {
                    assertEquals(receipts.get(p.key()), retry.compact(), "a retry after the restart gets the same receipt");
                }
                retry.body(OrderConfirmed.class);
            }
            List<StoredOrder> all = restarted.service().orderBook().all();
            assertEquals(30, all.size(), "every order exactly once");
            assertEquals(30, all.stream().map(StoredOrder::quoteId).distinct().count());
            assertEquals(100 - 15, restarted.service().coMarketer().inventory().available(Sku.of("CANDLE")), "reservations were restored");
            assertEquals(40 - 15, restarted.service().coMarketer().inventory().available(Sku.of("MUG-BLUE")));
        } finally {
            TestNodes.stop(restarted);
        }
    }

    @Test
    void concurrentBuyersOfScarceStock_neverOversell() throws Exception {
        BrandNode node = TestNodes.start(TestNodes.config(dir, null), clock, 31);
        try {
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                TwinClient twin = new TwinClient(node, clock, 400 + i);
                orders.add(twin.draft(MessageType.ORDER_PLACE, new OrderPlace(twin.quoteFor("LAMP", 1), "lamp-" + String.format("%04d", i), null, null))
                        .sign().compact());
            }
            List<CompletableFuture<HttpResponse<String>>> responses = orders.stream().map(o -> postAsync(node, o)).toList();
            Map<Integer, Long> byStatus = new HashMap<>();
            for (CompletableFuture<HttpResponse<String>> r : responses) {
                byStatus.merge(r.get(60, TimeUnit.SECONDS).statusCode(), 1L, Long::sum);
            }
            assertEquals(Map.of(200, 5L, 409, 19L), byStatus, "5 lamps in stock: 5 orders, 19 insufficient_stock");
            assertEquals(0, node.service().coMarketer().inventory().available(Sku.of("LAMP")));
            assertEquals(5, node.service().orderBook().all().size());
        } finally {
            TestNodes.stop(node);
        }
    }

    @Test
    void aFloodFromOneIssuer_isRateLimited_withASigned429() throws Exception {
        BrandNode node = TestNodes.start(TestNodes.config(dir, "\"limits\": {\"requests_per_second\": 1, \"burst\": 3}"), clock, 41);
        try {
            TwinClient twin = new TwinClient(node, clock, 42);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(twin.send(MessageType.ORDER_STATUS, new dev.parley.protocol.message.OrderStatusQuery("o-none")).status());
            }
            assertEquals(List.of(404, 404, 404), statuses, "the burst is served");
            HttpResponse<String> limited = TwinClient.HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + BrandNode.MESSAGES))
                    .header("Content-Type", "application/jose")
                    .POST(HttpRequest.BodyPublishers.ofString(twin.draft(MessageType.ORDER_STATUS,
                            new dev.parley.protocol.message.OrderStatusQuery("o-none")).sign().compact())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, limited.statusCode());
            assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(ErrorCode.RATE_LIMITED, twin.verifyAnswer(limited.body()).body(dev.parley.protocol.message.ErrorBody.class).code());
            clock.advance(java.time.Duration.ofSeconds(2));
            assertEquals(404, twin.send(MessageType.ORDER_STATUS, new dev.parley.protocol.message.OrderStatusQuery("o-none")).status(),
                    "tokens come back with time");
        } finally {
            TestNodes.stop(node);
        }
    }
}
