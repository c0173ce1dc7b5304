package dev.parley.brand.node;

import dev.parley.protocol.testing.MutableClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.keys.JwksKeyResolver;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.CatalogDelta;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import dev.parley.protocol.verify.InMemoryReplayGuard;
import dev.parley.protocol.verify.Verifier;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push stream of signed catalog deltas (Server-Sent Events). */
class CatalogStreamTest {

    @TempDir
    Path dir;

    @Test
    void changes_arePushedAsSignedDeltas_fromTheRequestedSequence() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        BrandNode node = TestNodes.start(TestNodes.config(dir, null), clock, 71);
        try {
            long seq = node.catalog().seq();
            node.catalog().upsert(product("NEW-1", "2.00"));
            HttpResponse<Stream<String>> response = TwinClient.HTTP.send(HttpRequest.newBuilder(
                    URI.create(node.url() + "/parley/catalog/stream?since=" + seq)).GET().build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
            Iterator<String> lines = response.body().iterator();
            CatalogDelta catchUp = nextDelta(node, clock, lines);
            assertEquals(seq, catchUp.fromSeq(), "first the changes since the requested sequence");
            assertEquals(List.of("NEW-1"), catchUp.upserts().stream().map(p -> p.sku().value()).toList());

            node.catalog().upsert(product("NEW-2", "3.00"));
            CatalogDelta pushed = nextDelta(node, clock, lines);
            assertEquals(seq + 1, pushed.fromSeq());
            assertEquals(seq + 2, pushed.toSeq());
            assertEquals(List.of("NEW-2"), pushed.upserts().stream().map(p -> p.sku().value()).toList());
            response.body().close();
        } finally {
            TestNodes.stop(node);
        }
    }

    private static Product product(String sku, String price) {
        return new Product(Sku.of(sku), null, "Product " + sku, null, "Hearth", List.of("Home"), Map.of(), List.of(), null,
                Money.of(price, "GBP"), Availability.IN_STOCK, 10L);
    }

    private static CatalogDelta nextDelta(BrandNode node, MutableClock clock, Iterator<String> lines) throws Exception {
        String data = CompletableFuture.supplyAsync(() -> {
            String event = null;
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "catalog.delta".equals(event)) {
                    return line.substring(6);
                }
            }
            throw new AssertionError("stream ended");
        }).get(30, TimeUnit.SECONDS);
        JwksKeyResolver keys = JwksKeyResolver.fixed(clock);
        keys.put(node.origin(), node.keys().jwks());
        Verifier verifier = Verifier.builder().keys(keys).ignoreAudience().replayGuard(new InMemoryReplayGuard(10, clock)).clock(clock)
                .allowLoopbackHttpIssuers().build();
        CatalogDelta delta = verifier.verify(data).body(CatalogDelta.class);
        assertTrue(delta.toSeq() > delta.fromSeq());
        return delta;
    }
}
