package dev.parley.brand.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrandConfigTest {

    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path file = dir.resolve("brand.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void pathsResolveAgainstTheFile_andEnvironmentVariablesOverride() throws Exception {
        Path file = write("""
                {"name": "Hearth", "catalog": {"format": "csv", "path": "catalog.csv"}, "policy": "policy.json"}""");
        BrandConfig config = BrandConfig.load(file, Map.of("PARLEY_PORT", "9090", "PARLEY_CATALOG_PAGE_SIZE", "50",
                "PARLEY_LIMITS_REQUESTS_PER_SECOND", "2.5", "PARLEY_ORIGIN", "https://hearth.example", "PARLEY_CLUSTER", "true"));
        assertEquals(9090, config.port());
        assertEquals(50, config.catalog().pageSize());
        assertEquals(2.5, config.limits().requestsPerSecond());
        assertEquals("https://hearth.example", config.originFor(9090));
        assertTrue(config.cluster());
        assertEquals(dir.resolve("catalog.csv"), config.catalog().path());
        assertEquals(dir.resolve("brand-data/keys.json"), config.keys().file(), "keys live in the data folder by default");
        assertEquals(dir.resolve("brand-data/catalog.db"), config.catalog().store());
        assertEquals("http://127.0.0.1:8080", BrandConfig.load(file, Map.of()).originFor(8080), "a loopback node without origin");
    }

    @Test
    void wrongConfigurations_areExplained() throws Exception {
        assertMessage("{\"name\": \"Hearth\", \"catalog\": {\"format\": \"xml\", \"path\": \"c\"}, \"policy\": \"p\"}", Map.of(),
                "catalog.format must be one of");
        assertMessage("{\"name\": \"Hearth\", \"catalog\": {\"format\": \"csv\", \"path\": \"c\"}}", Map.of(), "policy is required");
        assertMessage("{\"name\": \"Hearth\", \"catalog\": {\"format\": \"csv\", \"path\": \"c\"}, \"policy\": \"p\", \"prot\": 1}", Map.of(),
                "prot");
        assertMessage("{\"name\": \"Hearth\", \"catalog\": {\"format\": \"csv\", \"path\": \"c\"}, \"policy\": \"p\"}", Map.of("PARLEY_PORT", "99999"),
                "PARLEY_PORT");
        assertMessage("{\"name\": \"Hearth\", \"origin\": \"https://hearth.example/shop\", \"catalog\": {\"format\": \"csv\", \"path\": \"c\"}, \"policy\": \"p\"}",
                Map.of(), "without path");
        assertMessage("{\"name\": ", Map.of(), "not valid JSON");
        BrandConfig.InvalidConfigException missing = assertThrows(BrandConfig.InvalidConfigException.class,
                () -> BrandConfig.load(dir.resolve("nope.json"), Map.of()));
        assertTrue(missing.getMessage().contains("cannot read configuration"), missing.getMessage());
    }

    @Test
    void workers_defaultToTheVertxPool_canBeSet_andMustBePositive() throws Exception {
        String base = "{\"name\": \"Hearth\", \"catalog\": {\"format\": \"csv\", \"path\": \"c\"}, \"policy\": \"p\"";
        assertEquals(null, BrandConfig.load(write(base + "}"), Map.of()).limits().workers(), "none of its own: Vert.x's worker pool");
        assertEquals(4, BrandConfig.load(write(base + ", \"limits\": {\"workers\": 4}}"), Map.of()).limits().workers());
        assertEquals(2, BrandConfig.load(write(base + "}"), Map.of("PARLEY_LIMITS_WORKERS", "2")).limits().workers());
        assertMessage(base + ", \"limits\": {\"workers\": 0}}", Map.of(), "workers 1..1024");
    }

    private void assertMessage(String json, Map<String, String> env, String expected) throws Exception {
        Path file = write(json);
        BrandConfig.InvalidConfigException e = assertThrows(BrandConfig.InvalidConfigException.class, () -> BrandConfig.load(file, env));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
