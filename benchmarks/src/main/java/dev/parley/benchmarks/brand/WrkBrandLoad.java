package dev.parley.benchmarks.brand;

import dev.parley.brand.node.BrandNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The brand node saturated by <a href="https://github.com/wg/wrk">wrk</a>, a load generator in C
 * whose CPU time per request is a fraction of a Java client's, so that on shared cores the node
 * keeps more of them. Same run: the crypto-bound ceiling (JMH, both cores; and from the CPU time of
 * one sign and one full verify), and a bare Vert.x responder loaded by the same wrk. The node
 * answers pre-signed, unique intents (a Lua script sends each line of a file once): a warm-up run,
 * then the measured run on intents not sent before.
 *
 * <p>{@code java -Dparley.examples=examples -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.brand.WrkBrandLoad [SECONDS] [CONNECTIONS] [WARM-UP SECONDS]}
 * (needs wrk: {@code apt-get install wrk})
 */
public final class WrkBrandLoad {

    private WrkBrandLoad() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores, %s %s, %s, load average %s%n", cores, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), wrkVersion(), CpuUse.loadAverage());
        Path dir = Files.createTempDirectory("parley-wrk");
        Path intentsScript = resource(dir, "intents.lua");
        Path bareScript = resource(dir, "bare.lua");

        double[] crypto = BrandLoad.cryptoCeiling(cores);
        double ceiling = 1.0 / (1.0 / crypto[0] + 1.0 / crypto[1]);
        System.out.printf("crypto on %d threads (JMH): sign %,.0f/s, full verify %,.0f/s => ceiling of one verify + one sign: %,.0f requests/s%n",
                cores, crypto[0], crypto[1], ceiling);
        double[] cryptoCpu = CpuUse.cryptoMicros();
        double cpuCeiling = cores * 1e6 / (cryptoCpu[0] + cryptoCpu[1]);
        System.out.printf("crypto CPU time on one thread: sign %.0f us, full verify %.0f us => %d cores make at most %,.0f requests/s%n",
                cryptoCpu[0], cryptoCpu[1], cores, cpuCeiling);

