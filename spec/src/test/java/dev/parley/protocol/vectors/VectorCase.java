package dev.parley.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.MessageType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One test vector: the settings of a fresh verifier and the messages it is given in order, each
 * with the outcome it must produce. Written as one JSON file (see spec/vectors/README.md).
 *
 * @param name the file's path under spec/vectors without ".json", e.g. {@code invalid/alg-none}
 * @param deterministic whether regenerating it gives the same bytes (false for ES256 signatures)
 */
record VectorCase(String name, String description, boolean deterministic, Settings settings, List<Step> steps) {

    VectorCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(settings, "settings");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a vector needs at least one message: " + name);
        }
    }

    /**
     * The verifier a vector is run against.
     *
     * @param now the verifier's clock, epoch seconds
     * @param audience the verifier's own identity, which addressed messages must name
     * @param trustedJwks issuer (HTTPS origin) to JWKS file, relative to spec/vectors
     */
    record Settings(long now, String audience, Map<String, String> trustedJwks) {
        Settings {
            Objects.requireNonNull(audience, "audience");
            trustedJwks = new TreeMap<>(trustedJwks);
        }
    }

    /**
     * One message and its expected outcome: accepted as {@code type}, or refused with
     * {@code error}. {@code presentedBy}, when set, means the message is a document presented
     * again inside another message by that party, verified without the replay check and with
     * that party as the expected audience (spec/PROTOCOL.md, end of section 4.1).
     */
    record Step(String jws, String presentedBy, MessageType type, String id, String iss, ErrorCode error) {
        Step {
            Objects.requireNonNull(jws, "jws");
            if ((error == null) == (type == null)) {
                throw new IllegalArgumentException("a step expects either acceptance (type) or an error");
            }
        }

        static Step accepted(String jws, MessageType type, String id, String iss) {
            return new Step(jws, null, type, Objects.requireNonNull(id, "id"), Objects.requireNonNull(iss, "iss"), null);
        }

        static Step refused(String jws, ErrorCode error) {
            return new Step(jws, null, null, null, null, error);
        }

        /** The same expectation, for the message presented again by {@code party}. */
        Step presentedBy(String party) {
            return new Step(jws, Objects.requireNonNull(party, "party"), type, id, iss, error);
        }
    }

    ObjectNode toJson() {
        ObjectNode node = ParleyJson.object();
        node.put("name", name);
        node.put("description", description);
        node.put("deterministic", deterministic);
        ObjectNode verifier = node.putObject("verifier");
        verifier.put("now", settings.now());
        verifier.put("audience", settings.audience());
        ObjectNode trust = verifier.putObject("trusted_jwks");
        settings.trustedJwks().forEach(trust::put);
        ArrayNode messages = node.putArray("messages");
        for (Step step : steps) {
            ObjectNode message = messages.addObject();
            message.put("jws", step.jws());
            if (step.presentedBy() != null) {
                message.put("presented_by", step.presentedBy());
            }
            ObjectNode expect = message.putObject("expect");
            if (step.error() == null) {
                expect.put("ok", true);
                expect.put("type", step.type().wire());
                expect.put("id", step.id());
                expect.put("iss", step.iss());
            } else {
                expect.put("ok", false);
                expect.put("error", step.error().wire());
            }
        }
        return node;
    }
}
