package dev.parley.benchmarks.brand;

import dev.parley.benchmarks.CryptoBenchmark;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the CPU time of a load phase goes: the process's CPU time split by thread group (the load
 * client's threads, the node's event loops, the node's workers, the JVM's own threads such as GC
 * and JIT), per request, next to how busy the process and the whole machine were. CPU time per
 * request does not depend on what else runs on the machine, so it compares runs taken on a busy
 * shared machine where throughput alone would not.
 */
final class CpuUse {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Threads seen running the load client's callbacks. */
    private static final Set<Long> CLIENT = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<Boolean> SEEN = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private CpuUse() {}

    /** Marks the calling thread as one of the load client's. */
    static void clientThread() {
        if (!SEEN.get()) {
            SEEN.set(Boolean.TRUE);
            CLIENT.add(Thread.currentThread().getId());
        }
    }

    record Snapshot(long wallNanos, long processNanos, Map<String, Long> groups, long[] machine) {}

    static Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), groups(), machine());
    }

    /** CPU time of the live Java threads, by group. */
    private static Map<String, Long> groups() {
        Map<String, Long> groups = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue;
            }
            groups.merge(group(ids[i], infos[i].getThreadName()), cpu, Long::sum);
        }
        return groups;
    }

    private static String group(long id, String name) {
        if (CLIENT.contains(id)) {
            return "client";
        }
        if (name.startsWith("vert.x-eventloop")) {
            return "node event loops";
        }
        if (name.startsWith("vert.x-worker") || name.startsWith("parley-messages")) {
            return "node workers";
        }
        return "other Java threads";
    }

    /** Busy and total jiffies of the machine, from /proc/stat; zeros where there is none. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", OS.getSystemLoadAverage());
        }
    }

    /** What a phase cost, from {@code start} to now, over {@code requests} requests. */
    static Phase since(Snapshot start, long requests) {
        Snapshot end = snapshot();
        Map<String, Long> groups = new HashMap<>();
        long javaThreads = 0;
        for (Map.Entry<String, Long> e : end.groups().entrySet()) {
            // threads that ended during the phase are not counted; the load keeps its threads alive
            long used = Math.max(0, e.getValue() - start.groups().getOrDefault(e.getKey(), 0L));
            groups.put(e.getKey(), used);
            javaThreads += used;
        }
        long process = end.processNanos() - start.processNanos();
        groups.put("JVM (GC, JIT)", Math.max(0, process - javaThreads));
        long busy = end.machine()[0] - start.machine()[0];
        long total = end.machine()[1] - start.machine()[1];
        return new Phase((end.wallNanos() - start.wallNanos()) / 1e9, process / 1e9, groups, total == 0 ? Double.NaN : (double) busy / total,
                Math.max(1, requests));
    }

    record Phase(double seconds, double processSeconds, Map<String, Long> groupNanos, double machineBusy, long requests) {
        double processMicrosPerRequest() {
            return processSeconds * 1e6 / requests;
        }

        double clientMicrosPerRequest() {
            return micros("client");
        }

        double micros(String group) {
            return groupNanos.getOrDefault(group, 0L) / 1e3 / requests;
        }

        @Override
        public String toString() {
            StringBuilder parts = new StringBuilder();
            for (String g : new String[] {"client", "node event loops", "node workers", "other Java threads", "JVM (GC, JIT)"}) {
                parts.append(parts.length() == 0 ? "" : " + ").append(String.format("%s %.0f", g, micros(g)));
            }
            return String.format("process used %.2f of %d cores (%.0f%%), machine busy %.0f%%; CPU per request %.0f us = %s",
                    processSeconds / seconds, CORES, 100 * processSeconds / seconds / CORES, 100 * machineBusy, processMicrosPerRequest(), parts);
        }
    }

    /**
     * CPU time of one sign and one full verify, in microseconds, measured on this thread with the
     * operations and the message of {@link CryptoBenchmark}.
     */
    static double[] cryptoMicros() throws Exception {
        CryptoBenchmark bench = new CryptoBenchmark();
        bench.alg = "Ed25519";
        bench.setup();
        return steady(bench::sign, () -> {
            try {
                return bench.verifyFull();
            } catch (dev.parley.protocol.error.ProtocolException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * CPU microseconds of one {@code sign} and one {@code verify}, in rounds of about two seconds
     * each until two rounds in a row agree within 5 % (at most six): a process with one CPU
     * compiles slowly, and its first rounds measured up to twice the steady cost.
     */
    private static double[] steady(java.util.function.Supplier<Object> sign, java.util.function.Supplier<Object> verify) {
        double previous = Double.NaN;
        double[] result = null;
        for (int round = 0; round < 6; round++) {
            result = new double[] {perOp(sign), perOp(verify)};
            double total = result[0] + result[1];
            if (Math.abs(total - previous) <= 0.05 * total) {
                break;
            }
            previous = total;
        }
        return result;
    }

    /**
     * CPU time of one sign and one full verify, in microseconds, measured on this thread with the
     * messages of the load itself: the full verification (as the node verifies: did:key issuer,
     * audience, replay record, schema) of the load's {@code intents} addressed to {@code origin},
     * and the signing of an {@code offer.set} with the body of {@code answer}, one the node sent.
     * The ceiling of {@link #cryptoMicros} signs and verifies a smaller offer.set of the core's
     * benchmark; a node that answers with larger messages hashes more per signature.
     */
    static double[] workloadCryptoMicros(String origin, java.util.List<String> intents, String answer) throws Exception {
        java.time.Clock clock = java.time.Clock.systemUTC();
        int pool = Math.min(intents.size(), 4096);
        dev.parley.protocol.verify.Verifier[] verifier = {null};
        int[] next = {pool};
        java.util.function.Supplier<Object> verify = () -> {
            if (next[0] == pool) {
                verifier[0] = dev.parley.protocol.verify.Verifier.builder().keys(new dev.parley.protocol.keys.DidKeyResolver())
                        .expectAudience(origin).replayGuard(new dev.parley.protocol.verify.InMemoryReplayGuard(pool * 2, clock))
                        .clock(clock).allowLoopbackHttpIssuers().build();
                next[0] = 0;
            }
            try {
                return verifier[0].verify(intents.get(next[0]++));
            } catch (dev.parley.protocol.error.ProtocolException e) {
                throw new IllegalStateException("a load intent does not verify: " + e.getMessage(), e);
            }
        };
        String payloadSegment = answer.substring(answer.indexOf('.') + 1, answer.lastIndexOf('.'));
        com.fasterxml.jackson.databind.node.ObjectNode payload = dev.parley.protocol.json.ParleyJson.readObject(
                java.util.Base64.getUrlDecoder().decode(payloadSegment));
        com.fasterxml.jackson.databind.JsonNode body = payload.get("body");
        String twin = payload.get("aud").asText();
        dev.parley.protocol.sign.MessageSigner signer = dev.parley.protocol.sign.MessageSigner.create(
                dev.parley.protocol.keys.Keys.generate(dev.parley.protocol.keys.Keys.Algorithm.ED25519, "load-1"), origin, clock,
                new java.util.SplittableRandom(5));
        java.util.function.Supplier<Object> sign = () -> signer.message(dev.parley.protocol.message.MessageType.OFFER_SET, body)
                .to(twin).re("m-load").ttl(java.time.Duration.ofHours(1)).sign().compact();
        return steady(sign, verify);
    }

    /** CPU microseconds per call of {@code op}, over about two seconds of this thread's CPU time. */
    private static double perOp(java.util.function.Supplier<Object> op) {
        long start = THREADS.getCurrentThreadCpuTime();
        long ops = 0;
        int sink = 0;
        while (THREADS.getCurrentThreadCpuTime() - start < 2_000_000_000L) {
            for (int i = 0; i < 100; i++) {
                sink += System.identityHashCode(op.get()) & 1;
            }
            ops += 100;
        }
        if (sink < 0) {
            throw new AssertionError();
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / ops;
    }
}
