package dev.parley.benchmarks.brand;

import dev.parley.brand.node.BrandNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Load on a brand node over loopback, against references measured in the same run:
 * <ol>
 *   <li>the crypto-bound ceiling: Ed25519 sign and full verify throughput from the core's JMH
 *       benchmark on every core, combined as one verify plus one sign per request;</li>
 *   <li>a bare Vert.x responder answering a small JSON body, loaded by the same client;</li>
 *   <li>the node answering signed {@code intent} messages with signed {@code offer.set}s:
 *       saturation throughput (closed loop), then latency at 80% of it (open loop, latency
 *       measured from each request's scheduled instant, so queueing is counted).</li>
 * </ol>
 * Every intent is signed before the measurement (each is unique: the node refuses replays).
 *
 * <p>Besides throughput, each phase reports the CPU time it took per request, split between the
 * load client's threads, the node's event loops, the node's message handlers and the JVM (GC,
 * JIT), with how busy the process and the machine were; and a second ceiling from the CPU time
 * of one sign and one full verify on one thread. CPU time per request holds when other work
 * shares the machine; throughput does not.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.brand.BrandLoad [SECONDS] [CONNECTIONS] [node-only]}
 * ({@code node-only}: skip the JMH ceiling and the bare responder; {@code -Dparley.load.workers=N}:
 * the node's {@code limits.workers}; {@code -Dparley.load.intents=N}: how many intents to pre-sign)
 */
public final class BrandLoad {

    /** Connections the open-loop phase may use. */
    private static final int OPEN_LOOP_CONNECTIONS = 512;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        boolean nodeOnly = args.length > 2 && args[2].equals("node-only");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores, %s, load average %s%n", cores, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                CpuUse.loadAverage());

        double ceiling = Double.NaN;
        if (!nodeOnly) {
            double[] crypto = cryptoCeiling(cores);
            ceiling = 1.0 / (1.0 / crypto[0] + 1.0 / crypto[1]);
            System.out.printf("crypto on %d threads: sign %,.0f/s, full verify %,.0f/s => ceiling of one verify + one sign: %,.0f requests/s%n",
                    cores, crypto[0], crypto[1], ceiling);
        }
        double[] cryptoCpu = CpuUse.cryptoMicros();
        double cpuCeiling = cores * 1e6 / (cryptoCpu[0] + cryptoCpu[1]);
        System.out.printf("crypto CPU time on one thread: sign %.0f us, full verify %.0f us => %d cores make at most %,.0f requests/s "
                + "(the ceiling from CPU time, immune to other load on the machine)%n", cryptoCpu[0], cryptoCpu[1], cores, cpuCeiling);

        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));

        double bareRate = Double.NaN;
        double bareCpu = Double.NaN;
        if (!nodeOnly) {
            var bare = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b ->
                    req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true,\"note\":\"bare responder\"}")))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            String small = "x".repeat(600);
            // warmed up like the node, so that the JIT's work counts against neither
            closedLoop(vertx, client, bare.actualPort(), "/", i -> small, Math.max(3, seconds / 3), connections);
            CpuUse.Snapshot bareStart = CpuUse.snapshot();
            Result bareResult = closedLoop(vertx, client, bare.actualPort(), "/", i -> small, seconds, connections);
            CpuUse.Phase barePhase = CpuUse.since(bareStart, bareResult.requests());
            bareRate = bareResult.throughput();
            bareCpu = barePhase.processMicrosPerRequest();
            System.out.printf("bare Vert.x responder: %,.0f requests/s; %s%n", bareRate, barePhase);
            bare.close().toCompletionStage().toCompletableFuture().get();
        }

        BrandNode node = LoadBrand.start("parley-brand-load", Integer.getInteger("parley.load.workers"));

        int needed = Integer.getInteger("parley.load.intents",
                (int) Math.min(2_000_000, Math.max(20_000, Math.max(nodeOnly ? 0 : ceiling, cpuCeiling) * seconds * 2.2) + WARM_UP_REQUESTS));
        List<String> intents = presign(node.origin(), needed, cores);
        System.out.printf("pre-signed %,d intents%n", intents.size());
        AtomicInteger next = new AtomicInteger();
        java.util.function.IntFunction<String> body = i -> intents.get(next.getAndIncrement() % intents.size());
        double[] workload = CpuUse.workloadCryptoMicros(node.origin(), intents.subList(intents.size() - 4096, intents.size()),
                answerTo(client, node.port(), body.apply(0)));
        System.out.printf("crypto CPU time for this load's messages (verify its intents, sign offer.sets like the node's answers): "
                + "sign %.0f us, full verify %.0f us => %d cores make at most %,.0f requests/s%n", workload[0], workload[1], cores,
                cores * 1e6 / (workload[0] + workload[1]));

        // Warm-up: until the JIT has compiled the request path (the JVM's own threads take under
        // 5% of the process's CPU time), so that its work does not count against the node; a
        // quiet machine gets there within seconds, a busy one may take minutes.
        long warmed = 0;
        long warmUpStart = System.nanoTime();
        double jvmShare;
        do {
            CpuUse.Snapshot chunkStart = CpuUse.snapshot();
            long chunk = closedLoop(vertx, client, node.port(), "/parley/messages", body, 3, connections).requests();
            warmed += chunk;
            CpuUse.Phase phase = CpuUse.since(chunkStart, chunk);
            jvmShare = phase.micros("JVM (GC, JIT)") / phase.processMicrosPerRequest();
        } while ((warmed < WARM_UP_REQUESTS || jvmShare > 0.05) && System.nanoTime() - warmUpStart < TimeUnit.MINUTES.toNanos(3)
                && warmed < intents.size() / 3);
        System.out.printf("warm-up: %,d requests in %.0f s; the JVM's own threads (GC, JIT) took %.0f%% of the CPU time of the last 3 s%n",
                warmed, (System.nanoTime() - warmUpStart) / 1e9, 100 * jvmShare);
        SAMPLED.set(0);
        SAMPLED_OFFERS.set(0);
        SAMPLED_BYTES.set(0);
        CpuUse.Snapshot nodeStart = CpuUse.snapshot();
        Result saturation = closedLoop(vertx, client, node.port(), "/parley/messages", body, seconds, connections);
        CpuUse.Phase nodePhase = CpuUse.since(nodeStart, saturation.requests());
        System.out.printf("node, intent -> offer.set, saturated with %d connections: %,.0f requests/s (%.2fx the crypto ceiling, %.2fx the bare responder), errors %d%n",
                connections, saturation.throughput(), saturation.throughput() / ceiling, saturation.throughput() / bareRate,
                saturation.errors());
        System.out.printf("  %s%n", nodePhase);
        double nodeCpu = nodePhase.processMicrosPerRequest() - nodePhase.clientMicrosPerRequest();
        System.out.printf("  CPU per request: node %.0f us (its threads and the JVM's; its threads alone %.0f us), load client %.0f us; "
                        + "from CPU time: %.2fx the crypto ceiling (sign + verify %.0f us), bound with HTTP (bare responder %.0f us per request, "
                        + "client included): %.2fx; for this load's messages (sign + verify %.0f us): %.2fx%n",
                nodePhase.processMicrosPerRequest() - nodePhase.clientMicrosPerRequest(),
                nodePhase.micros("node event loops") + nodePhase.micros("node workers"), nodePhase.clientMicrosPerRequest(),
                (cryptoCpu[0] + cryptoCpu[1]) / nodePhase.processMicrosPerRequest(), cryptoCpu[0] + cryptoCpu[1], bareCpu,
                (cryptoCpu[0] + cryptoCpu[1]) / (cryptoCpu[0] + cryptoCpu[1] + bareCpu),
                workload[0] + workload[1], (workload[0] + workload[1]) / nodePhase.processMicrosPerRequest());
        System.out.printf("answers sampled: %,d, offers per answer: %.1f, bytes per answer: %,.0f%n", SAMPLED.get(),
                SAMPLED.get() == 0 ? 0.0 : (double) SAMPLED_OFFERS.get() / SAMPLED.get(),
                SAMPLED.get() == 0 ? 0.0 : (double) SAMPLED_BYTES.get() / SAMPLED.get());
        if (nodeCpu <= 0) {
            System.out.println("warning: no CPU time measured for the node");
        }
        // Requests arrive on their own schedule, as from many twins each on its own connection: a
        // pool as small as the closed loop's would queue arrivals in the client behind busy
        // connections and count that wait as the node's latency.
        HttpClient openClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(OPEN_LOOP_CONNECTIONS));
        // -Dparley.load.share=0.5,0.7,0.8 measures the latency at each of these shares of saturation in turn
        for (String shareText : System.getProperty("parley.load.share", "0.8").split(",")) {
            double share = Double.parseDouble(shareText.trim());
            double rate = saturation.throughput() * share;
            // The pool starts empty: the first second opens hundreds of connections at once and the
            // backlog that builds then takes seconds to drain, which is start-up, not the node's
            // latency under steady load. A first open-loop run at the same rate fills the pool.
            openLoop(vertx, openClient, node.port(), body, rate, Math.max(3, seconds / 3));
            CpuUse.Snapshot openStart = CpuUse.snapshot();
            Result open = openLoop(vertx, openClient, node.port(), body, rate, seconds);
            CpuUse.Phase openPhase = CpuUse.since(openStart, open.requests());
            System.out.printf("node at %.0f%% of saturation (%,.0f requests/s offered on up to " + OPEN_LOOP_CONNECTIONS
                            + " connections, %,.0f served): p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d%n",
                    share * 100, rate, open.throughput(), open.percentile(50), open.percentile(99), open.percentile(100), open.errors());
            // requests arriving one by one on many connections cost more than the closed loop's: if the
            // open loop's CPU per request exceeds the saturated loop's by about 1 / share, the offered
            // rate is what the machine can serve in this regime, and the latency is that of overload
            System.out.printf("  %s; CPU per request %.2fx the saturated loop's%n", openPhase,
                    openPhase.processMicrosPerRequest() / nodePhase.processMicrosPerRequest());
        }
        System.out.printf("load average after: %s%n", CpuUse.loadAverage());
        if (next.get() > intents.size()) {
            System.out.println("warning: intents were reused; later ones were refused as replays (raise the pre-signed count)");
        }
        node.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    static double[] cryptoCeiling(int threads) throws Exception {
        Options options = new OptionsBuilder()
                .include("dev.parley.benchmarks.CryptoBenchmark\\.(sign|verifyFull)$")
                .param("alg", "Ed25519").threads(threads).forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(2)).measurementIterations(3).measurementTime(TimeValue.seconds(2))
                .shouldDoGC(true).build();
        double sign = 0;
        double verify = 0;
        for (RunResult r : new Runner(options).run()) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            if (name.endsWith(".sign")) {
                sign = score;
            } else {
                verify = score;
            }
        }
        return new double[] {sign, verify};
    }

    static List<String> presign(String origin, int count, int threads) throws Exception {
        List<CompletableFuture<List<String>>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = t;
            parts.add(CompletableFuture.supplyAsync(() -> LoadBrand.intents(origin, count / threads, seed)));
        }
        List<String> all = new ArrayList<>();
        for (CompletableFuture<List<String>> part : parts) {
            all.addAll(part.get());
        }
        return all;
    }

    record Result(long requests, long errors, double seconds, long[] latenciesMicros) {
        double throughput() {
            return requests / seconds;
        }

        double percentile(double p) {
            if (latenciesMicros.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1000.0;
        }
    }

    /** Requests sent to the node at least before measuring (unless three minutes pass or a third of the intents are used first). */
    private static final int WARM_UP_REQUESTS = 15_000;

    /** Answers checked for their content: one in {@value #SAMPLE_EVERY} (decoding every one would load the client). */
    private static final int SAMPLE_EVERY = 50;
    private static final AtomicLong SAMPLED = new AtomicLong();
    private static final AtomicLong SAMPLED_OFFERS = new AtomicLong();
    private static final AtomicLong SAMPLED_BYTES = new AtomicLong();

    private static Future<Integer> post(HttpClient client, int port, String path, String body) {
        return client.request(HttpMethod.POST, port, "127.0.0.1", path)
                .compose(req -> req.putHeader("Content-Type", "application/jose").send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> {
                    CpuUse.clientThread();
                    if (resp.statusCode() == 200 && ThreadLocalRandom.current().nextInt(SAMPLE_EVERY) == 0) {
                        countOffers(b.toString(StandardCharsets.US_ASCII));
                    }
                    return resp.statusCode();
                }));
    }

    /**
     * Counts the offers in a sampled answer, so that the figures say what was served: an
     * offer.set with no offers costs the node much less than one with ten.
     */
    private static void countOffers(String compact) {
        int dot1 = compact.indexOf('.');
        int dot2 = compact.indexOf('.', dot1 + 1);
        if (dot1 < 0 || dot2 < 0) {
            return;
        }
        String payload = new String(Base64.getUrlDecoder().decode(compact.substring(dot1 + 1, dot2)), StandardCharsets.UTF_8);
        long offers = 0;
        for (int at = payload.indexOf("\"offer_id\""); at >= 0; at = payload.indexOf("\"offer_id\"", at + 1)) {
            offers++;
        }
        SAMPLED.incrementAndGet();
        SAMPLED_OFFERS.addAndGet(offers);
        SAMPLED_BYTES.addAndGet(compact.length());
    }

    /** The node's answer to one request, for measuring what signing such answers costs. */
    static String answerTo(HttpClient client, int port, String intent) throws Exception {
        return client.request(HttpMethod.POST, port, "127.0.0.1", "/parley/messages")
                .compose(req -> req.putHeader("Content-Type", "application/jose").send(Buffer.buffer(intent)))
                .compose(resp -> resp.body().map(b -> {
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException("the node refused a load intent: HTTP " + resp.statusCode());
                    }
                    return b.toString(StandardCharsets.US_ASCII);
                })).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Keeps {@code connections} requests in flight for {@code seconds}. */
    static Result closedLoop(Vertx vertx, HttpClient client, int port, String path, java.util.function.IntFunction<String> body,
                                     int seconds, int connections) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AtomicInteger active = new AtomicInteger(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            vertx.runOnContext(v -> loop(client, port, path, body, end, done, errors, active, finished));
        }
        finished.get(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(done.get(), errors.get(), elapsed, new long[0]);
    }

    private static void loop(HttpClient client, int port, String path, java.util.function.IntFunction<String> body, long end,
                             AtomicLong done, AtomicLong errors, AtomicInteger active, CompletableFuture<Void> finished) {
        if (System.nanoTime() >= end) {
            if (active.decrementAndGet() == 0) {
                finished.complete(null);
            }
            return;
        }
        post(client, port, path, body.apply(0)).onComplete(ar -> {
            done.incrementAndGet();
            if (ar.failed() || ar.result() != 200) {
                errors.incrementAndGet();
            }
            loop(client, port, path, body, end, done, errors, active, finished);
        });
    }

    /** Offers {@code rate} requests a second for {@code seconds}, whatever the answers take. */
    static Result openLoop(Vertx vertx, HttpClient client, int port, java.util.function.IntFunction<String> body, double rate,
                                   int seconds) throws Exception {
        long total = (long) (rate * seconds);
        long startNanos = System.nanoTime();
        double intervalNanos = 1e9 / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong issued = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (issued.get() < total && startNanos + (long) (issued.get() * intervalNanos) <= now) {
                long scheduled = startNanos + (long) (issued.getAndIncrement() * intervalNanos);
                post(client, port, "/parley/messages", body.apply(0)).onComplete(ar -> {
                    latencies.add((System.nanoTime() - scheduled) / 1000);
                    if (ar.failed() || ar.result() != 200) {
                        errors.incrementAndGet();
                    }
                    if (completed.incrementAndGet() == total) {
                        finished.complete(null);
                    }
                });
            }
        });
        finished.get(seconds + 120L, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        return new Result(total, errors.get(), elapsed, latencies.stream().mapToLong(Long::longValue).toArray());
    }
}
