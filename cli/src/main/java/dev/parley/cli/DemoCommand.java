package dev.parley.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", description = "Run three brand agents and several twins on real data (not available in this build).")
final class DemoCommand implements Callable<Integer> {
    private final Main.Io io;

    DemoCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        io.err().println("parley demo: not available yet in this build: the brand agent and the twin it runs are still being built."
                + " See README.md for what works today (keys, signing, verification, validation).");
        return Main.EXIT_USAGE;
    }
}
