package dev.parley.twin.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.money.Money;
import dev.parley.twin.Mandate;
import dev.parley.twin.Preferences;
import dev.parley.twin.Twin;
import dev.parley.twin.store.TwinStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Daily Me page in a real headless Chromium: run, read, approve — against a real brand node. */
class DailyMePageTest {

    @TempDir
    Path dir;

    @Test
    void thePersonRunsTheDailyMe_andApprovesAnItem_inABrowser() throws Exception {
        Path chromium = Chromium.binary();
        if (chromium == null) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI must run the browser test: install Debian's chromium (apt-get install chromium) or set PARLEY_CHROMIUM");
            }
            Assumptions.abort("no chromium here (apt-get install chromium, or set PARLEY_CHROMIUM); .ci/run installs it");
        }
        Vertx vertx = Vertx.vertx();
        Clock clock = Clock.systemUTC();
        Files.writeString(dir.resolve("catalog.csv"), """
                sku,title,description,brand,category,price,currency,stock
                MUG-RED,Red enamel mug,A mug for tea and coffee,Hearth,Kitchen > Mugs,6.00,GBP,40
                TEAPOT,Blue teapot,A teapot for four cups,Hearth,Kitchen > Tea,18.00,GBP,5
                """);
        Files.writeString(dir.resolve("policy.json"), """
                {"currency": "GBP", "costs": {"default_share_of_list": 0.5}, "lifetimes": {"offer_seconds": 3600, "quote_seconds": 3600, "max_offers_per_intent": 10}}""");
        Files.writeString(dir.resolve("brand.json"), """
                {"name": "Hearth", "port": 0, "data_dir": "data", "catalog": {"format": "csv", "path": "catalog.csv"}, "policy": "policy.json"}""");
        BrandNode brand = BrandNode.start(BrandConfig.load(dir.resolve("brand.json"), Map.of()), new BrandNode.Options(clock, new SplittableRandom(1), vertx))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        TwinStore store = TwinStore.open(dir.resolve("twin.db"));
        Twin twin = Twin.open(store, vertx, clock, new java.security.SecureRandom(), Twin.Options.defaults(), (history, now) -> Preferences.NONE);
        twin.setMandate(Mandate.of(Money.of("40.00", "GBP"), Money.of("20.00", "GBP"), 4));
        twin.setWishes(List.of("mug", "teapot"));
        twin.follow(brand.origin(), URI.create(brand.url()));
        TwinService service = new TwinService(vertx, twin);
        service.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try (Chromium browser = Chromium.start(chromium, dir.resolve("profile"))) {
            browser.navigate("http://127.0.0.1:" + service.port() + "/");
            assertEquals("none", browser.evaluate(Chromium.when("document.body && document.body.dataset.run", "document.body.dataset.run")).asText(),
                    "the page loads and shows that nothing ran yet");
            browser.evaluate("document.getElementById('run').click()");
            int items = browser.evaluate(Chromium.when("document.querySelectorAll('article[data-item]').length > 0",
                    "document.querySelectorAll('article[data-item]').length")).asInt();
            assertEquals(2, items, "the mug and the teapot");
            String text = browser.evaluate("document.getElementById('items').innerText").asText();
            assertTrue(text.contains("Red enamel mug") && text.contains("Hearth") && text.contains("Why: you asked for"), text);
            String approved = browser.evaluate(
                    "(() => { const b = document.querySelector('button[data-approve]:not([disabled])'); b.click(); return b.dataset.approve; })()").asText();
            String status = browser.evaluate(Chromium.when(
                    "document.querySelector('article[data-item=\"" + approved + "\"]')?.dataset.status === 'ordered'",
                    "document.querySelector('article[data-item=\"" + approved + "\"] .status').innerText")).asText();
            assertTrue(status.startsWith("Ordered."), status);
            assertEquals(1, brand.service().orderBook().all().size(), "the brand took exactly one order");
            String dismissed = browser.evaluate(
                    "(() => { const b = document.querySelector('button[data-dismiss]'); b.click(); return b.dataset.dismiss; })()").asText();
            assertEquals("dismissed", browser.evaluate(Chromium.when(
                    "document.querySelector('article[data-item=\"" + dismissed + "\"]')?.dataset.status === 'dismissed'", "'dismissed'")).asText());
        } finally {
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                    + "/api/items/nope/approve")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, api.statusCode(), api.body());
            service.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            twin.close();
            store.close();
            brand.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
