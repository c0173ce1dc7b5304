package dev.parley.cli;

import com.nimbusds.jose.jwk.JWK;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.keys.Keys;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "did", description = "Print the did:key of an Ed25519 JWK (private or public).")
final class DidCommand implements Runnable {
    @Parameters(paramLabel = "FILE", description = "an Ed25519 JWK")
    Path file;

    private final Main.Io io;

    DidCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public void run() {
        List<JWK> keys = Inputs.keys(file);
        if (keys.size() != 1) {
            throw new UsageError(file + ": expected one JWK, found " + keys.size());
        }
        JWK key = keys.get(0);
        boolean ed25519;
        try {
            ed25519 = Keys.algorithmOf(key) == Keys.Algorithm.ED25519;
        } catch (IllegalArgumentException e) {
            throw new UsageError(file + ": " + e.getMessage());
        }
        if (!ed25519) {
            throw new UsageError(file + ": a did:key names an Ed25519 key; this is an ES256 key");
        }
        io.out().println(DidKey.of(key));
    }
}
