package dev.parley.twin.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.twin.DailyMe;
import dev.parley.twin.Mandate;
import dev.parley.twin.Twin;
import dev.parley.twin.model.Event;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin as a local service for an app: a small REST API over {@link Twin} and the Daily Me
 * page. Listens on 127.0.0.1 only by default: it acts for one person and has no login of its own,
 * so it must sit behind the app that authenticates that person.
 *
 * <pre>
 * GET  /                          the Daily Me page
 * GET  /api/profile               wishes, mandate, brands followed
 * PUT  /api/wishes                ["vegan", "no palm oil", "coffee beans, about every three weeks"]
 * PUT  /api/mandate               {"per_day": Money, "per_week": Money, "per_item": Money, "max_rounds": 6, "auto_buy_limit": Money}
 * POST /api/brands                {"origin": "https://shop.example", "url": "https://shop.example"}
 * POST /api/events                one history event (purchase, view, cart add, dismissal, feedback)
 * POST /api/daily-me              run the Daily Me now
 * GET  /api/daily-me              the last Daily Me
 * POST /api/items/ID/approve      order an item with its quote (within the mandate)
 * POST /api/items/ID/dismiss      not interested
 * </pre>
 */
public final class TwinService {

    private static final Logger LOG = LoggerFactory.getLogger(TwinService.class);
    private static final String PAGE = load("daily-me.html");

    private final Vertx vertx;
    private final Twin twin;
    private HttpServer server;

    public TwinService(Vertx vertx, Twin twin) {
        this.vertx = vertx;
        this.twin = twin;
    }

    private static String load(String name) {
        try (InputStream in = TwinService.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Future<HttpServer> listen(String host, int port) {
        Router router = Router.router(vertx);
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'").end(PAGE));
        router.get("/api/profile").handler(ctx -> blocking(ctx, () -> {
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("wishes", twin.wishStatements());
            profile.put("mandate", twin.mandate().orElse(null));
            profile.put("brands", twin.brands());
            return profile;
        }));
        router.put("/api/wishes").handler(ctx -> blocking(ctx, () -> {
            List<String> wishes = ParleyJson.configReader(Object.class).forType(new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {})
                    .readValue(ctx.body().asString());
            twin.setWishes(wishes);
            return Map.of("wishes", twin.wishStatements());
        }));
        router.put("/api/mandate").handler(ctx -> blocking(ctx, () -> {
            Mandate mandate = ParleyJson.configReader(Mandate.class).readValue(ctx.body().asString());
            twin.setMandate(mandate);
            return mandate;
        }));
        router.post("/api/brands").handler(ctx -> blocking(ctx, () -> {
            JsonNode body = ParleyJson.readObject(ctx.body().buffer().getBytes());
            String origin = body.path("origin").asText(null);
            if (origin == null) {
                throw new IllegalArgumentException("origin is required");
            }
            twin.follow(origin, URI.create(body.path("url").asText(origin)));
            return Map.of("brands", twin.brands());
        }));
        router.post("/api/events").handler(ctx -> blocking(ctx, () -> {
            Event event = ParleyJson.configReader(Event.class).readValue(ctx.body().asString());
            twin.record(event);
            return Map.of("recorded", true);
        }));
        router.post("/api/daily-me").handler(ctx -> twin.runDailyMe().onComplete(ar -> answer(ctx, ar.succeeded() ? ar.result() : null, ar.cause())));
        router.get("/api/daily-me").handler(ctx -> blocking(ctx, () -> twin.latest().orElse(new DailyMe("none", null, List.of(), List.of()))));
        router.post("/api/items/:id/approve").handler(ctx -> twin.approve(ctx.pathParam("id"))
                .onComplete(ar -> answer(ctx, ar.succeeded() ? ar.result() : null, ar.cause())));
        router.post("/api/items/:id/dismiss").handler(ctx -> twin.dismiss(ctx.pathParam("id"))
                .onComplete(ar -> answer(ctx, ar.succeeded() ? ar.result() : null, ar.cause())));
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(router).listen()
                .onSuccess(s -> server = s);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    @FunctionalInterface
    private interface Work {
        Object run() throws Exception;
    }

    private void blocking(RoutingContext ctx, Work work) {
        vertx.executeBlocking(work::run, false).onComplete(ar -> answer(ctx, ar.succeeded() ? ar.result() : null, ar.cause()));
    }

    private static void answer(RoutingContext ctx, Object result, Throwable failure) {
        if (failure == null) {
            ctx.response().putHeader("Content-Type", "application/json").end(ParleyJson.writeString(result));
            return;
        }
        int status = failure instanceof Twin.NotOrdered ? (failure.getMessage().startsWith("no item") ? 404 : 409)
                : failure instanceof IllegalArgumentException || failure instanceof IOException || failure instanceof IllegalStateException ? 400
                : 500;
        if (status == 500) {
            LOG.error("event=twin_service_failed path={} detail=\"{}\"", ctx.request().path(), failure.toString(), failure);
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(ParleyJson.writeString(Map.of("error", message.length() > 500 ? message.substring(0, 500) : message)));
    }
}
