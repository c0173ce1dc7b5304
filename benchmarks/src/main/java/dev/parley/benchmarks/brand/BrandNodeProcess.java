package dev.parley.benchmarks.brand;

import dev.parley.brand.node.BrandNode;
import java.util.concurrent.TimeUnit;

/**
 * The load brand as a process of its own, for {@link PinnedBrandLoad}: starts the node, prints
 * {@code READY port origin} and serves until its standard input closes. With
 * {@code -Dparley.load.responder=crypto} the port is that of a {@link CryptoResponder} beside it.
 */
public final class BrandNodeProcess {
    private BrandNodeProcess() {}

    public static void main(String[] args) throws Exception {
        BrandNode node = LoadBrand.start("parley-brand-pinned", Integer.getInteger("parley.load.workers"));
        // -Dparley.load.responder=crypto: the load goes to the least a node must do instead of the node
        io.vertx.core.Vertx responder = null;
        int port = node.port();
        if ("crypto".equals(System.getProperty("parley.load.responder"))) {
            responder = io.vertx.core.Vertx.vertx();
            port = CryptoResponder.start(responder, node);
        }
        System.out.println("READY " + port + " " + node.origin());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the parent closes the pipe (or ends)
        }
        if (responder != null) {
            responder.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
        node.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        System.exit(0);
    }
}
