package dev.parley.cli;

import com.nimbusds.jose.jwk.JWK;
import dev.parley.protocol.keys.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading key files and bounded input, with usage errors that name the file. */
final class Inputs {
    /** Key files and stdin documents larger than this are refused. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private Inputs() {}

    static String readFile(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UsageError(file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
    }

    static List<JWK> keys(Path file) {
        try {
            return Keys.parseJwkOrJwks(readFile(file));
        } catch (IllegalArgumentException e) {
            throw new UsageError(file + ": " + e.getMessage());
        }
    }

    static JWK privateKey(Path file) {
        List<JWK> keys = keys(file);
        if (keys.size() != 1) {
            throw new UsageError(file + ": expected one private JWK, found " + keys.size() + " keys");
        }
        JWK key = keys.get(0);
        if (!key.isPrivate()) {
            throw new UsageError(file + ": not a private key");
        }
        try {
            Keys.algorithmOf(key);
        } catch (IllegalArgumentException e) {
            throw new UsageError(file + ": " + e.getMessage());
        }
        return key;
    }

    /**
     * Reads at most {@code limit} bytes; returns {@code limit + 1} bytes when the input is longer,
     * so the caller can report it as too large without holding the rest.
     */
    static byte[] readBounded(InputStream in, int limit) {
        try {
            byte[] head = in.readNBytes(limit + 1);
            if (head.length > limit) {
                in.skip(Long.MAX_VALUE);
            }
            return head;
        } catch (IOException e) {
            throw new UsageError("cannot read input: " + e.getMessage());
        }
    }
}