        Vertx vertx = Vertx.vertx();
        var bare = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b ->
                req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true,\"note\":\"bare responder\"}")))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        String bareUrl = "http://127.0.0.1:" + bare.actualPort();
        wrk(bareScript, bareUrl, cores, connections, Math.max(3, seconds / 3));
        CpuUse.Snapshot bareStart = CpuUse.snapshot();
        Wrk bareRun = wrk(bareScript, bareUrl, cores, connections, seconds);
        CpuUse.Phase barePhase = CpuUse.since(bareStart, bareRun.requests);
        System.out.printf("bare Vert.x responder: %,.0f requests/s; responder %.0f us + wrk %.0f us of CPU per request%n",
                bareRun.rate, barePhase.processMicrosPerRequest(), bareRun.cpuMicrosPerRequest());
        bare.close().toCompletionStage().toCompletableFuture().get();

        BrandNode node = LoadBrand.start("parley-wrk-load", Integer.getInteger("parley.load.workers"));
        try {
            String url = "http://127.0.0.1:" + node.port();
            double rate = Math.max(ceiling, cpuCeiling);
            Path warmIntents = dir.resolve("warm-up.jws");
            Path measuredIntents = dir.resolve("measured.jws");
            Files.write(warmIntents, BrandLoad.presign(node.origin(), (int) (rate * warmUp * 1.2), cores));
            Files.write(measuredIntents, BrandLoad.presign(node.origin(), (int) (rate * seconds * 1.2), cores));
            Wrk warm = wrk(intentsScript, url, cores, connections, warmUp, warmIntents.toString(), Integer.toString(cores));
            System.out.printf("warm-up: %,d requests in %d s%n", warm.requests, warmUp);
            CpuUse.Snapshot start = CpuUse.snapshot();
            Wrk run = wrk(intentsScript, url, cores, connections, seconds, measuredIntents.toString(), Integer.toString(cores));
            CpuUse.Phase phase = CpuUse.since(start, run.requests);
            System.out.printf("node, intent -> offer.set, saturated by wrk (%d threads, %d connections, %d s): %,.0f requests/s = "
                            + "%.2fx the crypto ceiling (JMH), %.2fx the ceiling from CPU time, %.2fx the bare responder; non-2xx answers %d%n",
                    cores, connections, seconds, run.rate, run.rate / ceiling, run.rate / cpuCeiling, run.rate / bareRun.rate, run.failed);
            System.out.printf("  CPU per request: node %.0f us (sign + verify %.0f us: %.2fx), wrk %.0f us; machine busy %.0f%%%n",
                    phase.processMicrosPerRequest(), cryptoCpu[0] + cryptoCpu[1], (cryptoCpu[0] + cryptoCpu[1]) / phase.processMicrosPerRequest(),
                    run.cpuMicrosPerRequest(), 100 * phase.machineBusy());
            System.out.printf("  wrk's latency of the saturated run (closed loop, not a latency target): %s%n", run.latency);
            if (run.failed > 0) {
                System.out.println("warning: some answers were not 200 (intents reused as replays, or refused): raise the counts");
            }
        } finally {
            node.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        System.out.printf("load average after: %s%n", CpuUse.loadAverage());
    }

    /** What one wrk run reported, and the CPU time wrk itself used. */
    private record Wrk(double rate, long requests, long failed, String latency, double cpuSeconds) {
        double cpuMicrosPerRequest() {
            return cpuSeconds * 1e6 / Math.max(1, requests);
        }
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("([0-9]+) requests in");
    private static final Pattern FAILED = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
    private static final Pattern LATENCY = Pattern.compile("Latency\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)");
    /** bash's {@code times}: the children's user and system time, e.g. {@code 0m1.234s 0m0.456s}. */
    private static final Pattern TIMES = Pattern.compile("([0-9]+)m([0-9.]+)s\\s+([0-9]+)m([0-9.]+)s\\s*$");

    private static Wrk wrk(Path script, String url, int threads, int connections, int seconds, String... scriptArgs) throws Exception {
        StringBuilder command = new StringBuilder("wrk -t " + threads + " -c " + connections + " -d " + seconds + "s --timeout 10s -s '" + script + "' " + url);
        if (scriptArgs.length > 0) {
            command.append(" --");
            for (String a : scriptArgs) {
                command.append(" '").append(a).append('\'');
            }
        }
        // bash's times reports the CPU time of its finished children: wrk's own
        Process p = new ProcessBuilder("bash", "-c", command + " && times").redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Matcher rate = RATE.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        if (!rate.find() || !requests.find()) {
            throw new IllegalStateException("cannot read wrk's report: " + out);
        }
        Matcher failed = FAILED.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        Matcher times = TIMES.matcher(out.strip());
        double cpu = times.find() ? Integer.parseInt(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                + Integer.parseInt(times.group(3)) * 60 + Double.parseDouble(times.group(4)) : Double.NaN;
        return new Wrk(Double.parseDouble(rate.group(1)), Long.parseLong(requests.group(1)), failed.find() ? Long.parseLong(failed.group(1)) : 0,
                latency.find() ? "average " + latency.group(1) + ", standard deviation " + latency.group(2) + ", max " + latency.group(3) : "?", cpu);
    }

    private static String wrkVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("wrk").replaceAll("\\s+Copyright.*", "");
        } catch (IOException e) {
            throw new IllegalStateException("wrk is needed (Debian: apt-get install wrk)", e);
        }
    }

    private static Path resource(Path dir, String name) throws IOException {
        try (InputStream in = WrkBrandLoad.class.getResourceAsStream("/wrk/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource wrk/" + name);
            }
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }
}
