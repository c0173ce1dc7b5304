package dev.parley.protocol.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.resource.SchemaLoader;
import com.sun.net.httpserver.HttpServer;
import dev.parley.protocol.schema.ParleySchemas;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the JSON-Schema-Test-Suite's draft 2020-12 folder (copied under
 * {@code external/json-schema-test-suite}, see its SOURCES.md) through the schema registry
 * configuration the protocol core validates with ({@link ParleySchemas#newRegistry()}), adding
 * only the suite's own remote documents, served from the classpath under the ids the suite
 * expects. The cases this configuration gets wrong are listed, each with its reason, in
 * {@value #EXPECTED_FAILURES}: a new failure and a newly passing case both fail the test, so the
 * list always states the validator's actual behaviour.
 */
class JsonSchemaTestSuiteTest {
    private static final String SUITE = "external/json-schema-test-suite/";
    private static final String TESTS = SUITE + "tests/draft2020-12";
    /** Where the suite's README says its remotes live; mapped to the copied files, never fetched. */
    private static final String REMOTE_BASE = "http://localhost:1234/";
    private static final String EXPECTED_FAILURES = "external/json-schema-test-suite-expected-failures.tsv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Boolean> outcomes;
    /** Cases where the boolean output format and the error list disagree on validity. */
    private static final List<String> formatsDisagree = new ArrayList<>();
    private static SchemaRegistry registry;

    /**
     * Outcome of every case, keyed "file TAB group TAB test", true when the validator agreed. The
     * verdict is the one {@link ParleySchemas#validate} reaches: valid if the boolean output format
     * says so, else if the full error list is empty.
     */
    @BeforeAll
    static void runSuite() throws IOException, URISyntaxException {
        SchemaRegistry core = ParleySchemas.newRegistry();
        registry = SchemaRegistry.builder(core)
                .schemaLoader(SchemaLoader.builder(core.getSchemaLoader())
                        .schemaIdResolvers(ids -> ids.mapPrefix(REMOTE_BASE, "classpath:" + SUITE + "remotes/"))
                        .build())
                .build();
        Path root = resourceDirectory(TESTS);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Map<String, Boolean> results = new LinkedHashMap<>();
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            JsonNode groups = JSON.readTree(file.toFile());
            int groupIndex = 0;
            for (JsonNode group : groups) {
                String groupName = group.get("description").asText();
                Schema schema = null;
                String loadFailure = null;
                try {
                    schema = registry.getSchema(
                            SchemaLocation.of("urn:parley:json-schema-test-suite:" + name + ":" + groupIndex), group.get("schema"));
                    schema.initializeValidators();
                } catch (RuntimeException e) {
                    loadFailure = e.getClass().getSimpleName();
                }
                for (JsonNode test : group.get("tests")) {
                    String key = name + "\t" + groupName + "\t" + test.get("description").asText();
                    boolean agreed;
                    if (loadFailure != null) {
                        agreed = false;
                    } else {
                        boolean expectedValid = test.get("valid").asBoolean();
                        boolean valid;
                        try {
                            boolean quick = Boolean.TRUE.equals(schema.validate(test.get("data"), OutputFormat.BOOLEAN));
                            boolean full = schema.validate(test.get("data")).isEmpty();
                            if (quick != full) {
                                formatsDisagree.add(key.replace("\t", " | ") + " (boolean " + quick + ", list " + full + ")");
                            }
                            valid = quick || full;
                        } catch (RuntimeException e) {
                            valid = !expectedValid;
                        }
                        agreed = valid == expectedValid;
                    }
                    if (results.put(key, agreed) != null) {
                        throw new IllegalStateException("two cases share the key " + key.replace('\t', '|'));
                    }
                }
                groupIndex++;
            }
        }
        outcomes = results;
    }

    @Test
    void draft2020_12_failsExactlyTheListedCases() throws IOException {
        Map<String, String> expected = expectedFailures();
        Set<String> actual = new TreeSet<>();
        outcomes.forEach((key, agreed) -> {
            if (!agreed) {
                actual.add(key);
            }
        });
        List<String> regressions = new ArrayList<>();
        for (String key : actual) {
            if (!expected.containsKey(key)) {
                regressions.add(key.replace("\t", " | "));
            }
        }
        List<String> improvements = new ArrayList<>();
        for (String key : expected.keySet()) {
            if (!actual.contains(key)) {
                improvements.add(key.replace("\t", " | "));
            }
        }
        if (!regressions.isEmpty() || !improvements.isEmpty()) {
            fail("JSON-Schema-Test-Suite outcome differs from " + EXPECTED_FAILURES + "\n"
                    + "newly failing (" + regressions.size() + "):\n  " + String.join("\n  ", regressions) + "\n"
                    + "newly passing, remove from the list (" + improvements.size() + "):\n  " + String.join("\n  ", improvements));
        }
    }

    /** The core takes the boolean output format's "valid" without building the error list: the two must agree. */
    @Test
    void draft2020_12_booleanOutputAgreesWithTheErrorList() {
        assertEquals(List.of(), formatsDisagree);
    }

    @Test
    void draft2020_12_everyCopiedCaseRuns() {
        long required = outcomes.keySet().stream().filter(k -> !k.startsWith("optional/")).count();
        assertEquals(2225, outcomes.size(), "cases in tests/draft2020-12 (a file missing or unreadable?)");
        assertEquals(1299, required, "cases outside optional/");
    }

    @Test
    void remoteRef_outsideTheMappings_isNeverFetched() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] schema = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, schema.length);
            exchange.getResponseBody().write(schema);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/string.json";
            JsonNode schema = JSON.readTree("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$ref\":\"" + url + "\"}");
            assertThrows(RuntimeException.class, () -> registry.getSchema(schema).validate(JSON.readTree("1")));
            assertEquals(0, requests.get(), "the validator fetched " + url);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void expectedFailuresList_givesAReasonForEachCase() throws IOException {
        Map<String, String> expected = expectedFailures();
        expected.forEach((key, reason) -> assertTrue(reason.length() >= 10, "no reason given for " + key.replace("\t", " | ")));
        assertEquals(expected.size(), new TreeSet<>(expected.keySet()).size());
    }

    /** The listed failures: lines "file TAB group TAB test TAB reason"; '#' starts a comment line. */
    private static Map<String, String> expectedFailures() throws IOException {
        Map<String, String> expected = new TreeMap<>();
        try (InputStream in = JsonSchemaTestSuiteTest.class.getClassLoader().getResourceAsStream(EXPECTED_FAILURES)) {
            if (in == null) {
                throw new IllegalStateException(EXPECTED_FAILURES + " is missing from the test classpath");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", -1);
                if (parts.length != 4) {
                    throw new IllegalStateException(EXPECTED_FAILURES + ": expected 4 tab-separated fields in: " + line);
                }
                if (expected.put(parts[0] + "\t" + parts[1] + "\t" + parts[2], parts[3].strip()) != null) {
                    throw new IllegalStateException(EXPECTED_FAILURES + ": listed twice: " + line);
                }
            }
        }
        return expected;
    }

    static Path resourceDirectory(String name) throws URISyntaxException {
        URL url = JsonSchemaTestSuiteTest.class.getClassLoader().getResource(name);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException(name + " must be a directory on the test classpath, found " + url);
        }
        return Path.of(url.toURI());
    }
}
