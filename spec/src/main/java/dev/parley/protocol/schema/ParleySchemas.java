package dev.parley.protocol.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.parley.protocol.message.MessageType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's JSON Schemas (spec/schemas, shipped on the classpath under dev/parley/schemas),
 * compiled once: one whole-payload schema per message type. Schema ids under
 * {@value #BASE_ID} resolve to the classpath, so validation never touches the network.
 * Thread-safe.
 */
public final class ParleySchemas {
    /** The {@code $id} prefix of every Parley schema. */
    public static final String BASE_ID = "https://parley.dev/schemas/0.1/";
    private static final String CLASSPATH_BASE = "classpath:dev/parley/schemas/";
    private static final int MAX_REPORTED_ERRORS = 5;

    private static volatile ParleySchemas standard;

    private final SchemaRegistry registry;
    private final Map<MessageType, Schema> byType = new EnumMap<>(MessageType.class);

    private ParleySchemas() {
        this.registry = newRegistry();
        for (MessageType type : MessageType.values()) {
            byType.put(type, registry.getSchema(SchemaLocation.of(BASE_ID + type.wire() + ".schema.json")));
        }
    }

    /** The schema registry configuration the core uses (classpath-mapped ids, draft 2020-12). */
    public static SchemaRegistry newRegistry() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(BASE_ID, CLASSPATH_BASE)));
    }

    /** The standard schemas, loaded on first use. */
    public static ParleySchemas standard() {
        ParleySchemas s = standard;
        if (s == null) {
            synchronized (ParleySchemas.class) {
                s = standard;
                if (s == null) {
                    s = new ParleySchemas();
                    standard = s;
                }
            }
        }
        return s;
    }

    /** The schema of a whole payload of the given type. */
    public Schema schema(MessageType type) {
        return byType.get(type);
    }

    /**
     * Validates a whole payload against its type's schema.
     *
     * @return human-readable violations (at most a few), empty when valid
     */
    public List<String> validate(MessageType type, JsonNode payload) {
        Schema schema = byType.get(type);
        // The boolean output format stops at the first failure and builds no messages: valid
        // messages, the common case, pay only for the checks; invalid ones are validated again
        // to report what is wrong.
        if (Boolean.TRUE.equals(schema.validate(payload, OutputFormat.BOOLEAN))) {
            return List.of();
        }
        List<Error> errors = schema.validate(payload);
        if (errors.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Error error : errors) {
            if (out.size() == MAX_REPORTED_ERRORS) {
                out.add("… " + (errors.size() - MAX_REPORTED_ERRORS) + " more");
                break;
            }
            out.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return out;
    }
}
