package dev.parley.benchmarks.brand;

import dev.parley.brand.node.BrandNode;
import java.util.concurrent.TimeUnit;

/**
 * The load brand as a process of its own, for {@link PinnedBrandLoad}: starts the node, prints
 * {@code READY port origin} and serves until its standard input closes.
 */
public final class BrandNodeProcess {
    private BrandNodeProcess() {}

    public static void main(String[] args) throws Exception {
        BrandNode node = LoadBrand.start("parley-brand-pinned", Integer.getInteger("parley.load.workers"));
        System.out.println("READY " + node.port() + " " + node.origin());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the parent closes the pipe (or ends)
        }
        node.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        System.exit(0);
    }
}
