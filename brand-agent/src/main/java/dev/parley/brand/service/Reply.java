package dev.parley.brand.service;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.message.MessageType;
import java.util.Objects;

/**
 * The signed answer to one posted message: its HTTP status, the JWS, its type, and the error
 * code when it is an {@code error} (null otherwise). {@code retryAfter} (seconds) accompanies
 * {@code rate_limited} and {@code unavailable}.
 */
public record Reply(int status, String compact, MessageType type, ErrorCode error, Long retryAfter) {
    public Reply {
        Objects.requireNonNull(compact, "compact");
        Objects.requireNonNull(type, "type");
    }

    public boolean ok() {
        return error == null;
    }
}
