package dev.parley.cli;

import com.nimbusds.jose.jwk.JWK;
import dev.parley.protocol.keys.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "jwks", description = "Print the public JWKS of the given JWK or JWKS files (stdin when none).")
final class JwksCommand implements Runnable {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "JWK or JWKS files")
    List<Path> files = List.of();

    private final Main.Io io;

    JwksCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public void run() {
        List<JWK> keys = new ArrayList<>();
        if (files.isEmpty()) {
            byte[] in = Inputs.readBounded(io.in(), Inputs.MAX_FILE_BYTES);
            if (in.length > Inputs.MAX_FILE_BYTES) {
                throw new UsageError("stdin: larger than " + Inputs.MAX_FILE_BYTES + " bytes");
            }
            try {
                keys.addAll(Keys.parseJwkOrJwks(new String(in, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new UsageError("stdin: " + e.getMessage());
            }
        }
        for (Path file : files) {
            keys.addAll(Inputs.keys(file));
        }
        for (JWK key : keys) {
            try {
                Keys.algorithmOf(key);
            } catch (IllegalArgumentException e) {
                throw new UsageError("key " + key.getKeyID() + ": " + e.getMessage());
            }
        }
        io.out().println(Keys.publicJwks(keys).toString());
    }
}
