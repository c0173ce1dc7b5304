package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.message.MessageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md and the schemas must describe exactly what the code implements. */
class SpecConsistencyTest {
    private static final Path SPEC = Path.of("PROTOCOL.md");

    private static String spec() throws IOException {
        return Files.readString(SPEC, StandardCharsets.UTF_8);
    }

    @Test
    void everyErrorCode_isInTheRegistryTable_withItsHttpStatus() throws IOException {
        String spec = spec();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(spec.contains("| `" + code.wire() + "` | " + code.httpStatus() + " |"), code.wire());
        }
    }

    @Test
    void everyMessageType_hasItsKindAndLifetimeRow_andASchemaFile() throws IOException {
        String spec = spec();
        for (MessageType type : MessageType.values()) {
            assertTrue(spec.contains("| `" + type.wire() + "` | "), type.wire());
            assertTrue(Files.exists(Path.of("schemas", type.wire() + ".schema.json")), type.wire());
        }
    }
}
