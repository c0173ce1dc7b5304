package dev.parley.cli;

import dev.parley.brand.keys.KeyRing;
import dev.parley.brand.node.BrandConfig;
import dev.parley.brand.node.BrandNode;
import dev.parley.protocol.keys.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "brand", description = {
        "Run a brand agent (its Co-Marketer) from a configuration file until interrupted.",
        "Environment variables PARLEY_<SETTING> override the file (PARLEY_PORT, PARLEY_ORIGIN, PARLEY_CATALOG_PATH, ...)."},
        subcommands = BrandCommand.RotateKey.class)
final class BrandCommand implements Callable<Integer> {
    private final Main.Io io;

    @Option(names = "--config", paramLabel = "FILE", description = "The node's configuration (JSON), e.g. examples/brand/brand.json.")
    Path config;

    @Option(names = "--cluster", description = "Join the other nodes of this brand on this host (Hazelcast on 127.0.0.1).")
    boolean cluster;

    BrandCommand(Main.Io io) {
        this.io = io;
    }

    static BrandConfig load(Path file) {
        try {
            return BrandConfig.load(file, System.getenv());
        } catch (BrandConfig.InvalidConfigException e) {
            throw new UsageError(e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            throw new UsageError("brand needs --config FILE (see examples/brand/brand.json)");
        }
        BrandConfig loaded = load(config);
        if (cluster && !loaded.cluster()) {
            loaded = new BrandConfig(loaded.name(), loaded.origin(), loaded.host(), loaded.port(), loaded.dataDir(), loaded.keys(),
                    loaded.catalog(), loaded.policy(), loaded.limits(), loaded.testMode(), true, loaded.contact());
        }
        BrandNode node;
        try {
            node = BrandNode.start(loaded, BrandNode.Options.defaults()).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new UsageError("cannot start the brand agent: " + e.getCause().getMessage());
        }
        io.out().printf("brand agent \"%s\" listening on %s as %s (%,d products)%n", loaded.name(), node.url(), node.origin(), node.catalog().size());
        io.out().println("descriptor: " + node.url() + "/.well-known/parley   metrics: " + node.url() + "/metrics   stop: Ctrl-C");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                io.err().println("parley brand: unclean stop: " + e);
            }
            stopped.countDown();
        }, "parley-brand-stop"));
        stopped.await();
        return 0;
    }

    @Command(name = "rotate-key", description = {
            "Add a new signing key to the brand's key file (rotation by overlap, spec section 2.1).",
            "The new key is published at once and signs after --lead; the old one stays published for --grace.",
            "A running node picks the change up within 30 seconds."})
    static final class RotateKey implements Callable<Integer> {
        private final Main.Io io;

        @Option(names = "--config", required = true, paramLabel = "FILE")
        Path config;

        @Option(names = "--lead", defaultValue = "PT1H", paramLabel = "DURATION",
                description = "How long the new key is published before it signs (ISO-8601, default PT1H: longer than the JWKS cache time).")
        Duration lead;

        @Option(names = "--grace", defaultValue = "P7D", paramLabel = "DURATION",
                description = "How long the old key stays published after the switch (default P7D: longer than quotes live).")
        Duration grace;

        RotateKey(Main.Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            BrandConfig loaded = load(config);
            Path file = loaded.keys().file();
            if (!Files.exists(file)) {
                throw new UsageError("no key file at " + file + "; start the node once to create it");
            }
            KeyRing ring = KeyRing.load(file);
            KeyRing next = ring.rotate(Keys.Algorithm.parse(loaded.keys().algorithm()), io.clock().instant(), lead, grace);
            next.save(file);
            KeyRing.Entry added = next.entries().get(next.entries().size() - 1);
            io.out().printf("added key %s: signs from %s; earlier keys retire %s%n", added.key().getKeyID(), added.activeFrom(),
                    added.activeFrom().plus(grace));
            return 0;
        }
    }
}
