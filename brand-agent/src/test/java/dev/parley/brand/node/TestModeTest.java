package dev.parley.brand.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-mode fixture (spec §8.6) exists only on a node configured with test_mode. */
class TestModeTest {

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFixtureNamesTheProductWithTheMostUnits_andItsFloor(@TempDir Path dir) throws Exception {
        BrandNode node = TestNodes.start(TestNodes.config(dir, "\"test_mode\": true"), new MutableClock(Instant.parse("2026-03-01T10:00:00Z")), 1);
        try {
            HttpResponse<String> r = get(node.url() + BrandNode.TEST_FIXTURE);
            assertEquals(200, r.statusCode());
            // CANDLE has 100 units; its floor is cost (half of 10.00) plus 20 %
            assertEquals("{\"sku\":\"CANDLE\",\"available\":100,\"floor\":{\"amount\":\"6.00\",\"currency\":\"GBP\"}}", r.body());
        } finally {
            TestNodes.stop(node);
        }
    }

    @Test
    void withoutTestMode_thereIsNoFixture(@TempDir Path dir) throws Exception {
        BrandNode node = TestNodes.start(TestNodes.config(dir, null), new MutableClock(Instant.parse("2026-03-01T10:00:00Z")), 1);
        try {
            HttpResponse<String> r = get(node.url() + BrandNode.TEST_FIXTURE);
            assertEquals(404, r.statusCode());
            assertTrue(node.service().testFixture().isEmpty());
        } finally {
            TestNodes.stop(node);
        }
    }
}
