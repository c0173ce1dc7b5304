package dev.parley.protocol.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.MessageType;
import java.time.Instant;

/**
 * A message that passed every check of the verification procedure. Only {@link Verifier} can
 * make one, so code that takes a {@code VerifiedMessage} cannot be handed unverified data.
 * Immutable: the body is exposed as a copy or bound to a record.
 */
public final class VerifiedMessage {
    private final String compact;
    private final String alg;
    private final String kid;
    private final MessageType type;
    private final String id;
    private final String iss;
    private final String aud;
    private final long iat;
    private final long exp;
    private final String thread;
    private final String re;
    private final ObjectNode payload;

    VerifiedMessage(String compact, String alg, String kid, MessageType type, String id, String iss, String aud,
            long iat, long exp, String thread, String re, ObjectNode payload) {
        this.compact = compact;
        this.alg = alg;
        this.kid = kid;
        this.type = type;
        this.id = id;
        this.iss = iss;
        this.aud = aud;
        this.iat = iat;
        this.exp = exp;
        this.thread = thread;
        this.re = re;
        this.payload = payload;
    }

    /** The message exactly as received: store, relay or present it and it still verifies. */
    public String compact() {
        return compact;
    }

    public String alg() {
        return alg;
    }

    public String kid() {
        return kid;
    }

    public MessageType type() {
        return type;
    }

    public String id() {
        return id;
    }

    public String issuer() {
        return iss;
    }

    /** The audience, or null for broadcast documents. */
    public String audience() {
        return aud;
    }

    public Instant issuedAt() {
        return Instant.ofEpochSecond(iat);
    }

    public Instant expiresAt() {
        return Instant.ofEpochSecond(exp);
    }

    /** The conversation this message belongs to, or null. */
    public String thread() {
        return thread;
    }

    /** The id of the message this one answers, or null. */
    public String re() {
        return re;
    }

    /** A copy of the whole payload. */
    public ObjectNode payload() {
        return payload.deepCopy();
    }

    /** A copy of the body. */
    public ObjectNode bodyTree() {
        return (ObjectNode) payload.get("body").deepCopy();
    }

    /** The body bound to its record (schema-checked already). */
    public <T> T body(Class<T> type) throws ProtocolException {
        return ParleyJson.bind(payload.get("body"), type);
    }

    @Override
    public String toString() {
        return type + " " + id + " from " + iss;
    }
}
