package dev.parley.benchmarks.brand;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The brand node on a core of its own: the node runs in a child process pinned to CPU 0, the load
 * client in this process pinned to CPU 1 ({@code taskset}), so that neither the client's CPU time
 * nor its scheduling delays count as the node's. References of the same run: the crypto-bound
 * ceiling of the node's core (CPU time of one sign and one full verify on one thread, measured on
 * CPU 0 while the node is idle, before the load and after saturation; their mean). Phases: warm-up
 * until the node's rate is steady, saturation (closed loop), then latency at shares of it (open
 * loop on up to 512 connections, measured from each request's scheduled instant).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.brand.PinnedBrandLoad [SECONDS] [CONNECTIONS]}
 * (Linux with {@code taskset} and at least two CPUs; {@code -Dparley.load.share=0.5,0.8} sets the shares;
 * {@code -Dparley.load.node-jvm="..."} adds options to the node's JVM, such as a flight recording or GC log;
 * {@code -Dparley.load.responder=crypto} loads a {@link CryptoResponder} in the node's place: the bound for any node)
 */
public final class PinnedBrandLoad {
    private static final int OPEN_LOOP_CONNECTIONS = 512;
    /**
     * Requests before measuring, at least: the node's JIT compiles on the node's one core, and two
     * rounds can agree by chance while it still does (a run stopped at 20,000 requests measured
     * 966 us per request, one that went on to 97,000 measured 649).
     */
    private static final int WARM_UP_REQUESTS = 80_000;

    private PinnedBrandLoad() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        long self = ProcessHandle.current().pid();
        run("taskset", "-a", "-p", "-c", "1", Long.toString(self));
        System.out.printf("load client pinned to CPU 1 (now %d CPU), load average %s%n", Runtime.getRuntime().availableProcessors(), CpuUse.loadAverage());

        List<String> command = new ArrayList<>(List.of("taskset", "-c", "0", ProcessHandle.current().info().command().orElse("java")));
        // options for the node's JVM only, e.g. -Dparley.load.node-jvm="-Xlog:gc -XX:StartFlightRecording=filename=node.jfr"
        String nodeJvm = System.getProperty("parley.load.node-jvm", "").trim();
        if (!nodeJvm.isEmpty()) {
            command.addAll(List.of(nodeJvm.split("\\s+")));
        }
        // the node gets this process's parley.* and logging settings
        for (String property : System.getProperties().stringPropertyNames()) {
            if ((property.startsWith("parley.") && !property.equals("parley.load.node-jvm")) || property.startsWith("org.slf4j.")) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BrandNodeProcess.class.getName()));
        Process nodeProcess = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(nodeProcess.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // the node's own output before it is ready
            }
            if (line == null) {
                throw new IllegalStateException("the node process ended before it was ready");
            }
            String[] ready = line.split(" ");
            int port = Integer.parseInt(ready[1]);
            String origin = ready[2];
            ProcessHandle node = nodeProcess.toHandle();
            System.out.printf("node process %d pinned to CPU 0 at %s%s%n", node.pid(), origin,
                    "crypto".equals(System.getProperty("parley.load.responder")) ? "; the load goes to its crypto responder (verify + sign + HTTP only), not the node" : "");

            // the ceiling is measured on the node's own core (CPU 0, the node idle meanwhile): the two CPUs of a virtual
            // machine need not be equally fast at a given time
            double[] cryptoBefore = onNodeCore(self, CpuUse::cryptoMicros);
            System.out.printf("crypto-bound ceiling of the node's core, before the load: sign %.0f us + full verify %.0f us => %,.0f requests/s%n",
                    cryptoBefore[0], cryptoBefore[1], 1e6 / (cryptoBefore[0] + cryptoBefore[1]));

            int needed = Integer.getInteger("parley.load.intents", (int) Math.min(2_000_000, 1e6 / (cryptoBefore[0] + cryptoBefore[1]) * seconds * 6 + 2 * WARM_UP_REQUESTS));
            List<String> intents = BrandLoad.presign(origin, needed, 1);
            System.out.printf("pre-signed %,d intents%n", intents.size());
            AtomicInteger next = new AtomicInteger();
            IntFunction<String> body = i -> intents.get(next.getAndIncrement() % intents.size());

            Vertx vertx = Vertx.vertx();
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
            String answer = BrandLoad.answerTo(client, port, body.apply(0));
            double[] workload = onNodeCore(self, () -> CpuUse.workloadCryptoMicros(origin, intents.subList(intents.size() - 4096, intents.size()), answer));
            double workloadCeiling = 1e6 / (workload[0] + workload[1]);
            System.out.printf("crypto-bound ceiling of one core for this load's messages (verify its intents, sign %,d-byte offer.sets): "
                    + "sign %.0f us + full verify %.0f us => %,.0f requests/s%n", answer.length(), workload[0], workload[1], workloadCeiling);
            // warm-up: until the node's CPU time per request in two 5-second rounds in a row agrees within 5 % (its JIT, on
            // the same core, has compiled the request path), at least WARM_UP_REQUESTS, at most five minutes
            long warmed = 0;
            double previous = 0;
            long warmUpStart = System.nanoTime();
            while (true) {
                Usage chunkStart = Usage.of(node);
                BrandLoad.Result chunk = BrandLoad.closedLoop(vertx, client, port, "/parley/messages", body, 5, connections);
                double micros = Usage.of(node).since(chunkStart).nodeCpu.toNanos() / 1e3 / Math.max(1, chunk.requests());
                warmed += chunk.requests();
                boolean steady = Math.abs(micros - previous) <= 0.05 * micros;
                previous = micros;
                if ((warmed >= WARM_UP_REQUESTS && steady) || System.nanoTime() - warmUpStart > TimeUnit.MINUTES.toNanos(5)) {
                    break;
                }
            }
            System.out.printf("warm-up: %,d requests in %.0f s, the node at %.0f us of CPU per request%n", warmed, (System.nanoTime() - warmUpStart) / 1e9, previous);

            Usage start = Usage.of(node);
            BrandLoad.Result saturation = BrandLoad.closedLoop(vertx, client, port, "/parley/messages", body, seconds, connections);
            Usage used = Usage.of(node).since(start);
            // and again right after saturation: the ceiling of the run is the mean of the two
            double[] cryptoAfter = onNodeCore(self, CpuUse::cryptoMicros);
            double[] crypto = {(cryptoBefore[0] + cryptoAfter[0]) / 2, (cryptoBefore[1] + cryptoAfter[1]) / 2};
            double ceiling = 1e6 / (crypto[0] + crypto[1]);
            System.out.printf("crypto-bound ceiling of the node's core, after saturation: sign %.0f us + full verify %.0f us => %,.0f requests/s; "
                    + "mean of before and after: %,.0f requests/s%n", cryptoAfter[0], cryptoAfter[1], 1e6 / (cryptoAfter[0] + cryptoAfter[1]), ceiling);
            double nodeMicros = used.nodeCpu.toNanos() / 1e3 / saturation.requests();
            System.out.printf("node saturated (%d connections): %,.0f requests/s = %.2fx the crypto ceiling of its core (%.2fx the ceiling for this load's messages); "
                            + "node CPU %.0f%% of its core, %.0f us per request (sign + verify %.0f us: %.2fx; for this load's messages %.0f us: %.2fx); "
                            + "client %.0f us per request; errors %d%n",
                    connections, saturation.throughput(), saturation.throughput() / ceiling, saturation.throughput() / workloadCeiling,
                    100 * used.nodeCpu.toNanos() / (double) used.wall.toNanos(),
                    nodeMicros, crypto[0] + crypto[1], (crypto[0] + crypto[1]) / nodeMicros, workload[0] + workload[1], (workload[0] + workload[1]) / nodeMicros,
                    used.clientCpu.toNanos() / 1e3 / saturation.requests(), saturation.errors());

            // -Dparley.load.open-connections sets another pool size (fewer connections: arrivals may wait in the client)
            int openConnections = Integer.getInteger("parley.load.open-connections", OPEN_LOOP_CONNECTIONS);
            HttpClient openClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(openConnections));
            for (String shareText : System.getProperty("parley.load.share", "0.8").split(",")) {
                double share = Double.parseDouble(shareText.trim());
                double rate = saturation.throughput() * share;
                // a first run at the same rate fills the pool (an empty pool's first second opens hundreds of connections)
                BrandLoad.openLoop(vertx, openClient, port, body, rate, Math.max(3, seconds / 3));
                Usage openStart = Usage.of(node);
                BrandLoad.Result open = BrandLoad.openLoop(vertx, openClient, port, body, rate, seconds);
                Usage openUsed = Usage.of(node).since(openStart);
                System.out.printf("node at %.0f%% of saturation (%,.0f requests/s offered on up to " + openConnections + " connections, %,.0f served): p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d; "
                                + "node CPU %.0f%% of its core, %.0f us per request%n",
                        share * 100, rate, open.throughput(), open.percentile(50), open.percentile(99), open.percentile(100), open.errors(),
                        100 * openUsed.nodeCpu.toNanos() / (double) openUsed.wall.toNanos(), openUsed.nodeCpu.toNanos() / 1e3 / open.requests());
            }
            if (next.get() > intents.size()) {
                System.out.println("warning: intents were reused; later ones were refused as replays (raise -Dparley.load.intents)");
            }
            client.close();
            openClient.close();
            vertx.close().toCompletionStage().toCompletableFuture().get();
        } finally {
            nodeProcess.getOutputStream().close();
            if (!nodeProcess.waitFor(1, TimeUnit.MINUTES)) {
                nodeProcess.destroyForcibly();
            }
        }
    }

    /** Runs {@code measure} with this process moved to CPU 0, the node's, and back to CPU 1 after. */
    private static <T> T onNodeCore(long self, java.util.concurrent.Callable<T> measure) throws Exception {
        run("taskset", "-a", "-p", "-c", "0", Long.toString(self));
        try {
            return measure.call();
        } finally {
            run("taskset", "-a", "-p", "-c", "1", Long.toString(self));
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (Linux with taskset and two CPUs needed)");
        }
    }

    /** CPU time of the node process and of this one, and wall time. */
    private record Usage(Duration nodeCpu, Duration clientCpu, Duration wall) {
        static Usage of(ProcessHandle node) {
            return new Usage(node.info().totalCpuDuration().orElseThrow(), ProcessHandle.current().info().totalCpuDuration().orElseThrow(),
                    Duration.ofNanos(System.nanoTime()));
        }

        Usage since(Usage start) {
            return new Usage(nodeCpu.minus(start.nodeCpu), clientCpu.minus(start.clientCpu), wall.minus(start.wall));
        }
    }
}
