package dev.parley.brand.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** spec/openapi.yaml describes exactly the endpoints the reference node serves. */
class OpenApiTest {

    @Test
    void openApiPaths_areTheNodesEndpoints() throws Exception {
        String yaml = Files.readString(Path.of(System.getProperty("parley.openapi", "../spec/openapi.yaml")));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^  (/[^:]*):$").matcher(yaml);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(new TreeSet<>(Set.of(BrandNode.DESCRIPTOR, BrandNode.JWKS, BrandNode.MESSAGES, BrandNode.CATALOG,
                BrandNode.CATALOG_STREAM, BrandNode.TEST_FIXTURE, "/metrics")), documented);
    }
}
