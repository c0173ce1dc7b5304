package dev.parley.catalog.feed;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's data folder, passed to tests by the build. */
final class Data {
    private Data() {}

    static Path dir(String name) {
        String root = System.getProperty("parley.data", "../data");
        Path dir = Path.of(root, name);
        if (!Files.exists(dir)) {
            throw new IllegalStateException("test data not found: " + dir.toAbsolutePath());
        }
        return dir;
    }
}
