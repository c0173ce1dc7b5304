package dev.parley.protocol.sign;

import dev.parley.protocol.message.MessageType;
import java.util.Objects;

/** A message this side signed: its JWS compact serialization and the envelope facts callers need. */
public record SignedMessage(String compact, MessageType type, String id, long iat, long exp) {
    public SignedMessage {
        Objects.requireNonNull(compact, "compact");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return compact;
    }
}
