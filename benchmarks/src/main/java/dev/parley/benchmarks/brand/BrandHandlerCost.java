package dev.parley.benchmarks.brand;

import dev.parley.brand.node.BrandNode;
import dev.parley.brand.service.BrandService;
import dev.parley.brand.service.Reply;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time a brand node's protocol engine spends on one {@code intent} → {@code offer.set},
 * without HTTP: {@link BrandService#handle} called on one thread with pre-signed intents (the
 * same example brand and intents as {@link BrandLoad}), next to the CPU time of one sign and one
 * full verify. Thread CPU time, so the figures hold on a machine busy with other work; run it
 * under a profiler to see where the handler's time goes.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.brand.BrandHandlerCost [REQUESTS]}
 */
public final class BrandHandlerCost {

    private BrandHandlerCost() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double[] crypto = CpuUse.cryptoMicros();
        System.out.printf("one thread: sign %.0f us, full verify %.0f us (CPU time)%n", crypto[0], crypto[1]);

        BrandNode node = LoadBrand.start("parley-brand-cost", null);
        try {
            List<String> intents = LoadBrand.intents(node.origin(), requests * 2, 1);
            // its own thread, so that a profile of the run can be narrowed to the handler
            Thread handler = new Thread(() -> measure(node.service(), intents, requests, crypto), "brand-handler");
            handler.start();
            handler.join();
        } finally {
            node.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }

    private static void measure(BrandService service, List<String> intents, int requests, double[] crypto) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int at = 0;
        long bytes = 0;
        for (int phase = 0; phase < 2; phase++) {
            long start = threads.getCurrentThreadCpuTime();
            bytes = 0;
            for (int i = 0; i < requests; i++) {
                Reply reply = service.handle(intents.get(at++), "127.0.0.1");
                if (reply.status() != 200) {
                    throw new IllegalStateException("the node refused an intent: " + reply.error());
                }
                bytes += reply.compact().length();
            }
            double micros = (threads.getCurrentThreadCpuTime() - start) / 1e3 / requests;
            System.out.printf("%s: %,d intents, %.0f us CPU per intent -> offer.set (%.2fx one sign + one verify), %,d bytes per answer%n",
                    phase == 0 ? "warm-up" : "measured", requests, micros, micros / (crypto[0] + crypto[1]), bytes / requests);
        }
    }

}
