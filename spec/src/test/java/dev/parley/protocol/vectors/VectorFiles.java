package dev.parley.protocol.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Reading spec/vectors, and deciding whether a stored file still says what the generator says. */
final class VectorFiles {
    /** Plain Jackson: vector files hold messages larger than the protocol's own JSON bounds allow. */
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FOLDERS = List.of("keys", "valid", "invalid");

    private VectorFiles() {}

    /** spec/vectors, from the spec module's directory (where the build runs its tests). */
    static Path directory() {
        return Path.of(System.getProperty("basedir", ".")).resolve("vectors");
    }

    /** Every .json file under the vector folders, as paths relative to {@code dir}, sorted. */
    static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path sub = dir.resolve(folder);
            if (!Files.isDirectory(sub)) {
                continue;
            }
            try (Stream<Path> files = Files.list(sub)) {
                files.filter(p -> p.toString().endsWith(".json"))
                        .forEach(p -> names.add(folder + "/" + p.getFileName()));
            }
        }
        names.sort(null);
        return names;
    }

    /** Files under the vector folders that the generator no longer produces. */
    static List<String> stale(Path dir, Collection<String> generated) throws IOException {
        List<String> stale = new ArrayList<>(list(dir));
        stale.removeAll(generated);
        return stale;
    }

    /**
     * Whether a stored file matches a generated one: byte for byte, except that in a vector
     * marked {@code "deterministic": false} the signature segments may differ (ES256 signatures
     * are randomized; the stored ones are checked by running the vectors).
     */
    static boolean equivalent(String stored, String generated) {
        if (stored.equals(generated)) {
            return true;
        }
        try {
            JsonNode g = JSON.readTree(generated);
            if (!g.path("deterministic").isBoolean() || g.get("deterministic").asBoolean()) {
                return false;
            }
            return withoutSignatures(JSON.readTree(stored)).equals(withoutSignatures(g));
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode withoutSignatures(JsonNode vector) {
        JsonNode copy = vector.deepCopy();
        for (JsonNode message : copy.path("messages")) {
            String jws = message.path("jws").asText();
            int lastDot = jws.lastIndexOf('.');
            if (lastDot >= 0) {
                ((ObjectNode) message).put("jws", jws.substring(0, lastDot + 1));
            }
        }
        return copy;
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable vector file " + file, e);
        }
    }
}
