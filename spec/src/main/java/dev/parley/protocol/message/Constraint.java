package dev.parley.protocol.message;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A constraint on a product attribute in an intent or interest: a value to equal
 * ({@code "vegan": true}), one of several ({@code {"in": ["M","L"]}}) or a numeric range
 * ({@code {"min": 200, "max": 500}}).
 */
@JsonSerialize(using = Constraint.Writer.class)
@JsonDeserialize(using = Constraint.Reader.class)
public sealed interface Constraint {

    /** Whether a product's attribute value (null when absent) satisfies this constraint. */
    boolean test(AttributeValue value);

    record Equals(AttributeValue value) implements Constraint {
        public Equals {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean test(AttributeValue actual) {
            if (actual == null) {
                return false;
            }
            if (value instanceof AttributeValue.Flag f) {
                return actual instanceof AttributeValue.Flag a && a.value() == f.value();
            }
            if (value instanceof AttributeValue.Number n) {
                return actual instanceof AttributeValue.Number a && a.value().compareTo(n.value()) == 0;
            }
            if (value instanceof AttributeValue.Text t) {
                return actual.matches(t.value());
            }
            return ((AttributeValue.TextList) value).values().stream().allMatch(actual::matches);
        }
    }

    record In(List<AttributeValue> values) implements Constraint {
        public In {
            values = Checks.list("in", values, 1, 50);
        }

        @Override
        public boolean test(AttributeValue actual) {
            return values.stream().anyMatch(v -> new Equals(v).test(actual));
        }
    }

    record Range(BigDecimal min, BigDecimal max) implements Constraint {
        public Range {
            if (min == null && max == null) {
                throw new IllegalArgumentException("a range needs min or max");
            }
            if (min != null && max != null && min.compareTo(max) > 0) {
                throw new IllegalArgumentException("range min " + min + " exceeds max " + max);
            }
            min = normalize(min);
            max = normalize(max);
        }

        private static BigDecimal normalize(BigDecimal v) {
            return v == null ? null : ((AttributeValue.Number) AttributeValue.of(v)).value();
        }

        @Override
        public boolean test(AttributeValue actual) {
            if (!(actual instanceof AttributeValue.Number n)) {
                return false;
            }
            return (min == null || n.value().compareTo(min) >= 0) && (max == null || n.value().compareTo(max) <= 0);
        }
    }

    /** Writes the wire form. */
    final class Writer extends JsonSerializer<Constraint> {
        @Override
        public void serialize(Constraint c, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (c instanceof Equals e) {
                provider.defaultSerializeValue(e.value(), gen);
            } else if (c instanceof In in) {
                gen.writeStartObject();
                gen.writeFieldName("in");
                gen.writeStartArray();
                for (AttributeValue v : in.values()) {
                    provider.defaultSerializeValue(v, gen);
                }
                gen.writeEndArray();
                gen.writeEndObject();
            } else {
                Range r = (Range) c;
                gen.writeStartObject();
                if (r.min() != null) {
                    gen.writeNumberField("min", r.min());
                }
                if (r.max() != null) {
                    gen.writeNumberField("max", r.max());
                }
                gen.writeEndObject();
            }
        }
    }

    /** Reads the wire form. */
    final class Reader extends JsonDeserializer<Constraint> {
        @Override
        public Constraint deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (node instanceof ObjectNode obj) {
                if (obj.has("in")) {
                    List<AttributeValue> values = new ArrayList<>();
                    for (JsonNode v : obj.get("in")) {
                        values.add(ctxt.readTreeAsValue(v, AttributeValue.class));
                    }
                    return new In(values);
                }
                JsonNode min = obj.get("min");
                JsonNode max = obj.get("max");
                return new Range(min == null ? null : min.decimalValue(), max == null ? null : max.decimalValue());
            }
            return new Equals(ctxt.readTreeAsValue(node, AttributeValue.class));
        }
    }
}
